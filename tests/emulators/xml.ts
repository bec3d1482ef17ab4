/**
 * A minimal XML writer for the POHODA documents the emulators produce (FLOWii's dataPacks, mServer's
 * responsePacks): an element tree whose optional parts can be inlined as `undefined`, one escaping
 * for text and attributes, and one serialiser, without pulling in a builder library.
 *
 * @module
 */

import { encodeWindows1250 } from "./cp1250.ts";

/** Attribute values by name, in document order; `undefined` leaves the attribute out. */
export type XmlAttrs = Record<string, string | undefined>;

/** An element with either text content or child elements. */
export interface XmlElement {
  name: string;
  attrs: XmlAttrs;
  children: XmlElement[];
  text?: string;
}

/** Character encoding of a written document. */
export type XmlEncoding = "windows-1250" | "utf-8";

/** Element with children; `undefined` children are dropped, so optional parts can be inlined. */
export function el(name: string, attrs: XmlAttrs, ...children: (XmlElement | undefined)[]): XmlElement {
  return { name, attrs, children: children.filter((c): c is XmlElement => c !== undefined) };
}

/** Text-only element (a number is written as `String` writes it), or `undefined` when `text` is. */
export function leaf(
  name: string,
  text: string | number | undefined,
  attrs: XmlAttrs = {},
): XmlElement | undefined {
  return text === undefined ? undefined : { name, attrs, children: [], text: String(text) };
}

// Everything outside the XML 1.0 `Char` production (C0 controls, lone surrogates, U+FFFE/F),
// which XML cannot carry even as a character reference.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * Escapes text content; characters XML cannot carry at all are dropped. A CR is escaped too, because
 * a parser would turn a literal one into LF.
 */
export function escapeText(text: string): string {
  return text.replace(INVALID_XML_CHARS, "").replace(/[&<>\r]/g, (ch) => REFERENCES[ch]);
}

/**
 * Escapes an attribute value for double quotes. Tabs and line breaks become references, because a
 * parser would turn literal ones into spaces.
 */
export function escapeAttr(text: string): string {
  return text.replace(INVALID_XML_CHARS, "").replace(/[&<>"\t\n\r]/g, (ch) => REFERENCES[ch]);
}

function attributes(element: XmlElement): string {
  return Object.entries(element.attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttr(value!)}"`)
    .join("");
}

function render(element: XmlElement, indent: string, out: string[]): void {
  const attrs = attributes(element);
  if (element.text !== undefined) {
    out.push(`${indent}<${element.name}${attrs}>${escapeText(element.text)}</${element.name}>`);
  } else if (element.children.length === 0) {
    out.push(`${indent}<${element.name}${attrs}/>`);
  } else {
    out.push(`${indent}<${element.name}${attrs}>`);
    for (const child of element.children) render(child, indent + "  ", out);
    out.push(`${indent}</${element.name}>`);
  }
}

/** The label each encoding has in the XML declaration, spelled as POHODA writes it. */
const DECLARED: Record<XmlEncoding, string> = { "windows-1250": "Windows-1250", "utf-8": "UTF-8" };

/**
 * The document text: the XML declaration naming `encoding`, then `root` indented by two spaces per
 * level, with CRLF line ends as the Windows programs (POHODA, FLOWii) write their files.
 */
export function renderDocument(root: XmlElement, encoding: XmlEncoding): string {
  const out = [`<?xml version="1.0" encoding="${DECLARED[encoding]}"?>`];
  render(root, "", out);
  return out.join("\r\n") + "\r\n";
}

/** {@link renderDocument} as bytes; windows-1250 turns each character it cannot hold into "?". */
export function encodeDocument(root: XmlElement, encoding: XmlEncoding): Uint8Array<ArrayBuffer> {
  return encode(renderDocument(root, encoding), encoding);
}

function encode(text: string, encoding: XmlEncoding): Uint8Array<ArrayBuffer> {
  return encoding === "utf-8" ? new TextEncoder().encode(text) : encodeWindows1250(text);
}

/**
 * {@link encodeDocument} of `root` with `children` (which replace `root.children`), produced lazily in
 * chunks of about `chunkChars` characters: a document of hundreds of megabytes never exists as one
 * string. With at least one child the chunks joined equal `encodeDocument`'s bytes.
 */
export function* encodeDocumentChunks(
  root: XmlElement,
  children: Iterable<XmlElement>,
  encoding: XmlEncoding,
  chunkChars = 1 << 20,
): Generator<Uint8Array<ArrayBuffer>> {
  let pending = [
    `<?xml version="1.0" encoding="${DECLARED[encoding]}"?>`,
    `<${root.name}${attributes(root)}>`,
  ];
  let size = 0;
  for (const child of children) {
    const lines: string[] = [];
    render(child, "  ", lines);
    pending.push(...lines);
    size += lines.reduce((sum, line) => sum + line.length, 0);
    if (size >= chunkChars) {
      // Each chunk ends with a line end, so chunks join exactly as `renderDocument` joins lines.
      yield encode(pending.join("\r\n") + "\r\n", encoding);
      pending = [];
      size = 0;
    }
  }
  pending.push(`</${root.name}>`);
  yield encode(pending.join("\r\n") + "\r\n", encoding);
}
