/**
 * Text encodings of POHODA XML: windows-1250 is what POHODA speaks (its responses always are);
 * exports may also come as UTF-8. Decoding follows the XML declaration; encoding to windows-1250
 * reports every character it cannot hold instead of losing it.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";

const decoder1250 = new TextDecoder("windows-1250");

/**
 * windows-1250 byte of each UTF-16 code unit, -1 where there is none; built from the WHATWG decoder so
 * the two always agree. Every windows-1250 character is in the BMP, so code units are enough. The
 * five bytes windows-1250 leaves undefined (0x81, 0x83, 0x88, 0x90, 0x98) decode to C1 controls:
 * those are not characters POHODA can take, so nothing encodes to them.
 */
const BYTE_OF: Int16Array = (() => {
  const table = new Int16Array(0x10000).fill(-1);
  for (let byte = 0; byte < 256; byte++) {
    const unit = decoder1250.decode(Uint8Array.of(byte)).charCodeAt(0);
    if (unit !== 0xfffd && !(unit >= 0x80 && unit <= 0x9f)) table[unit] = byte;
  }
  return table;
})();

/** Matches a code unit windows-1250 cannot hold: a native scan, far faster than a loop in JavaScript. */
export const UNENCODABLE = new RegExp(
  `[^\\0-\\x7F${
    [...BYTE_OF.keys()].filter((unit) => unit >= 0x80 && BYTE_OF[unit] >= 0)
      .map((unit) => `\\u${unit.toString(16).padStart(4, "0")}`).join("")
  }]`,
);

/** A character windows-1250 cannot hold. */
export interface Unencodable {
  char: string;
  /** `U+0219` */
  codePoint: string;
}

/** The character (a surrogate pair counts as one) at `i` of `text`. */
function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  return cp > 0xffff ? text.slice(i, i + 2) : text[i];
}

/** The distinct characters of `text` that windows-1250 cannot hold, in order of appearance. */
export function unencodable(text: string): Unencodable[] {
  const first = text.search(UNENCODABLE);
  if (first < 0) return [];
  const seen = new Map<string, Unencodable>();
  for (let i = first; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80 || BYTE_OF[unit] >= 0) continue;
    const char = charAt(text, i);
    i += char.length - 1;
    if (seen.has(char)) continue;
    const cp = char.codePointAt(0)!;
    seen.set(char, { char, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` });
  }
  return [...seen.values()];
}

/** Encodes `text` as windows-1250; throws if a character does not fit (check with {@linkcode unencodable}). */
export function encode1250(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const byte = unit < 0x80 ? unit : BYTE_OF[unit];
    if (byte < 0) {
      const char = charAt(text, i);
      throw new RangeError(`windows-1250 cannot hold ${char} (U+${char.codePointAt(0)!.toString(16)})`);
    }
    out[i] = byte;
  }
  return out;
}

/**
 * {@linkcode BYTE_OF} for what an item may carry to POHODA as it is: no NUL and no control character
 * but tab, LF and CR (the field check's `OK` class).
 */
const CLEAN_BYTE_OF: Int16Array = (() => {
  const table = BYTE_OF.slice();
  table.fill(-1, 0, 0x20);
  for (const unit of [0x09, 0x0a, 0x0d]) table[unit] = unit;
  return table;
})();

/**
 * Writes `text` as windows-1250 into `out` from `at` (one byte per character) when every character
 * is one POHODA takes as it is, and returns where it ends; -1 when one is not (outside windows-1250,
 * NUL, a control character), for the field check to name it.
 */
export function encodeClean1250Into(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const byte = CLEAN_BYTE_OF[text.charCodeAt(i)];
    if (byte < 0) return -1;
    out[at + i] = byte;
  }
  return at + text.length;
}

/** Replaces letters with diacritics windows-1250 lacks (ș ț ă ő …) by their base letter where that fits. */
export function transliterate(text: string): string {
  if (!UNENCODABLE.test(text)) return text;
  let out = "";
  for (const char of text) {
    if (!UNENCODABLE.test(char)) {
      out += char;
      continue;
    }
    // Keep the decomposed form's encodable part: "ș" = "s" + U+0326 → "s". Marks alone are dropped.
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += base !== "" && !UNENCODABLE.test(base) ? base : char;
  }
  return out;
}

/** How much of a document's start is searched for its XML declaration. */
const HEAD_BYTES = 1024;

/** The XML document's text, decoded as its declaration says (UTF-8 when it says nothing). */
export function decodeXml(bytes: Uint8Array): string {
  const { decoder, body } = sniff(bytes);
  return decode(decoder, body, false);
}

/** What {@linkcode decodeXmlStream} tells its caller besides the text. */
export interface DecodeNotes {
  /**
   * The document declares a single-byte encoding (windows-1250 …) but its bytes are UTF-8: it is
   * read as UTF-8, since read as declared every letter with a diacritic would come out garbled.
   */
  mislabelled?(declared: string): void;
}

/**
 * {@linkcode decodeXml} for a document arriving in pieces: the start is held until the encoding is
 * known (a byte-order mark, the end of the XML declaration, or {@linkcode HEAD_BYTES} bytes), then
 * every piece is decoded as it comes; a character split between pieces is put together.
 *
 * A document declaring a single-byte encoding is also held from its first non-ASCII byte until
 * {@linkcode SNIFF_BYTES} more have come: if they are valid UTF-8, the declaration lies (real
 * windows-1250 text with diacritics is not valid UTF-8 for long), and UTF-8 is what is read.
 */
export async function* decodeXmlStream(
  bytes: AsyncIterable<Uint8Array>,
  notes: DecodeNotes = {},
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  /** The declared single-byte encoding, until the bytes after the first non-ASCII one confirmed it. */
  let unconfirmed: string | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  /** Decides on the held bytes (at the end: on what there is); true when decoding may go on. */
  const confirm = (final: boolean): boolean => {
    const first = pending.findIndex((byte) => byte >= 0x80);
    if (first < 0) return true; // ASCII reads the same either way: decided later
    if (pending.length - first < SNIFF_BYTES && !final) return false;
    if (isUtf8(pending.subarray(first, first + SNIFF_BYTES), final)) {
      notes.mislabelled?.(unconfirmed!);
      decoder = utf8();
    }
    unconfirmed = undefined;
    return true;
  };
  for await (const piece of bytes) {
    if (decoder && unconfirmed === undefined) {
      pending = piece;
    } else {
      pending = concat(pending, piece);
      if (!decoder) {
        if (pending.length < HEAD_BYTES && !(pending.length >= 3 && pending.includes(0x3e /* > */))) continue;
        ({ decoder, body: pending } = sniff(pending));
        if (decoder.encoding !== "utf-8" && !decoder.encoding.startsWith("utf-16")) {
          unconfirmed = decoder.encoding;
        }
      }
      if (unconfirmed !== undefined && !confirm(false)) continue;
    }
    const text = decode(decoder, pending, true);
    pending = new Uint8Array(0);
    if (text !== "") yield text;
  }
  if (!decoder) ({ decoder, body: pending } = sniff(pending));
  if (unconfirmed !== undefined) confirm(true);
  const rest = decode(decoder!, pending, false);
  if (rest !== "") yield rest;
}

/** Bytes after the first non-ASCII one that decide whether a single-byte declaration holds. */
const SNIFF_BYTES = 4096;

/** Whether `bytes` (starting with a non-ASCII byte) are UTF-8; a character cut at the end counts. */
function isUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    utf8().decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The decoder the document's start asks for, and the bytes after its byte-order mark. */
function sniff(bytes: Uint8Array): { decoder: TextDecoder; body: Uint8Array } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { decoder: utf8(), body: bytes.subarray(3) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // The UTF-16 decoder consumes the mark itself.
    return {
      decoder: new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }),
      body: bytes,
    };
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD_BYTES));
  const label = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (!label || /^utf-?8$/i.test(label)) return { decoder: utf8(), body: bytes };
  try {
    return { decoder: new TextDecoder(label), body: bytes };
  } catch {
    throw new SyntaxError(m.pohodaExport.unknownEncoding(label));
  }
}

function utf8(): TextDecoder {
  return new TextDecoder("utf-8", { fatal: true });
}

/**
 * Decodes a piece (`stream`: more follow). Bytes the encoding cannot hold are a `SyntaxError` like
 * any other fault of the file (the WHATWG decoder throws a `TypeError`), with a message saying what.
 */
function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    throw new SyntaxError(
      decoder.encoding === "utf-8"
        ? m.pohodaExport.notUtf8
        : m.pohodaExport.badBom(decoder.encoding.toUpperCase()),
      { cause: e },
    );
  }
}
