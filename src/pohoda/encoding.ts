/**
 * Text encodings of POHODA XML: windows-1250 is what POHODA speaks (its responses always are);
 * exports may also come as UTF-8. Decoding follows the XML declaration; encoding to windows-1250
 * reports every character it cannot hold instead of losing it.
 *
 * @module
 */

const decoder1250 = new TextDecoder("windows-1250");

/** Unicode character → windows-1250 byte, built from the WHATWG decoder so the two always agree. */
const table: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder1250.decode(Uint8Array.of(byte));
    if (char !== "\uFFFD") map.set(char.codePointAt(0)!, byte);
  }
  return map;
})();

/** A character windows-1250 cannot hold. */
export interface Unencodable {
  char: string;
  /** `U+0219` */
  codePoint: string;
}

/** The distinct characters of `text` that windows-1250 cannot hold, in order of appearance. */
export function unencodable(text: string): Unencodable[] {
  const seen = new Map<string, Unencodable>();
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80 || table.has(cp) || seen.has(char)) continue;
    seen.set(char, { char, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` });
  }
  return [...seen.values()];
}

/** Encodes `text` as windows-1250; throws if a character does not fit (check with {@linkcode unencodable}). */
export function encode1250(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const byte = cp < 0x80 ? cp : table.get(cp);
    if (byte === undefined) throw new RangeError(`windows-1250 cannot hold ${char} (U+${cp.toString(16)})`);
    out[i++] = byte;
  }
  return out.subarray(0, i);
}

/** Replaces letters with diacritics windows-1250 lacks (ș ț ă ő …) by their base letter where that fits. */
export function transliterate(text: string): string {
  if (unencodable(text).length === 0) return text;
  let out = "";
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80 || table.has(cp)) {
      out += char;
      continue;
    }
    // Keep the decomposed form's encodable part: "ș" = "s" + U+0326 → "s". Marks alone are dropped.
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += base !== "" && unencodable(base).length === 0 ? base : char;
  }
  return out;
}

/** The XML document's text, decoded as its declaration says (UTF-8 when it says nothing). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes);
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const label = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (!label || /^utf-?8$/i.test(label)) return utf8(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new SyntaxError(`the XML declares the encoding "${label}", which spojka does not know`);
  }
  return decoder.decode(bytes);
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SyntaxError("the XML declares UTF-8 but its bytes are not valid UTF-8 (is it windows-1250?)");
  }
}
