/**
 * Keeps secrets out of everything spojka writes. Once a secret is known to the process it is
 * registered here; every log line passes through {@linkcode redact}, and every answer a server
 * sends through {@linkcode redactBytes} before anything reads, keeps or reports it, so a server
 * that echoes a password puts it into no message, state, kept response or log.
 *
 * A secret is found in any of the forms it travels in: as it is; percent-encoded
 * (`encodeURIComponent`, form encoding with `+` for a space and `!'()~` encoded, upper or lower
 * case hex, of its UTF-8 or windows-1250 bytes); JSON-escaped (`\"`, `\/`, `\u00e9`); XML-escaped
 * (`&amp;`, `&#233;`); in UTF-8 or windows-1250 bytes; and in Base64 or base64url, alone or inside
 * a longer value such as Basic authentication's `user:secret`, whose whole token is then masked.
 * Each character may take any of its forms, so one pattern per secret covers every mix, and all
 * secrets share one regular expression.
 *
 * Short secrets would mask ordinary text, so (documented in README.md):
 * - shorter than {@linkcode MIN_SECRET} characters: not redacted at all;
 * - shorter than {@linkcode WHOLE_WORD_BELOW}: only where they stand alone, not inside a longer
 *   word or number;
 * - Base64 forms only where at least {@linkcode MIN_BASE64} Base64 characters depend on the
 *   secret alone.
 *
 * @module
 */

import { Buffer } from "node:buffer";

/** Secrets shorter than this many characters are not redacted: they would match ordinary words. */
export const MIN_SECRET = 4;
/** Secrets shorter than this many characters are redacted only as a whole word. */
export const WHOLE_WORD_BELOW = 8;
/** A Base64 form counts when at least this many of its characters depend on the secret alone. */
export const MIN_BASE64 = 8;

const MASK = "***";

const secrets = new Set<string>();
/**
 * Access tokens, newest last: a long-running `serve` gets a new one every few minutes, and every
 * secret kept makes the one pattern longer (a month of FLOWii tokens made masking 10 kB take 2.5 s).
 * A token past its life is not a secret any more; the last few are kept for answers still on the way.
 */
const tokens: string[] = [];
/** How many access tokens are masked. */
const KEPT_TOKENS = 4;
/** The patterns of the registered secrets; rebuilt when one is added. */
let compiled: { text: RegExp; bytes: RegExp } | undefined;

/** Registers a secret so that it is masked wherever it would be printed or stored. */
export function registerSecret(value: string | undefined): void {
  if (!value || [...value].length < MIN_SECRET || secrets.has(value)) return;
  secrets.add(value);
  compiled = undefined;
}

/** Registers a short-lived access token: masked like a secret, while it is among the last few. */
export function registerToken(value: string): void {
  if ([...value].length < MIN_SECRET || tokens.includes(value) || secrets.has(value)) return;
  tokens.push(value);
  if (tokens.length > KEPT_TOKENS) tokens.shift();
  compiled = undefined;
}

/** Returns `text` with every registered secret, in any of its forms, replaced by `***`. */
export function redact(text: string): string {
  if (secrets.size === 0 && tokens.length === 0) return text;
  const found = matches(text, patterns().text);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of found) {
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Returns `bytes` (text in UTF-8, windows-1250 or any ASCII-compatible encoding) with every
 * registered secret replaced by `***`, every other byte as it was; the same array when there is none.
 */
export function redactBytes<T extends Uint8Array>(bytes: T): T | Uint8Array<ArrayBuffer> {
  if (secrets.size === 0 && tokens.length === 0) return bytes;
  const found = matches(binary(bytes), patterns().bytes);
  if (found.length === 0) return bytes;
  const mask = new TextEncoder().encode(MASK);
  const kept = found.reduce((sum, [start, end]) => sum - (end - start), bytes.length);
  const out = new Uint8Array(kept + found.length * mask.length);
  let at = 0;
  let written = 0;
  for (const [start, end] of found) {
    out.set(bytes.subarray(at, start), written);
    written += start - at;
    out.set(mask, written);
    written += mask.length;
    at = end;
  }
  out.set(bytes.subarray(at), written);
  return out;
}

/** The ranges `pattern` matches in `text`, Base64 matches widened to their whole token, merged. */
function matches(text: string, pattern: RegExp): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(pattern)) {
    let start = match.index;
    let end = start + match[0].length;
    if (match.groups?.base64 !== undefined) {
      while (start > 0 && BASE64_CHAR.test(text[start - 1])) start--;
      while (end < text.length && BASE64_CHAR.test(text[end])) end++;
      while (end < text.length && text[end] === "=") end++;
    }
    const last = ranges.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/** Each byte as one character (U+0000–U+00FF), so offsets in the string are offsets in the bytes. */
function binary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

function patterns(): { text: RegExp; bytes: RegExp } {
  if (compiled) return compiled;
  // Longer secrets first, so that of two secrets starting at one place the longer is masked whole.
  const all = [...secrets, ...tokens].sort((a, b) => b.length - a.length);
  const combine = (view: View) =>
    new RegExp(
      [
        ...all.map((secret) => secretPattern(secret, view)),
        `(?<base64>${all.flatMap(base64Forms).map(literal).join("|") || "(?!)"})`,
      ].join("|"),
      "gu",
    );
  compiled = { text: combine("text"), bytes: combine("bytes") };
  return compiled;
}

/** Where a pattern looks: decoded text, or bytes seen one character each (see {@linkcode binary}). */
type View = "text" | "bytes";

/** The secret with each character in any of its forms; a short one only as a whole word. */
function secretPattern(secret: string, view: View): string {
  const body = [...secret].map((char) => `(?:${charForms(char, view).join("|")})`).join("");
  if ([...secret].length >= WHOLE_WORD_BELOW) return body;
  // A letter or digit next to it makes it part of a longer word. In bytes, any non-ASCII byte may
  // be part of a letter.
  const word = view === "text" ? String.raw`[\p{L}\p{N}]` : String.raw`[A-Za-z0-9\x80-\xff]`;
  return `(?<!${word})${body}(?!${word})`;
}

/** The forms of one character, as regular expression source. */
function charForms(char: string, view: View): string[] {
  const code = char.codePointAt(0)!;
  const utf8 = new TextEncoder().encode(char);
  const cp1250 = code < 0x80 ? undefined : CP1250.get(char);
  const forms = new Set<string>();
  // As it is: the character, or in bytes its UTF-8 and windows-1250 bytes.
  if (view === "text") forms.add(literal(char));
  else {
    forms.add(literal(String.fromCharCode(...utf8)));
    if (cp1250 !== undefined) forms.add(literal(String.fromCharCode(cp1250)));
  }
  // Percent-encoded (URLs, form bodies) in either case of hex, of either encoding's bytes.
  forms.add([...utf8].map((byte) => `%${hexDigits(byte, 2)}`).join(""));
  if (cp1250 !== undefined) forms.add(`%${hexDigits(cp1250, 2)}`);
  if (char === " ") forms.add(String.raw`\+`);
  // JSON: its short escapes, and \uXXXX (a surrogate pair beyond the BMP).
  const json = JSON_ESCAPES[char];
  if (json) forms.add(literal(json));
  forms.add(
    [...char.split("")].map((unit) => String.raw`\\u${hexDigits(unit.charCodeAt(0), 4)}`).join(""),
  );
  // XML: named entities, and decimal or hexadecimal character references.
  const xml = XML_ENTITIES[char];
  if (xml) forms.add(literal(xml));
  forms.add(`&#0*${code};`);
  forms.add(`&#[xX]0*${hexDigits(code, 1)};`);
  return [...forms];
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Each character windows-1250 holds beyond ASCII, and its byte (every byte decodes to one character). */
const CP1250 = new Map(
  [...new TextDecoder("windows-1250").decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i))]
    .map((char, i) => [char, 0x80 + i]),
);

/** A number in hex, at least `width` digits, each digit matching either case. */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).toUpperCase().padStart(width, "0")]
    .map((digit) => /[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit).join("");
}

/**
 * The Base64 and base64url runs that depend on the secret alone, wherever it starts in the encoded
 * value (three alignments) and whether or not it ends it (with padding then), of its UTF-8 and
 * windows-1250 bytes.
 */
function base64Forms(secret: string): string[] {
  const encodings = [new TextEncoder().encode(secret)];
  const chars = [...secret];
  if (chars.some((c) => c.codePointAt(0)! >= 0x80) && chars.every((c) => c < "\x80" || CP1250.has(c))) {
    encodings.push(Uint8Array.from(chars, (c) => c < "\x80" ? c.charCodeAt(0) : CP1250.get(c)!));
  }
  const forms = new Set<string>();
  for (const bytes of encodings) {
    for (let offset = 0; offset < 3; offset++) {
      const padded = new Uint8Array(offset + bytes.length);
      padded.set(bytes, offset);
      const encoded = padded.toBase64();
      // Groups of 4 characters encode 3 bytes; those holding a byte before the secret are left out.
      const first = offset === 0 ? 0 : 4;
      const whole = encoded.slice(first, 4 * Math.floor((offset + bytes.length) / 3));
      const tail = encoded.slice(first);
      for (const form of [whole, tail]) {
        if (form.replace(/=+$/, "").length < MIN_BASE64) continue;
        forms.add(form);
        forms.add(form.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""));
      }
    }
  }
  return [...forms];
}

/** `text` as regular expression source matching exactly it (for a `u` pattern). */
function literal(text: string): string {
  return [...text].map((char) =>
    /[A-Za-z0-9]/.test(char) ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`
  ).join("");
}
