/**
 * What POHODA cannot take, found field by field before an item is posted: characters windows-1250
 * cannot carry (NUL, other control characters, the five bytes windows-1250 leaves undefined, and
 * everything outside it) and values longer than the XSD's `maxLength` (`limits.gen.ts`). One such
 * value makes mServer refuse the whole pack, so it is caught here and named, with its field.
 *
 * Speed: this runs on every item of a first run. A clean item costs one regex scan for anything
 * outside the safe characters, and one pass over its tags that keeps no names and reads a value's
 * length off the positions of its tags; nothing is built or sliced out. Only an item with a problem
 * is read again, keeping the names that make up its fields and inspecting values character by character.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import { transliterate } from "./encoding.ts";
import { MAX_LENGTH } from "./limits.gen.ts";
import type { TransformOptions } from "./transform.ts";

/**
 * Why a character cannot go to POHODA: `nul` (U+0000), `control` (C0 other than tab, LF and CR; C1;
 * U+FFFE, U+FFFF and lone surrogates), `undefined` (U+0081, U+0083, U+0088, U+0090, U+0098: the WHATWG
 * decoder's stand-ins for the bytes windows-1250 leaves undefined) or `outside` windows-1250 (ș, emoji).
 */
export type CharacterKind = "nul" | "control" | "undefined" | "outside";

interface ProblemBase {
  /**
   * The field below the agenda element: `invoiceHeader/partnerIdentity/address/company`; an attribute
   * is `…/@name`. Repeated elements are numbered among their siblings: `invoiceDetail/invoiceItem[2]/text`.
   */
  field: string;
  /** A short piece of the value (at most about 40 characters) for finding it; invisible characters as `[U+0098]`. */
  excerpt: string;
  /** For the user: the field, what is wrong with it, and what to do. */
  message: string;
}

/** A character POHODA cannot take (reported once per field and character). */
export interface CharacterProblem extends ProblemBase {
  kind: "character";
  char: string;
  /** `U+0098` */
  codePoint: string;
  what: CharacterKind;
}

/** A value longer than the XSD allows. */
export interface LengthProblem extends ProblemBase {
  kind: "too_long";
  /** In characters (code points), as `maxLength` counts. */
  length: number;
  limit: number;
}

/** One field of an item that POHODA cannot take. */
export type FieldProblem = CharacterProblem | LengthProblem;

/** `[pohoda] unsupported_characters`. */
export type UnsupportedCharacters = TransformOptions["unsupportedCharacters"];

/** Length limits by element path (see `limits.gen.ts`). */
export type LengthLimits = Readonly<Record<string, number>>;

// Classes of UTF-16 code units.
const OK = 0, NUL = 1, CONTROL = 2, UNDEFINED = 3, OUTSIDE = 4, SURROGATE = 5;
const WHAT: Readonly<Record<number, CharacterKind>> = {
  [NUL]: "nul",
  [CONTROL]: "control",
  [UNDEFINED]: "undefined",
  [OUTSIDE]: "outside",
};

/** The class of every code unit; windows-1250's characters come from the WHATWG decoder. */
const CLASS: Uint8Array = (() => {
  const table = new Uint8Array(0x10000).fill(OUTSIDE);
  table.fill(OK, 0x20, 0x80); // DEL (0x7F) included: windows-1250 has it and XML allows it
  table.fill(CONTROL, 0x01, 0x20);
  table[0x09] = table[0x0a] = table[0x0d] = OK;
  table[0x00] = NUL;
  const decoder = new TextDecoder("windows-1250");
  for (let byte = 0x80; byte < 0x100; byte++) table[decoder.decode(Uint8Array.of(byte)).charCodeAt(0)] = OK;
  // C1 is never a windows-1250 character: the decoder yields C1 only for the bytes it leaves undefined.
  for (let unit = 0x80; unit < 0xa0; unit++) {
    table[unit] = decoder.decode(Uint8Array.of(unit)).charCodeAt(0) === unit ? UNDEFINED : CONTROL;
  }
  table.fill(SURROGATE, 0xd800, 0xe000);
  table[0xfffe] = table[0xffff] = CONTROL;
  return table;
})();

/** The body of a regex character class holding the code units whose class is `wanted`. */
function unitsOf(wanted: (cls: number) => boolean): string {
  let out = "";
  for (let unit = 0; unit < 0x10000; unit++) {
    if (!wanted(CLASS[unit])) continue;
    let last = unit;
    while (last + 1 < 0x10000 && wanted(CLASS[last + 1])) last++;
    const hex = (u: number) => `\\u${u.toString(16).padStart(4, "0")}`;
    out += last === unit ? hex(unit) : `${hex(unit)}-${hex(last)}`;
    unit = last;
  }
  return out;
}

/** A character POHODA cannot take. Scanning a whole item with it is the check's main cost. */
const BAD = new RegExp(`[^${unitsOf((cls) => cls === OK)}]`);
/** Characters with no text in them, which the transliterate mode removes (lone surrogates too). */
function invisible(cls: number): boolean {
  return cls === NUL || cls === CONTROL || cls === UNDEFINED;
}

/** What the transliterate mode removes: raw, or as a character reference. */
const REMOVABLE = new RegExp(
  `[${unitsOf(invisible)}]|` +
    "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]|&#(?:x([0-9a-fA-F]+)|([0-9]+));",
  "g",
);

const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));|\r\n?/g;
const NEEDS_DECODING = /[&\r]/;
const SURROGATES = /[\ud800-\udfff]/;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The code point of a character reference, from its hexadecimal or decimal digits. */
function referenced(hex: string | undefined, dec: string | undefined): number {
  return hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
}

/** The text a piece of XML content stands for: references resolved, line ends as LF. */
function decode(raw: string): string {
  return raw.replace(REFERENCE, (match, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name];
    if (hex === undefined && dec === undefined) return "\n";
    const code = referenced(hex, dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** A node of the limits trie: the limit of its path, and the elements and attribute limits below it. */
interface LimitNode {
  /** Its local name, to confirm a match found by hash. */
  name: string;
  max: number | undefined;
  /** Child elements by {@linkcode hashName} of their local name. */
  below: Map<number, LimitNode>;
  attrs: Map<string, number> | undefined;
}

/** The hash the scan computes over a local name as it reads it, without slicing it out. */
function hashName(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return hash;
}

const tries = new WeakMap<LengthLimits, LimitNode>();

/** The trie of `limits`; its root's children are the agenda elements. Built once per table. */
function trieOf(limits: LengthLimits): LimitNode {
  let root = tries.get(limits);
  if (root) return root;
  root = { name: "", max: undefined, below: new Map(), attrs: undefined };
  for (const [path, max] of Object.entries(limits)) {
    let node = root;
    for (const step of path.split("/")) {
      if (step.startsWith("@")) {
        (node.attrs ??= new Map()).set(step.slice(1), max);
        break;
      }
      let next = node.below.get(hashName(step));
      if (next && next.name !== step) {
        throw new Error(`${step} and ${next.name} hash alike under ${node.name}`);
      }
      if (!next) {
        next = { name: step, max: undefined, below: new Map(), attrs: undefined };
        node.below.set(hashName(step), next);
      }
      node = next;
    }
    if (!path.includes("@")) node.max = max;
  }
  tries.set(limits, root);
  return root;
}

/** One element on the way to a field. */
interface Step {
  name: string;
  /** Position among the consecutive siblings of its name, from 1. */
  count: number;
  /** Its start tag's number in the item, to tell whether a sibling of its name followed it. */
  seq: number;
}

/** A problem as the scan finds it; its field is named once the scan knows which elements repeat. */
type Found =
  & { steps: Step[]; attr: string | undefined; excerpt: string }
  & (Omit<CharacterProblem, keyof ProblemBase> | Omit<LengthProblem, keyof ProblemBase>);

/** A problem before its message. */
type Unworded = Omit<CharacterProblem, "message"> | Omit<LengthProblem, "message">;

/**
 * The names of the open elements and their numbers among their siblings, kept only by a scan that
 * reports: what naming a field takes.
 */
class Naming {
  /** Elements followed by a sibling of their name: they are numbered in paths, `[1]`. */
  readonly #repeated = new Set<number>();
  // By depth: the open elements, …
  readonly #names: string[] = [];
  readonly #counts: number[] = [];
  readonly #seqs: number[] = [];
  // … and the last child opened at that depth.
  readonly #lastName: string[] = [];
  readonly #lastCount: number[] = [];
  readonly #lastSeq: number[] = [];
  #seq = 0;

  open(d: number, name: string): void {
    const seq = ++this.#seq;
    let count = 1;
    if (this.#lastName[d] === name) {
      count = this.#lastCount[d] + 1;
      if (count === 2) this.#repeated.add(this.#lastSeq[d]);
    }
    this.#lastName[d] = name;
    this.#lastCount[d] = count;
    this.#lastSeq[d] = seq;
    this.#lastName[d + 1] = "";
    this.#names[d] = name;
    this.#counts[d] = count;
    this.#seqs[d] = seq;
  }

  name(d: number): string {
    return this.#names[d];
  }

  /** The number of the element open at depth `d`, unique in the item. */
  seq(d: number): number {
    return this.#seqs[d];
  }

  /** The elements from below the agenda element to depth `d`. */
  steps(d: number): Step[] {
    const steps: Step[] = [];
    for (let k = 1; k <= d; k++) {
      steps.push({ name: this.#names[k], count: this.#counts[k], seq: this.#seqs[k] });
    }
    return steps;
  }

  field({ steps, attr }: Found): string {
    const path = steps.map((s) =>
      s.count > 1 || this.#repeated.has(s.seq) ? `${s.name}[${s.count}]` : s.name
    );
    if (attr !== undefined) path.push(`@${attr}`);
    return path.join("/");
  }
}

const GT = 62, SLASH = 47, BANG = 33, QUESTION = 63, COLON = 58, EQ = 61, DQUOTE = 34, SQUOTE = 39;

/**
 * One pass over an item's tags. Elements are told apart by the hash of their local name, and a
 * value's length is read off the positions of its tags; only a value over its limit is decoded and
 * measured. With `chars`, every text and attribute value is also inspected character by character.
 * Without `naming`, the pass only learns whether a value is too long, and stops at the first.
 */
class Scan {
  readonly found: Found[] = [];
  /** A value is too long (learnt without `naming`). */
  over = false;
  readonly #seen = new Set<string>();
  // By depth (the agenda element is 0), the open elements: their trie nodes, where their qualified
  // names start and end, where their content starts.
  readonly #nodes: (LimitNode | undefined)[] = [];
  readonly #qname: number[] = [];
  readonly #nameEnd: number[] = [];
  readonly #content: number[] = [];
  #depth = -1;

  constructor(
    readonly xml: string,
    readonly agendas: LimitNode,
    readonly chars: boolean,
    readonly naming: Naming | undefined,
  ) {}

  run(): Found[] {
    const xml = this.xml;
    let pos = 0;
    while (!this.over) {
      const lt = xml.indexOf("<", pos);
      if (lt < 0) break;
      if (this.chars && lt > pos && this.#depth >= 0) this.#text(pos, lt);
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) pos = this.#close(lt);
      else if (next === BANG && xml.startsWith("<![CDATA[", lt)) {
        pos = this.#after("]]>", lt + 9, 3);
        if (this.chars) this.#characters(xml.slice(lt + 9, pos - 3), undefined);
      } else if (next === BANG) pos = this.#after("-->", lt + 4, 3);
      else if (next === QUESTION) pos = this.#after("?>", lt + 2, 2);
      else pos = this.#open(lt + 1);
    }
    return this.found;
  }

  /** The position after the next `token` from `from`. */
  #after(token: string, from: number, length: number): number {
    const at = this.xml.indexOf(token, from);
    if (at < 0) throw new SyntaxError(m.fieldCheck.cutShort(token));
    return at + length;
  }

  /** Reads a start tag from its name at `at`; returns the position after it. */
  #open(at: number): number {
    const xml = this.xml;
    let i = at, local = at, hash = 0;
    for (; i < xml.length; i++) {
      const c = xml.charCodeAt(i);
      if (c === COLON) {
        local = i + 1;
        hash = 0;
      } else if (c <= 32 || c === SLASH || c === GT) break;
      else hash = (hash * 31 + c) | 0;
    }
    const parent = this.#depth < 0 ? this.agendas : this.#nodes[this.#depth];
    const d = ++this.#depth;
    const node = parent?.below.get(hash);
    this.#nodes[d] = node;
    this.#qname[d] = at;
    this.#nameEnd[d] = i;
    this.naming?.open(d, xml.slice(local, i));
    // Attributes: values may hold `>`, so they are read quote to quote.
    for (;;) {
      let c = xml.charCodeAt(i);
      while (c <= 32) c = xml.charCodeAt(++i);
      if (c === GT) return this.#content[d] = i + 1;
      if (c === SLASH) {
        this.#depth = d - 1;
        return this.#after(">", i, 1);
      }
      if (c !== c) throw new SyntaxError(m.fieldCheck.cutShortTag);
      const nameStart = i;
      let nameColon = -1;
      while (c > 32 && c !== EQ) {
        if (c === COLON) nameColon = i;
        c = xml.charCodeAt(++i);
      }
      const nameEnd = i;
      while (c !== DQUOTE && c !== SQUOTE && c === c) c = xml.charCodeAt(++i); // to the opening quote
      const close = c === c ? xml.indexOf(c === DQUOTE ? '"' : "'", i + 1) : -1;
      if (close < 0) throw new SyntaxError(m.fieldCheck.cutShortAttribute);
      const limit = node?.attrs?.get(xml.slice(nameColon < 0 ? nameStart : nameColon + 1, nameEnd));
      if (this.chars || limit !== undefined) {
        const raw = xml.slice(i + 1, close);
        const value = NEEDS_DECODING.test(raw) ? decode(raw) : raw;
        const attr = xml.slice(nameStart, nameEnd);
        if (this.chars) this.#characters(value, attr);
        if (limit !== undefined) this.#length(value, limit, attr);
      }
      i = close + 1;
    }
  }

  /** Reads the end tag at `lt`; returns the position after it. */
  #close(lt: number): number {
    const d = this.#depth;
    const max = this.#nodes[d]?.max;
    // Decoding only shortens a value: one no longer than the limit as written is within it.
    if (max !== undefined && lt - this.#content[d] > max) {
      this.#length(this.#textOf(this.#content[d], lt), max);
    }
    this.#depth = d - 1;
    const end = lt + 2 + this.#nameEnd[d] - this.#qname[d];
    return this.xml.charCodeAt(end) === GT ? end + 1 : this.#after(">", lt, 1);
  }

  /** The text of a value between `from` and `to`, markup left out, references resolved. */
  #textOf(from: number, to: number): string {
    const xml = this.xml;
    let text = "";
    for (let pos = from; pos < to;) {
      const lt = xml.indexOf("<", pos);
      const stop = lt < 0 || lt > to ? to : lt;
      text += decode(xml.slice(pos, stop));
      if (stop === to) break;
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = this.#after("]]>", lt + 9, 3);
        text += xml.slice(lt + 9, end - 3);
        pos = end;
      } else pos = this.#after(">", lt, 1);
    }
    return text;
  }

  #text(from: number, to: number): void {
    const raw = this.xml.slice(from, to);
    this.#characters(NEEDS_DECODING.test(raw) ? decode(raw) : raw, undefined);
  }

  /** Reports each character of `value` POHODA cannot take, once per field. (Only with `naming`.) */
  #characters(value: string, attr: string | undefined): void {
    const first = value.search(BAD);
    if (first < 0) return;
    const naming = this.naming!;
    let last = -1;
    for (let i = first; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      let cls = CLASS[unit];
      // A run of one character (16 MiB of NUL) costs a comparison per character.
      if (cls === OK || unit === last) continue;
      last = unit;
      const at = i;
      if (cls === SURROGATE) {
        const pair = value.codePointAt(i)! > 0xffff;
        cls = pair ? OUTSIDE : CONTROL;
        if (pair) i++;
      }
      const char = value.slice(at, i + 1);
      const key = `${naming.seq(this.#depth)} ${attr} ${char}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.found.push({
        kind: "character",
        char,
        codePoint: codePoint(char),
        what: WHAT[cls],
        steps: naming.steps(this.#depth),
        attr,
        excerpt: excerpt(value, at),
      });
    }
  }

  #length(value: string, limit: number, attr?: string): void {
    if (value.length <= limit) return;
    let length = value.length;
    if (SURROGATES.test(value)) {
      for (let i = 0; i < value.length; i++) if (value.codePointAt(i)! > 0xffff) length--, i++;
    }
    if (length <= limit) return;
    const naming = this.naming;
    if (!naming) {
      this.over = true;
      return;
    }
    // Elements were matched by hash: a limit holds only for the very names of its path.
    for (let d = 0; d <= this.#depth; d++) if (this.#nodes[d]?.name !== naming.name(d)) return;
    this.found.push({
      kind: "too_long",
      length,
      limit,
      steps: naming.steps(this.#depth),
      attr,
      excerpt: excerpt(value, 0),
    });
  }
}

/**
 * Every field of an item that POHODA cannot take, in document order. `xml` is the agenda element as
 * the outbox keeps it (`PohodaItem.xml`); character references count as the characters they stand
 * for. `limits` defaults to the official schemas' (`limits.gen.ts`). `clean`: the caller found every
 * character one POHODA takes (`encodeClean1250Into`), so they are not looked at again. Throws
 * `SyntaxError` for XML cut short.
 */
export function checkItem(
  xml: string,
  limits: LengthLimits = MAX_LENGTH,
  { clean = false }: { clean?: boolean } = {},
): FieldProblem[] {
  const agendas = trieOf(limits);
  const chars = (!clean && BAD.test(xml)) || xml.includes("&#");
  if (!chars) {
    // The common case: one regex scan, and one pass that keeps no names and finds nothing.
    const quick = new Scan(xml, agendas, false, undefined);
    quick.run();
    if (!quick.over) return [];
  }
  const naming = new Naming();
  const found = new Scan(xml, agendas, chars, naming).run();
  return found.map((f): FieldProblem => {
    const { steps: _, attr: __, ...rest } = f;
    const field = naming.field(f);
    return { ...rest, field, message: messageOf({ ...rest, field }) } as FieldProblem;
  });
}

/** What {@linkcode screenItem} decided. */
export interface Screened {
  /** The payload to send: unchanged, or (transliterate mode) without its control characters. */
  xml: string;
  /** What was changed, one line per field and character, for the user. */
  notes: string[];
  /** What keeps the item from POHODA: it must not be sent while any remain. */
  problems: FieldProblem[];
}

/**
 * Checks an item under the user's choice. `"reject"`: every problem stands. `"transliterate"`:
 * control characters and undefined bytes, which have no transliteration and carry no text, are
 * removed (with a note each); characters outside windows-1250 that are left (the transform has
 * already replaced letters it could, so these are emoji and the like) and values too long stand.
 */
export function screenItem(xml: string, mode: UnsupportedCharacters): Screened {
  const problems = checkItem(xml);
  if (mode === "reject" || !problems.some(removable)) return { xml, notes: [], problems };
  const notes = problems.filter(removable).map((p) =>
    m.fieldCheck.removed(p.field, describe(p as CharacterProblem), p.excerpt)
  );
  const cleaned = xml.replace(REMOVABLE, (match, hex?: string, dec?: string) => {
    if (hex === undefined && dec === undefined) return "";
    const code = referenced(hex, dec);
    const cls = code < 0x10000 ? CLASS[code] : OUTSIDE;
    return invisible(cls) || cls === SURROGATE ? "" : match;
  });
  return { xml: cleaned, notes, problems: checkItem(cleaned) };
}

function removable(p: FieldProblem): boolean {
  return p.kind === "character" && p.what !== "outside";
}

/** Shown of an item's problems in one reason; `status` can list them all. */
const REASON_PROBLEMS = 5;

/** One reason for refusing an item: its first problems, each with what to do. */
export function refusalReason(problems: readonly FieldProblem[], mode: UnsupportedCharacters): string {
  const shown = problems.slice(0, REASON_PROBLEMS).map((p) => p.message);
  if (problems.length > REASON_PROBLEMS) shown.push(m.fieldCheck.more(problems.length - REASON_PROBLEMS));
  const helps = mode === "reject" &&
    problems.some((p) => removable(p) || (p.kind === "character" && transliterate(p.char) !== p.char));
  if (helps) shown.push(m.fieldCheck.transliterate);
  return shown.join(" ");
}

function describe(p: Omit<CharacterProblem, keyof ProblemBase>): string {
  switch (p.what) {
    case "nul":
      return m.fieldCheck.nul;
    case "control": {
      const unit = p.char.charCodeAt(0);
      if (unit < 0x80 || unit > 0x9f) return m.fieldCheck.control(p.codePoint);
      // C1: what windows-1250 text read as Latin-1 turns a letter into (ž → U+009E).
      const letter = new TextDecoder("windows-1250").decode(Uint8Array.of(unit));
      return m.fieldCheck.damaged(p.codePoint, letter);
    }
    case "undefined":
      return m.fieldCheck.undefinedByte(p.codePoint, p.codePoint.slice(4));
    case "outside":
      return m.fieldCheck.outside(p.char, p.codePoint);
  }
}

function messageOf(p: Unworded): string {
  const field = p.field || m.fieldCheck.agendaElement;
  if (p.kind === "too_long") return m.fieldCheck.tooLong(field, p.length, p.limit, p.excerpt);
  return m.fieldCheck.cannotTake(field, describe(p), p.excerpt, p.what !== "outside");
}

/** Characters of an excerpt. */
const EXCERPT = 40;

/** About {@linkcode EXCERPT} characters of `value` around `at`, invisible characters spelled out. */
function excerpt(value: string, at: number): string {
  let from = Math.max(0, at - EXCERPT / 2);
  if (CLASS[value.charCodeAt(from)] === SURROGATE && value.codePointAt(from - 1)! > 0xffff) from--;
  const to = Math.min(value.length, from + EXCERPT);
  let out = from > 0 ? "…" : "";
  for (const char of value.slice(from, to)) {
    const cls = CLASS[char.charCodeAt(0)];
    if (char === "\t" || char === "\n" || char === "\r") out += " ";
    else if (invisible(cls) || (cls === SURROGATE && char.length === 1)) out += `[${codePoint(char)}]`;
    else out += char;
  }
  return to < value.length ? out + "…" : out;
}

/** `U+0098` */
function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
