/**
 * A small namespace-aware XML tree: every element knows its namespace URI, so POHODA elements are
 * matched by namespace whatever prefixes an exporter chose, and a subtree serialises on its own with
 * exactly the namespace declarations it uses. Trees come from the reader in `xmlstream.ts`.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import type { XmlAttr, XmlElement, XmlNode } from "./xmlstream.ts";

export { parseXml, type XmlAttr, type XmlElement, type XmlNode, XmlSyntaxError } from "./xmlstream.ts";

/**
 * Qualified names split into prefix and local name. The reader shares one string per name, so a
 * lookup here (its hash kept in the string) is cheaper than slicing the name on every visit. Bounded:
 * a document of endless distinct names only empties it now and then.
 */
const splitNames = new Map<string, { prefix: string; local: string }>();
/** One string per prefix, so that prefixes compare by identity. */
const prefixes = new Map<string, string>();

function split(name: string): { prefix: string; local: string } {
  let parts = splitNames.get(name);
  if (parts === undefined) {
    const colon = name.indexOf(":");
    const sliced = colon < 0 ? "" : name.slice(0, colon);
    let prefix = prefixes.get(sliced);
    if (prefix === undefined) prefixes.set(sliced, prefix = sliced);
    parts = { prefix, local: name.slice(colon + 1) };
    if (splitNames.size >= 10_000) {
      splitNames.clear();
      prefixes.clear();
    }
    splitNames.set(name, parts);
  }
  return parts;
}

/** `inv:invoice` → `inv`; `invoice` → `""`. */
function prefixOf(name: string): string {
  return split(name).prefix;
}

/** `inv:invoice` → `invoice`. */
export function localName(name: string): string {
  return split(name).local;
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
  const bindings = new Bindings();
  // Written before the start tag: writing the subtree finds the namespaces to declare on it.
  const attrs = writeAttrs(el, bindings, undefined);
  const content = writeContent(el, bindings, attrs.scope);
  const start = "<" + el.name + bindings.declarations() + attrs.text;
  return content === undefined ? start + "/>" : start + ">" + content + "</" + el.name + ">";
}

/**
 * The prefixes a fragment uses, bound on its root in the order they are first met (the order of the
 * declarations: content hashes of records depend on it). Few: arrays beat a Map.
 */
class Bindings {
  readonly #prefixes: string[] = [];
  readonly #uris: string[] = [];

  /** The namespace the root binds `prefix` to, binding it to `ns` if it has none yet. */
  bind(prefix: string, ns: string): string {
    const prefixes = this.#prefixes;
    for (let i = 0; i < prefixes.length; i++) if (prefixes[i] === prefix) return this.#uris[i];
    prefixes.push(prefix);
    this.#uris.push(ns);
    return ns;
  }

  declarations(): string {
    let out = "";
    for (let i = 0; i < this.#prefixes.length; i++) out += declaration(this.#prefixes[i], this.#uris[i]);
    return out;
  }
}

function declaration(prefix: string, ns: string): string {
  return prefix === "xml" ? "" : ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeAttr(ns)}"`;
}

/**
 * Prefixes an element rebinds for its subtree: a record may use one prefix for two namespaces in
 * different places, which one declaration on the fragment's root cannot say.
 */
type Scope = ReadonlyMap<string, string> | undefined;

/** The start tag of `el` after its name (declarations it needs, attributes), and the scope of its content. */
function writeAttrs(el: XmlElement, bindings: Bindings, scope: Scope): { text: string; scope: Scope } {
  let local: Map<string, string> | undefined;
  let declared = "";
  const need = (name: string, ns: string) => {
    const prefix = prefixOf(name);
    // An unprefixed name outside any namespace needs no declaration.
    if (ns === "" && prefix === "") return;
    const bound = local?.get(prefix) ?? scope?.get(prefix) ?? bindings.bind(prefix, ns);
    if (bound === ns) return;
    if (local?.has(prefix)) {
      throw new SyntaxError(m.xmlSyntax.twoNamespaces(el.name, prefix));
    }
    (local ??= new Map(scope)).set(prefix, ns);
    declared += declaration(prefix, ns);
  };
  need(el.name, el.ns);
  let out = "";
  for (const a of el.attrs) {
    if (a.ns !== undefined) need(a.name, a.ns);
    out += " " + a.name + '="' + escapeAttr(a.value) + '"';
  }
  return { text: declared + out, scope: local ?? scope };
}

/** What goes between the tags of `el`; undefined for an empty element. */
function writeContent(el: XmlElement, bindings: Bindings, scope: Scope): string | undefined {
  if (el.children.length === 0) return undefined;
  let out = "";
  for (const c of el.children) {
    if (typeof c === "string") {
      out += escapeText(c);
      continue;
    }
    const attrs = writeAttrs(c, bindings, scope);
    const start = "<" + c.name + attrs.text;
    const content = writeContent(c, bindings, attrs.scope);
    out += content === undefined ? start + "/>" : start + ">" + content + "</" + c.name + ">";
  }
  return out;
}

const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;

/** `s` as element content: `&`, `<` and `>` escaped. */
export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/[&<>]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;");
}

/** `s` as a double-quoted attribute value, its whitespace kept by references. */
export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  return s.replace(
    /[&<"\t\n\r]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" })[c]!,
  );
}
