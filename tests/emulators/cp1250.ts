/**
 * windows-1250 (cp1250), the code page POHODA stores its data in and both the FLOWii export and the
 * mServer answers are written in. `TextEncoder` only speaks UTF-8, so the byte table is derived once
 * from the platform's windows-1250 `TextDecoder`.
 *
 * @module
 */

/** What a character windows-1250 cannot represent becomes, as with any lossy legacy encoder. */
const REPLACEMENT = "?";

const decoder = new TextDecoder("windows-1250");

/** Unicode character → windows-1250 byte. */
const BYTE_OF: ReadonlyMap<string, number> = new Map(
  Array.from({ length: 256 }, (_, byte) => [decoder.decode(Uint8Array.of(byte)), byte] as const)
    // Microsoft leaves five bytes undefined. The WHATWG decoder (Deno's) maps them to the C1 controls
    // U+0081…U+0098, but a decoder that answers U+FFFD for them must not make U+FFFD encodable.
    .filter(([ch]) => ch !== "\uFFFD"),
);

/** The distinct characters of `text` that windows-1250 cannot represent, in order of appearance. */
export function unencodableChars(text: string): string[] {
  return [...new Set([...text].filter((ch) => !BYTE_OF.has(ch)))];
}

/**
 * `text` with every character windows-1250 cannot represent replaced by "?" (one per code point, so
 * an emoji gives one). The mServer emulator applies this to all text it stores, because POHODA keeps
 * its data in windows-1250 and such characters are lost (reference §5 says "assume loss"); tests can
 * then see what a client failed to transliterate.
 */
export function toWindows1250Repertoire(text: string): string {
  let out = "";
  for (const ch of text) out += BYTE_OF.has(ch) ? ch : REPLACEMENT;
  return out;
}

/** Encodes `text` as windows-1250 bytes, one per code point; unrepresentable characters become "?". */
export function encodeWindows1250(text: string): Uint8Array<ArrayBuffer> {
  const fallback = BYTE_OF.get(REPLACEMENT)!;
  return Uint8Array.from(text, (ch) => BYTE_OF.get(ch) ?? fallback);
}
