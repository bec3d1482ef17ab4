/**
 * A streaming, namespace-aware XML reader for one large document whose root holds many records
 * (a POHODA dataPack): the root's children come out one at a time as trees, so memory depends on
 * the largest record, not on the document. The same reader parses small documents whole.
 *
 * Scope, chosen for exports and mServer answers: XML 1.0 with namespaces, the five predefined
 * entities and character references. A DOCTYPE is refused (no DTD, no entity expansion). Character
 * classes of names are checked for ASCII only, and `]]>` or control characters in text are not
 * hunted for: what a stricter parser would refuse there is passed on, for POHODA to judge.
 *
 * The tokenizer works on a string buffer with charCodeAt loops and indexOf. The common constructs
 * (whitespace, text, a tag without attributes, an end tag) are each read in one tight loop: in V8 a
 * builtin call such as indexOf or startsWith costs as much as a loop over a dozen characters. A
 * construct that is not complete in the buffer is read again from its start once enough new text
 * has arrived (the wait doubles, so a long construct costs linear time). A record that grows past
 * `maxItemChars` is no longer built: a small state machine scans it to its end discarding what it
 * reads, so no construct, however long, is ever held.
 *
 * @module
 */

import { type Catalogue, m } from "../i18n/mod.ts";

/** An attribute; `ns` is set for prefixed attributes (other than namespace declarations). */
export interface XmlAttr {
  name: string;
  value: string;
  ns?: string;
}

/** An element: qualified name, resolved namespace URI (`""` for none), attributes, children. */
export interface XmlElement {
  name: string;
  ns: string;
  attrs: XmlAttr[];
  children: XmlNode[];
}

/** A node of the tree: an element or a piece of text. */
export type XmlNode = XmlElement | string;

/** Not well-formed XML (or XML spojka does not accept), with the position when known. */
export class XmlSyntaxError extends SyntaxError {
  constructor(message: string, line?: number, column?: number) {
    super(line === undefined ? message : m.xmlSyntax.at(message, line, column!));
  }
}

/** A construct the document may end inside: one of the catalogue's, or an element by its tag (`<inv:invoice>`). */
type Construct = keyof Catalogue["xmlSyntax"]["inside"] | `<${string}>`;

/** A construct in words. */
function constructName(what: Construct): string {
  return what.startsWith("<") ? what : m.xmlSyntax.inside[what as keyof Catalogue["xmlSyntax"]["inside"]];
}

/** Limits of {@linkcode readXmlItems}. */
export interface XmlStreamOptions {
  /** A child of the root longer than this (in characters, markup included) is skipped, not built. */
  maxItemChars: number;
  /** Deepest element nesting accepted, the root counting 1. Default {@linkcode MAX_DEPTH}. */
  maxDepth?: number;
  /**
   * Yield each child of the root as its source text (`record` events) instead of a tree: checked as
   * strictly, but nothing is built, so a record costs a scan and one slice.
   */
  raw?: boolean;
}

/** What {@linkcode readXmlItems} reports, in document order. */
export type XmlStreamEvent =
  /**
   * First: the root element with its attributes (its `children` stay empty), the namespaces in scope
   * inside it, and its start tag as written.
   */
  | { kind: "root"; root: XmlElement; scope: ReadonlyMap<string, string>; startTag: string }
  /** A child of the root, complete. `index` counts the root's child elements from 0. */
  | { kind: "item"; index: number; element: XmlElement }
  /**
   * With `raw`: a child of the root, complete, as written. `plain` when it declares no namespace of its
   * own and holds no comment, CDATA section, processing instruction or character reference: then its
   * prefixes mean what they mean on the root and its text is what its characters say.
   */
  | { kind: "record"; index: number; text: string; plain: boolean }
  /**
   * A child of the root longer than `maxItemChars`, skipped: `chars` is its length, and `partial` the
   * element as far as it was built before it went over (texts in progress left out), if it got that far.
   */
  | { kind: "oversized"; index: number; chars: number; partial?: XmlElement };

/** Default nesting limit: POHODA documents nest about 8 deep; this only stops a runaway input. */
export const MAX_DEPTH = 100;

/**
 * Reads a document from text chunks and yields its root, then each child of the root. A
 * well-formedness error is thrown where it is met, after the children before it were yielded.
 */
export async function* readXmlItems(
  chunks: AsyncIterable<string>,
  options: XmlStreamOptions,
): AsyncGenerator<XmlStreamEvent> {
  const events: XmlStreamEvent[] = [];
  const reader = new XmlReader(
    options.maxItemChars,
    options.maxDepth ?? MAX_DEPTH,
    (e) => events.push(e),
    options.raw ?? false,
  );
  for await (const chunk of chunks) yield* settle(() => reader.feed(chunk), events);
  yield* settle(() => reader.end(), events);
}

/** Runs one reader step, then hands out what it produced, even when the step failed halfway. */
function* settle(step: () => void, events: XmlStreamEvent[]): Generator<XmlStreamEvent> {
  let failure: { error: unknown } | undefined;
  try {
    step();
  } catch (error) {
    failure = { error };
  }
  yield* events.splice(0);
  if (failure) throw failure.error;
}

/** Parses a whole document and returns its root element. Throws `XmlSyntaxError`. */
export function parseXml(text: string): XmlElement {
  const reader = new XmlReader(Infinity, MAX_DEPTH);
  reader.feed(text);
  return reader.end();
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([["xml", XML_NS]]);

const TAB = 9, LF = 10, CR = 13, SP = 32, BANG = 33, DQUOTE = 34, HASH = 35, AMP = 38, SQUOTE = 39;
const DASH = 45, SLASH = 47, COLON = 58, SEMI = 59, LT = 60, EQ = 61, GT = 62, QUESTION = 63;
const LBRACKET = 91, LOWER_X = 120;

/** What a run of text holds, as bits: anything but whitespace, a reference, a CR. */
const TEXT = 1, REFERENCE = 2, CARRIAGE_RETURN = 4;

/** ASCII characters allowed in names: 2 = may start one, 1 = only inside. Other ASCII ends a name. */
const NAME_CHAR = (() => {
  const table = new Uint8Array(128);
  const set = (chars: string, kind: number) => {
    for (const c of chars) table[c.charCodeAt(0)] = kind;
  };
  set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:", 2);
  set("0123456789-.", 1);
  return table;
})();

/** Size of the name cache (a power of two). */
const NAME_SLOTS = 4096;
/** Longest element or attribute name accepted: a bound on what a skipped record holds in memory. */
const MAX_NAME = 1000;
/** Longest entity or character reference accepted (`&#x10FFFF;` is 10), leading zeros allowed. */
const MAX_REFERENCE = 16;

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  [
    "apos",
    "'",
  ],
]);

/** A name that occurs twice among the first `count` of `names`. */
function duplicate(names: string[], count: number): string | undefined {
  if (count <= 8) {
    for (let i = 1; i < count; i++) for (let j = 0; j < i; j++) if (names[i] === names[j]) return names[i];
    return undefined;
  }
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (seen.has(names[i])) return names[i];
    seen.add(names[i]);
  }
  return undefined;
}

/** An open element. Frames are reused by depth; `el` is unset while a record is skipped. */
interface Frame {
  name: string;
  el: XmlElement | undefined;
  scope: ReadonlyMap<string, string>;
  /** Text since the last child element, decoded; becomes a child when the run ends. */
  text: string;
  /** `text` is whitespace only (written so, not by references): dropped beside elements. */
  layout: boolean;
  hasElements: boolean;
}

/** Where the skip scanner stands, between chunks. */
const enum Skip {
  Text,
  Markup,
  Tag,
  Quoted,
  Comment,
  Cdata,
  Pi,
}

/**
 * The push parser under {@linkcode readXmlItems} and {@linkcode parseXml}. With an `emit` callback
 * it reports the root's children and does not keep them; without one it builds the whole tree.
 */
class XmlReader {
  /** Unread text; `buf[0]` is at absolute offset `base` of the document. */
  private buf = "";
  private pos = 0;
  private base = 0;
  /**
   * Line of `pos`, and the absolute offset where that line starts: for error positions. Newlines are
   * counted as they are read: in the loop over text, which sees nearly all of them, and over the few
   * other constructs that can hold one.
   */
  private line = 1;
  private lineStart = 0;
  /** An incomplete construct waits at `pos`: read again when the buffer reaches this absolute offset. */
  private retryAt = 0;

  private readonly frames: Frame[] = [];
  private depth = 0;
  private root: XmlElement | undefined;

  /** Absolute offset where the current child of the root starts; -1 between children. */
  private itemStart = -1;
  private index = 0;
  private skipping = false;
  private skip = Skip.Text;
  private quote = 0;
  private slashBeforeGt = false;
  private partial: XmlElement | undefined;

  /** The root's start tag as written, and the namespaces in scope inside it. */
  private rootStart = "";
  /** The current record (raw mode) has its own declarations, markup other than elements, or character references. */
  private plain = true;

  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];

  /**
   * Names seen lately, by a hash of their characters (computed while scanning them): a repeated name
   * is neither sliced nor hashed by a Map again, and its element namespace comes from a cache valid
   * for one scope.
   */
  private readonly names: (string | undefined)[] = new Array(NAME_SLOTS);
  private readonly nameScope: (ReadonlyMap<string, string> | undefined)[] = new Array(NAME_SLOTS);
  private readonly nameNs: string[] = new Array(NAME_SLOTS);
  /** Hash of the name {@linkcode nameEnd} scanned last. */
  private hash = 0;
  /** Cache slot of the name {@linkcode name} returned last. */
  private slot = 0;

  constructor(
    private readonly maxItemChars: number,
    private readonly maxDepth: number,
    private readonly emit?: (event: XmlStreamEvent) => void,
    /** Records come out as text (`record` events): inside them nothing is built. */
    private readonly raw = false,
  ) {}

  /** Reads the next piece of the document. */
  feed(chunk: string): void {
    if (this.base === 0 && this.buf.length === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    if (chunk.length === 0) return;
    this.compact();
    // join, not +: a flat string, which charCodeAt reads faster than a rope.
    this.buf = this.buf.length === 0 ? chunk : [this.buf, chunk].join("");
    const end = this.base + this.buf.length;
    if (
      this.skipping || end >= this.retryAt ||
      (this.itemStart >= 0 && end - this.itemStart > this.maxItemChars)
    ) {
      this.process(false);
    }
  }

  /** Reads what is left and checks the document is complete; returns the root. */
  end(): XmlElement {
    this.process(true);
    if (!this.root) this.fail(m.xmlSyntax.noRoot, this.pos);
    if (this.depth > 0) this.fail(m.xmlSyntax.endsInside(`<${this.top().name}>`), this.buf.length);
    return this.root;
  }

  /** Drops the read part of the buffer. */
  private compact(): void {
    // A raw record is sliced from the buffer when it ends: keep it from its start.
    const pos = this.raw && this.itemStart >= 0 && !this.skipping
      ? Math.min(this.pos, this.itemStart - this.base)
      : this.pos;
    if (pos === 0) return;
    this.base += pos;
    this.buf = this.buf.slice(pos);
    this.pos -= pos;
  }

  /** Counts the newlines of `buf[from, to)`, read past without the loop over text. */
  private lines(from: number, to: number): void {
    const buf = this.buf;
    for (let nl = buf.indexOf("\n", from); nl >= 0 && nl < to; nl = buf.indexOf("\n", nl + 1)) {
      this.line++;
      this.lineStart = this.base + nl + 1;
    }
  }

  private process(final: boolean): void {
    for (;;) {
      while (this.pos < this.buf.length && (this.skipping ? this.skipped(final) : this.step(final)));
      if (final) return;
      const end = this.base + this.buf.length;
      if (!this.skipping && this.itemStart >= 0 && end - this.itemStart > this.maxItemChars) {
        this.startSkipping();
        continue;
      }
      const waiting = this.buf.length - this.pos;
      if (!this.skipping && this.itemStart < 0 && waiting > this.maxItemChars) {
        this.fail(m.xmlSyntax.markupTooLong(this.maxItemChars), this.pos);
      }
      this.retryAt = end + waiting;
      return;
    }
  }

  /** Reads one construct at `pos`; false when it is incomplete (more text is needed). */
  private step(final: boolean): boolean {
    const buf = this.buf, len = buf.length;
    let p = this.pos;
    if (buf.charCodeAt(p) !== LT) {
      // One pass finds the next "<", notes what the text holds and counts its lines.
      let kind = 0, lines = 0, lineStart = 0;
      for (; p < len; p++) {
        const c = buf.charCodeAt(p);
        if (c === LT) break;
        if (c === LF) {
          lines++;
          lineStart = p + 1;
        } else if (c === AMP) kind |= TEXT | REFERENCE;
        else if (c === CR) kind |= CARRIAGE_RETURN;
        else if (c !== SP && c !== TAB) kind |= TEXT;
      }
      if (p === len) return this.trailingText(final);
      // Whitespace beside elements, the most common text, needs no more work.
      if (kind !== 0 || this.depth === 0 || !this.frames[this.depth - 1].hasElements) {
        this.text(this.pos, p, kind);
      }
      this.pos = p;
      if (lines > 0) {
        this.line += lines;
        this.lineStart = this.base + lineStart;
      }
    }
    if (p + 1 === len) return this.more("tag", final);
    const next = buf.charCodeAt(p + 1);
    if (next === SLASH) return this.endTag(final);
    if (next === BANG) return this.declaration(final);
    if (next === QUESTION) {
      if (this.depth > 1) this.plain = false;
      return this.skipPast("?>", 2, "pi", final);
    }
    return this.startTag(final);
  }

  /** Text up to the end of the buffer: read all but a possibly cut line end or reference, for the next chunk. */
  private trailingText(final: boolean): boolean {
    const buf = this.buf;
    let cut = buf.length;
    if (final) {
      if (this.depth > 0) this.fail(m.xmlSyntax.endsInside(`<${this.top().name}>`), cut);
    } else {
      if (buf.charCodeAt(cut - 1) === CR) cut--;
      for (let amp = buf.indexOf("&", Math.max(this.pos, cut - MAX_REFERENCE)); amp >= 0 && amp < cut;) {
        if (buf.indexOf(";", amp) < 0) {
          cut = amp;
          break;
        }
        amp = buf.indexOf("&", amp + 1);
      }
    }
    this.text(this.pos, cut, this.textKind(this.pos, cut));
    this.lines(this.pos, cut);
    this.pos = cut;
    return false;
  }

  /** What `buf[from, to)` holds: {@linkcode TEXT}, {@linkcode REFERENCE}, {@linkcode CARRIAGE_RETURN} bits. */
  private textKind(from: number, to: number): number {
    const buf = this.buf;
    let kind = 0;
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === AMP) kind |= TEXT | REFERENCE;
      else if (c === CR) kind |= CARRIAGE_RETURN;
      else if (c !== SP && c !== LF && c !== TAB) kind |= TEXT;
    }
    return kind;
  }

  /** Text `buf[from, to)` holding `kind`. */
  private text(from: number, to: number, kind: number): void {
    if (from === to) return;
    if (this.depth === 0) {
      if (kind & TEXT) this.fail(m.xmlSyntax.textOutside(this.root !== undefined), from);
      return;
    }
    if (!this.keepsText()) {
      // A raw record is not built, but its references are checked as if it were.
      if (this.raw && this.depth > 1 && kind & REFERENCE) this.decode(from, to, kind, false);
      return; // text between records belongs to none of them
    }
    const frame = this.frames[this.depth - 1];
    const layout = (kind & TEXT) === 0;
    if (layout && frame.hasElements) return; // whitespace beside elements is layout
    this.appendText(frame, this.decode(from, to, kind, false), layout);
  }

  /** Whether text at the current depth is kept: not between records (streaming), not while skipping. */
  private keepsText(): boolean {
    return this.emit === undefined || (this.depth > 1 && !this.raw);
  }

  private appendText(frame: Frame, text: string, layout: boolean): void {
    if (frame.text === "") {
      frame.text = text;
      frame.layout = layout;
    } else {
      frame.text += text;
      frame.layout &&= layout;
    }
  }

  /**
   * `buf[from, to)`, holding `kind`, with references decoded and line ends normalised: to LF in text
   * (XML 1.0 §2.11), to spaces in an attribute value, where tabs become spaces too (§3.3.3). What a
   * reference stands for is never normalised: `&#13;` stays a CR.
   */
  private decode(from: number, to: number, kind: number, attribute: boolean): string {
    const buf = this.buf;
    if ((kind & (REFERENCE | CARRIAGE_RETURN)) === 0 && !attribute) return buf.slice(from, to);
    let out = "";
    let last = from;
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === AMP && kind & REFERENCE) {
        let semi = i + 1;
        while (semi < to && semi - i <= MAX_REFERENCE && buf.charCodeAt(semi) !== SEMI) semi++;
        if (semi >= to || semi - i > MAX_REFERENCE) {
          this.fail(m.xmlSyntax.bareAmpersand, i);
        }
        out += buf.slice(last, i) + this.reference(i + 1, semi);
        last = semi + 1;
        i = semi;
      } else if (c === CR || (attribute && (c === LF || c === TAB))) {
        out += buf.slice(last, i) + (attribute ? " " : "\n");
        if (c === CR && buf.charCodeAt(i + 1) === LF && i + 1 < to) i++; // CR LF is one line end
        last = i + 1;
      }
    }
    return last === from ? buf.slice(from, to) : out + buf.slice(last, to);
  }

  /** The text of the reference `&buf[from, to);`: a predefined entity or a character reference. */
  private reference(from: number, to: number): string {
    const buf = this.buf;
    const name = buf.slice(from, to);
    const entity = ENTITIES.get(name);
    if (entity !== undefined) return entity;
    let code = NaN;
    if (buf.charCodeAt(from) === HASH) {
      this.plain = false;
      const hex = buf.charCodeAt(from + 1) === LOWER_X;
      const digits = name.slice(hex ? 2 : 1);
      if (hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits)) {
        code = parseInt(digits, hex ? 16 : 10);
      }
    }
    if (code !== code) {
      this.fail(m.xmlSyntax.undefinedEntity(name), from - 1);
    }
    const legal = code === TAB || code === LF || code === CR || (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!legal) this.fail(m.xmlSyntax.illegalCharacter(name), from - 1);
    return String.fromCodePoint(code);
  }

  /** End of a name starting at `from` (`from` when none starts there); sets `hash` for {@linkcode name}. */
  private nameEnd(from: number): number {
    const buf = this.buf, len = buf.length;
    let c = buf.charCodeAt(from);
    if (c < 128 ? NAME_CHAR[c] !== 2 : c !== c) return from; // c !== c: NaN, the buffer ends
    let hash = c;
    let p = from + 1;
    for (; p < len; p++) {
      c = buf.charCodeAt(p);
      if (c < 128 && NAME_CHAR[c] === 0) break;
      hash = (hash * 31 + c) | 0;
    }
    if (p - from > MAX_NAME) this.fail(m.xmlSyntax.longName(MAX_NAME), from);
    this.hash = hash;
    return p;
  }

  /** The name `buf[from, to)` just scanned by {@linkcode nameEnd}, as a string shared by its repeats; sets `slot`. */
  private name(from: number, to: number): string {
    const buf = this.buf;
    const slot = this.slot = this.hash & (NAME_SLOTS - 1);
    const known = this.names[slot];
    if (known !== undefined && known.length === to - from) {
      if (buf.startsWith(known, from)) return known;
    }
    // A copy, not a slice: a slice would keep the whole read buffer alive for as long as the name.
    const name = (" " + buf.slice(from, to)).slice(1);
    this.names[slot] = name;
    this.nameScope[slot] = undefined;
    return name;
  }

  /** The namespace of the element `name` (just returned by {@linkcode name}) in `scope`, cached in its slot. */
  private elementNs(scope: ReadonlyMap<string, string>, name: string, at: number): string {
    const slot = this.slot;
    if (this.nameScope[slot] === scope && this.names[slot] === name) return this.nameNs[slot];
    const ns = this.resolve(scope, name, at);
    if (this.names[slot] === name) {
      this.nameScope[slot] = scope;
      this.nameNs[slot] = ns;
    }
    return ns;
  }

  private startTag(final: boolean): boolean {
    const buf = this.buf, len = buf.length, lt = this.pos;
    if (this.depth === 1 && this.itemStart < 0 && this.emit) {
      this.itemStart = this.base + lt;
      this.plain = true;
    } else if (this.depth > 1 && this.overLimit(lt)) return true;
    const nameEnd = this.nameEnd(lt + 1);
    if (nameEnd >= len) return this.more("startTag", final);
    if (nameEnd === lt + 1) this.fail(m.xmlSyntax.bareLt, lt);
    const name = this.name(lt + 1, nameEnd);
    const slot = this.slot;
    const names = this.attrNames, values = this.attrValues;
    let count = 0;
    let empty = false;
    let p = nameEnd;
    for (;;) {
      const space = p;
      let c = buf.charCodeAt(p);
      while (c === SP || c === LF || c === CR || c === TAB) c = buf.charCodeAt(++p);
      if (p >= len) return this.more("startTag", final);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH) {
        if (p + 1 >= len) return this.more("startTag", final);
        if (buf.charCodeAt(p + 1) !== GT) this.fail(m.xmlSyntax.slashInside(name), p);
        empty = true;
        p += 2;
        break;
      }
      const attrEnd = this.nameEnd(p);
      if (attrEnd === p || p === space) this.fail(m.xmlSyntax.badAttribute(name), p);
      let q = attrEnd;
      c = buf.charCodeAt(q);
      while (c === SP || c === LF || c === CR || c === TAB) c = buf.charCodeAt(++q);
      if (q >= len) return this.more("startTag", final);
      if (c !== EQ) this.fail(m.xmlSyntax.noValue(buf.slice(p, attrEnd), name), q);
      c = buf.charCodeAt(++q);
      while (c === SP || c === LF || c === CR || c === TAB) c = buf.charCodeAt(++q);
      if (q >= len) return this.more("startTag", final);
      if (c !== DQUOTE && c !== SQUOTE) {
        this.fail(m.xmlSyntax.notQuoted(buf.slice(p, attrEnd), name), q);
      }
      const close = buf.indexOf(c === DQUOTE ? '"' : "'", q + 1);
      if (close < 0) return this.more("startTag", final);
      names[count] = this.name(p, attrEnd);
      values[count++] = this.attrValue(q + 1, close);
      p = close + 1;
    }
    // Only a tag with attributes or spaces can hold a newline.
    if (p - nameEnd > (empty ? 2 : 1)) this.lines(nameEnd, p);
    this.slot = slot;
    this.open(name, count, empty, lt, p);
    this.pos = p;
    return true;
  }

  private attrValue(from: number, to: number): string {
    const buf = this.buf;
    let special = false;
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === LT) this.fail(m.xmlSyntax.ltInValue, i);
      if (c === AMP || c === LF || c === CR || c === TAB) special = true;
    }
    return special ? this.decode(from, to, REFERENCE, true) : buf.slice(from, to);
  }

  /** A start tag was read: resolves namespaces and places the element. */
  private open(name: string, count: number, empty: boolean, lt: number, gt: number): void {
    if (this.depth === 0 && this.root) this.fail(m.xmlSyntax.secondRoot(name), lt);
    if (this.depth >= this.maxDepth) this.fail(m.xmlSyntax.tooDeep(this.maxDepth), lt);
    const names = this.attrNames, values = this.attrValues;
    const parent = this.depth > 0 ? this.top() : undefined;
    const parentScope = parent?.scope ?? ROOT_SCOPE;
    let scope = parentScope;
    let declarations = 0;
    for (let i = 0; i < count; i++) {
      const attr = names[i];
      if (!attr.startsWith("xmlns") || (attr.length > 5 && attr.charCodeAt(5) !== COLON)) continue;
      declarations++;
      const prefix = attr.slice(6);
      if (prefix !== "" && values[i] === "") this.fail(m.xmlSyntax.undeclared(attr), lt);
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(prefix, values[i]);
    }
    if (parent && this.raw && !this.keepsText()) {
      // Inside a raw record: checked as strictly, nothing built.
      if (declarations > 0) this.plain = false;
      this.checkAttrs(name, count, scope, lt);
      this.elementNs(scope, name, lt);
      parent.hasElements = true;
      if (empty) this.closed(undefined, this.base + gt);
      else this.push(name, undefined, scope);
      return;
    }
    const attrs: XmlAttr[] = [];
    if (count > declarations) {
      const repeated = count > 1 ? duplicate(names, count) : undefined;
      if (repeated !== undefined) this.fail(m.xmlSyntax.repeatsAttribute(name, repeated), lt);
      for (let i = 0; i < count; i++) {
        const attr = names[i];
        if (attr.startsWith("xmlns") && (attr.length === 5 || attr.charCodeAt(5) === COLON)) continue;
        attrs.push(
          attr.indexOf(":") < 0
            ? { name: attr, value: values[i] }
            : { name: attr, value: values[i], ns: this.resolve(scope, attr, lt) },
        );
      }
    }
    const el: XmlElement = { name, ns: this.elementNs(scope, name, lt), attrs, children: [] };
    if (!parent) {
      this.root = el;
      this.rootStart = this.buf.slice(lt, gt);
      this.emit?.({ kind: "root", root: el, scope, startTag: this.rootStart });
    } else if (this.keepsText()) {
      this.flushText(parent, true);
      parent.el!.children.push(el);
      parent.hasElements = true;
    } else {
      parent.hasElements = true;
    }
    if (empty) this.closed(el, this.base + gt);
    else this.push(name, el, scope);
  }

  /** The checks {@linkcode open} makes of attributes, for an element that is not built. */
  private checkAttrs(name: string, count: number, scope: ReadonlyMap<string, string>, lt: number): void {
    const names = this.attrNames;
    const repeated = count > 1 ? duplicate(names, count) : undefined;
    if (repeated !== undefined) this.fail(m.xmlSyntax.repeatsAttribute(name, repeated), lt);
    for (let i = 0; i < count; i++) {
      const attr = names[i];
      if (attr.indexOf(":") >= 0 && !attr.startsWith("xmlns:")) this.resolve(scope, attr, lt);
    }
  }

  private resolve(scope: ReadonlyMap<string, string>, name: string, at: number): string {
    const colon = name.indexOf(":");
    if (colon < 0) return scope.get("") ?? "";
    if (colon === 0 || colon === name.length - 1 || name.indexOf(":", colon + 1) >= 0) {
      this.fail(m.xmlSyntax.badName(name), at);
    }
    const ns = scope.get(name.slice(0, colon));
    if (ns === undefined) this.fail(m.xmlSyntax.undeclaredPrefix(name), at);
    return ns;
  }

  /** Ends a frame's text run: it becomes a child unless it is layout (whitespace beside elements). */
  private flushText(frame: Frame, elementFollows: boolean): void {
    const text = frame.text;
    if (text === "") return;
    frame.text = "";
    if (!(frame.layout && (elementFollows || frame.hasElements))) frame.el!.children.push(text);
  }

  private push(name: string, el: XmlElement | undefined, scope: ReadonlyMap<string, string>): void {
    let frame = this.frames[this.depth];
    if (frame) {
      frame.name = name;
      frame.el = el;
      frame.scope = scope;
      frame.text = "";
      frame.hasElements = false;
    } else {
      frame = { name, el, scope, text: "", layout: true, hasElements: false };
      this.frames.push(frame);
    }
    this.depth++;
  }

  private top(): Frame {
    return this.frames[this.depth - 1];
  }

  private endTag(final: boolean): boolean {
    const lt = this.pos;
    if (this.depth > 1 && this.overLimit(lt)) return true;
    if (this.depth === 0) {
      this.fail(m.xmlSyntax.closesNothing(this.buf.slice(lt + 2, this.nameEnd(lt + 2))), lt);
    }
    const frame = this.frames[this.depth - 1];
    const gt = this.endTagEnd(lt, frame.name);
    if (gt < 0) return this.more("endTag", final);
    if (gt !== lt + 2 + frame.name.length) this.lines(lt, gt); // spaces before ">"
    if (this.keepsText()) this.flushText(frame, false);
    frame.text = "";
    this.depth--;
    this.closed(frame.el, this.base + gt + 1);
    this.pos = gt + 1;
    return true;
  }

  /** The `>` of the end tag at `lt`, which must close `name`; -1 when the buffer ends before it. */
  private endTagEnd(lt: number, name: string): number {
    const buf = this.buf, len = buf.length, n = name.length;
    let p = lt + 2;
    if (p + n >= len) return -1;
    if (buf.startsWith(name, p)) {
      p += n;
      let c = buf.charCodeAt(p);
      while (c === SP || c === LF || c === CR || c === TAB) c = buf.charCodeAt(++p);
      if (c === GT) return p;
      if (p >= len) {
        if (p - lt > MAX_NAME) this.fail(m.xmlSyntax.endlessEndTag, lt);
        return -1;
      }
    }
    this.fail(m.xmlSyntax.wrongEndTag(buf.slice(lt + 2, this.nameEnd(lt + 2)), name), lt);
  }

  /** An element ended at absolute offset `end`; the depth is already its parent's. */
  private closed(el: XmlElement | undefined, end: number): void {
    if (this.depth !== 1 || !this.emit) return;
    const index = this.index++;
    const start = this.itemStart;
    const chars = end - start;
    this.itemStart = -1;
    // Decided on the length alone, so that the outcome never depends on how the text was chunked.
    if (chars > this.maxItemChars) {
      this.emit({ kind: "oversized", index, chars, partial: el ?? this.partialOf(start, end) });
    } else if (el) this.emit({ kind: "item", index, element: el });
    else {
      const text = this.buf.slice(start - this.base, end - this.base);
      this.emit({ kind: "record", index, text, plain: this.plain });
    }
  }

  /**
   * A raw record's tree as far as `buf` holds it from absolute offset `start` to `end`, for naming a
   * record too large to take: read again by a reader that builds.
   */
  private partialOf(start: number, end: number): XmlElement | undefined {
    const reader = new XmlReader(Infinity, this.maxDepth);
    try {
      reader.feed(this.rootStart + this.buf.slice(start - this.base, end - this.base));
    } catch (e) {
      if (e instanceof XmlSyntaxError) return undefined;
      throw e;
    }
    return reader.frames[1]?.el ?? reader.root?.children.find((c): c is XmlElement => typeof c !== "string");
  }

  /** Inside a record, at a tag starting at `lt`: whether the record went over the limit (and is now skipped). */
  private overLimit(lt: number): boolean {
    if (this.base + lt - this.itemStart <= this.maxItemChars) return false;
    this.startSkipping();
    return true;
  }

  /** `<!--`, `<![CDATA[`, or the start of a DTD, which is refused. */
  private declaration(final: boolean): boolean {
    const buf = this.buf, lt = this.pos;
    const third = buf.charCodeAt(lt + 2);
    if (this.depth > 1) this.plain = false;
    if (third === DASH) {
      if (buf.length - lt < 4) return this.more("comment", final);
      if (!buf.startsWith("<!--", lt)) this.fail(m.xmlSyntax.badComment, lt);
      return this.skipPast("-->", 4, "comment", final);
    }
    if (third === LBRACKET) {
      if (buf.length - lt < 9) return this.more("cdata", final);
      if (!buf.startsWith("<![CDATA[", lt)) this.fail(m.xmlSyntax.badCdata, lt);
      if (this.depth === 0) this.fail(m.xmlSyntax.cdataOutside, lt);
      const end = buf.indexOf("]]>", lt + 9);
      if (end < 0) return this.more("cdata", final);
      const frame = this.top();
      const kind = this.textKind(lt + 9, end) & ~REFERENCE; // a CDATA section holds no references
      const layout = (kind & TEXT) === 0;
      if (this.keepsText() && end > lt + 9 && !(layout && frame.hasElements)) {
        this.appendText(frame, this.decode(lt + 9, end, kind, false), layout);
      }
      this.lines(lt, end);
      this.pos = end + 3;
      return true;
    }
    if (third !== third) return this.more("declaration", final);
    this.fail(m.xmlSyntax.dtd, lt);
  }

  /** Skips a comment or processing instruction: everything up to and including `terminator`. */
  private skipPast(terminator: string, opening: number, what: Construct, final: boolean): boolean {
    const end = this.buf.indexOf(terminator, this.pos + opening);
    if (end < 0) return this.more(what, final);
    this.lines(this.pos, end);
    this.pos = end + terminator.length;
    return true;
  }

  /** A construct is incomplete: wait for more text, or fail at the end of the document. */
  private more(what: Construct, final: boolean): false {
    if (final) this.fail(m.xmlSyntax.endsInside(constructName(what)), this.pos);
    return false;
  }

  /** The current record went over the limit: stop building it, scan to its end without keeping it. */
  private startSkipping(): void {
    this.skipping = true;
    this.skip = Skip.Text;
    this.partial = this.depth > 1
      ? this.frames[1].el ?? (this.raw ? this.partialOf(this.itemStart, this.base + this.pos) : undefined)
      : undefined;
    for (let d = 1; d < this.depth; d++) {
      this.frames[d].el = undefined;
      this.frames[d].text = "";
    }
  }

  /** One step of the skip scanner, its newlines counted. */
  private skipped(final: boolean): boolean {
    const from = this.pos;
    const progressed = this.skipStep(final);
    this.lines(from, this.pos);
    return progressed;
  }

  /**
   * One step of the skip scanner: consumes what it can of the buffer, keeping only open element
   * names (to check the end tags and find the record's end). False when it needs more text.
   */
  private skipStep(final: boolean): boolean {
    const buf = this.buf, len = buf.length;
    let pos = this.pos;
    const wait = (keep: number, what: Construct): false => {
      this.pos = Math.max(pos, len - keep);
      return this.more(what, final);
    };
    switch (this.skip) {
      case Skip.Text: {
        const lt = buf.indexOf("<", pos);
        if (lt < 0) return wait(0, `<${this.top().name}>`);
        this.pos = lt;
        this.skip = Skip.Markup;
        return true;
      }
      case Skip.Markup: {
        if (pos + 1 >= len) return wait(1, "tag");
        const next = buf.charCodeAt(pos + 1);
        if (next === SLASH) {
          const gt = this.endTagEnd(pos, this.top().name);
          if (gt < 0) return wait(len - pos, "endTag");
          this.depth--;
          this.pos = gt + 1;
          this.skip = Skip.Text;
          this.skippedTag();
          return true;
        }
        if (next === BANG) {
          if (len - pos < 9) return wait(len - pos, "declaration");
          const comment = buf.startsWith("<!--", pos);
          if (!comment && !buf.startsWith("<![CDATA[", pos)) this.fail(m.xmlSyntax.malformed, pos);
          this.pos = pos + (comment ? 4 : 9);
          this.skip = comment ? Skip.Comment : Skip.Cdata;
          return true;
        }
        if (next === QUESTION) {
          this.pos = pos + 2;
          this.skip = Skip.Pi;
          return true;
        }
        const nameEnd = this.nameEnd(pos + 1);
        if (nameEnd >= len) return wait(len - pos, "startTag");
        if (nameEnd === pos + 1) this.fail(m.xmlSyntax.bareLt, pos);
        if (this.depth >= this.maxDepth) this.fail(m.xmlSyntax.tooDeep(this.maxDepth), pos);
        this.push(this.name(pos + 1, nameEnd), undefined, ROOT_SCOPE);
        this.pos = nameEnd;
        this.skip = Skip.Tag;
        this.slashBeforeGt = false;
        return true;
      }
      case Skip.Tag: {
        let slash = this.slashBeforeGt;
        for (; pos < len; pos++) {
          const c = buf.charCodeAt(pos);
          if (c === GT) {
            this.pos = pos + 1;
            this.skip = Skip.Text;
            if (slash) {
              this.depth--;
              this.skippedTag();
            }
            return true;
          }
          if (c === DQUOTE || c === SQUOTE) {
            this.quote = c;
            this.pos = pos + 1;
            this.skip = Skip.Quoted;
            return true;
          }
          if (c === LT) this.fail(m.xmlSyntax.ltInside(this.top().name), pos);
          slash = c === SLASH;
        }
        this.slashBeforeGt = slash;
        return wait(0, "startTag");
      }
      case Skip.Quoted: {
        const close = buf.indexOf(this.quote === DQUOTE ? '"' : "'", pos);
        if (close < 0) return wait(0, "attributeValue");
        this.pos = close + 1;
        this.skip = Skip.Tag;
        this.slashBeforeGt = false;
        return true;
      }
      case Skip.Comment:
        return this.skipTo("-->", "comment", final);
      case Skip.Cdata:
        return this.skipTo("]]>", "cdata", final);
      case Skip.Pi:
        return this.skipTo("?>", "pi", final);
    }
  }

  private skipTo(terminator: string, what: Construct, final: boolean): boolean {
    const end = this.buf.indexOf(terminator, this.pos);
    if (end < 0) {
      // Keep what could be the start of the terminator.
      this.pos = Math.max(this.pos, this.buf.length - terminator.length + 1);
      return this.more(what, final);
    }
    this.pos = end + terminator.length;
    this.skip = Skip.Text;
    return true;
  }

  /** A tag of the skipped record ended at `pos`: when it was the record's own, report the record. */
  private skippedTag(): void {
    if (this.depth !== 1) return;
    const chars = this.base + this.pos - this.itemStart;
    const partial = this.partial;
    this.skipping = false;
    this.partial = undefined;
    this.itemStart = -1;
    this.emit!({ kind: "oversized", index: this.index++, chars, ...partial && { partial } });
  }

  private fail(message: string, at: number): never {
    if (at > this.pos) this.lines(this.pos, at);
    throw new XmlSyntaxError(message, this.line, this.base + at - this.lineStart + 1);
  }
}
