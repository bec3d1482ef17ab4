/**
 * A small namespace-aware XML tree over fast-xml-parser: every element knows its namespace URI,
 * so POHODA elements are matched by namespace whatever prefixes an exporter chose, and a subtree
 * serialises on its own with exactly the namespace declarations it uses.
 *
 * @module
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";

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

/** Not well-formed XML, with the position when known. */
export class XmlSyntaxError extends SyntaxError {
  constructor(message: string, line?: number, column?: number) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column})`);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // decodes numeric character references (&#x17E;)
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown>;

/** Parses a whole document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const check = XMLValidator.validate(text);
  if (check !== true) throw new XmlSyntaxError(check.err.msg, check.err.line, check.err.col);
  const roots = (parser.parse(text) as RawNode[]).map((raw) => convert(raw, new Map([["xml", XML_NS]])));
  const root = roots.find((node): node is XmlElement => typeof node !== "string");
  if (!root) throw new XmlSyntaxError("the document has no root element");
  return root;
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

function convert(raw: RawNode, parentScope: ReadonlyMap<string, string>): XmlNode {
  if ("#text" in raw) return String(raw["#text"]);
  const name = Object.keys(raw).find((k) => k !== ":@")!;
  const rawAttrs = (raw[":@"] ?? {}) as Record<string, string>;
  let scope = parentScope;
  for (const [attr, value] of Object.entries(rawAttrs)) {
    if (attr === "xmlns" || attr.startsWith("xmlns:")) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(attr === "xmlns" ? "" : attr.slice(6), value);
    }
  }
  const attrs = Object.entries(rawAttrs)
    .filter(([attr]) => attr !== "xmlns" && !attr.startsWith("xmlns:"))
    .map(([attr, value]): XmlAttr => {
      const prefix = prefixOf(attr);
      return prefix ? { name: attr, value, ns: resolve(scope, prefix, attr) } : { name: attr, value };
    });
  const rawChildren = raw[name] as RawNode[];
  const converted = rawChildren.map((child) => convert(child, scope));
  // Whitespace between child elements is layout, not content; text content is kept exactly.
  const hasElements = converted.some((c) => typeof c !== "string");
  const children = hasElements
    ? converted.filter((c) => typeof c !== "string" || c.trim() !== "")
    : converted;
  return { name, ns: resolve(scope, prefixOf(name), name), attrs, children };
}

function resolve(scope: ReadonlyMap<string, string>, prefix: string, name: string): string {
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== "") {
    throw new XmlSyntaxError(`the namespace prefix of <${name}> is not declared`);
  }
  return ns ?? "";
}

/** `inv:invoice` → `inv`; `invoice` → `""`. */
function prefixOf(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? "" : name.slice(0, i);
}

/** `inv:invoice` → `invoice`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/** Whether `node` is the element `{ns}local`. */
export function isElement(node: XmlNode | undefined, ns: string, local: string): node is XmlElement {
  return typeof node === "object" && node.ns === ns && localName(node.name) === local;
}

/** The first child element `{ns}local` of `el`. */
export function child(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => isElement(c, ns, local));
}

/** All child elements `{ns}local` of `el`. */
export function childrenOf(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  return el?.children.filter((c): c is XmlElement => isElement(c, ns, local)) ?? [];
}

/** The element at a path of `[ns, local]` steps below `el`. */
export function at(el: XmlElement | undefined, ...path: [string, string][]): XmlElement | undefined {
  return path.reduce<XmlElement | undefined>((node, [ns, local]) => child(node, ns, local), el);
}

/** The text content of `el` (its text children joined), or `undefined` without an element. */
export function text(el: XmlElement | undefined): string | undefined {
  return el?.children.filter((c): c is string => typeof c === "string").join("");
}

/** The value of attribute `name` of `el`. */
export function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Sets attribute `name` of `el`, keeping its position when it exists. */
export function setAttr(el: XmlElement, name: string, value: string): void {
  const existing = el.attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else el.attrs.push({ name, value });
}

/** A new element `{ns}local` named with `prefix`. */
export function element(
  ns: string,
  prefix: string,
  local: string,
  children: XmlNode[] = [],
  attrs: XmlAttr[] = [],
): XmlElement {
  return { name: prefix ? `${prefix}:${local}` : local, ns, attrs, children };
}

/** The first element below `el` (or `el` itself) with the local name `local`, in any namespace. */
export function descendant(el: XmlElement, local: string): XmlElement | undefined {
  return findElement(el, (node) => localName(node.name) === local);
}

/** The prefix `el`'s subtree already uses for `ns`, else `fallback`. */
export function prefixIn(el: XmlElement, ns: string, fallback: string): string {
  const found = findElement(el, (node) => node.ns === ns);
  return found ? prefixOf(found.name) : fallback;
}

function findElement(el: XmlElement, test: (node: XmlElement) => boolean): XmlElement | undefined {
  if (test(el)) return el;
  for (const c of el.children) {
    if (typeof c === "string") continue;
    const found = findElement(c, test);
    if (found) return found;
  }
  return undefined;
}

/** Serialises `el` as a standalone fragment, declaring on it every namespace its subtree uses. */
export function serialize(el: XmlElement): string {
  const declarations = new Map<string, string>();
  collectNamespaces(el, declarations);
  const xmlns = [...declarations].filter(([prefix]) => prefix !== "xml")
    .map(([prefix, ns]) => ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeAttr(ns)}"`).join("");
  return write(el, xmlns);
}

function collectNamespaces(el: XmlElement, into: Map<string, string>): void {
  const bind = (prefix: string, ns: string, name: string) => {
    const bound = into.get(prefix);
    if (bound !== undefined && bound !== ns) {
      throw new Error(
        `<${name}> binds the prefix "${prefix}" to ${ns}, but the fragment already uses it for ${bound}`,
      );
    }
    into.set(prefix, ns);
  };
  if (el.ns !== "" || prefixOf(el.name) !== "") bind(prefixOf(el.name), el.ns, el.name);
  for (const a of el.attrs) if (a.ns !== undefined) bind(prefixOf(a.name), a.ns, a.name);
  for (const c of el.children) if (typeof c !== "string") collectNamespaces(c, into);
}

function write(el: XmlElement, extra = ""): string {
  const attrs = el.attrs.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join("");
  if (el.children.length === 0) return `<${el.name}${extra}${attrs}/>`;
  const inner = el.children.map((c) => typeof c === "string" ? escapeText(c) : write(c)).join("");
  return `<${el.name}${extra}${attrs}>${inner}</${el.name}>`;
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;");
}

function escapeAttr(s: string): string {
  return s.replace(
    /[&<"\t\n\r]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" })[c]!,
  );
}
