/**
 * Reading a parsed request (libxml2-wasm DOM) by namespace, not by prefix: clients may pick any
 * prefixes, and POHODA resolves namespaces, so every lookup here goes through the fixed map {@link NS}.
 *
 * @module
 */

import { XmlElement } from "libxml2-wasm";
import { toWindows1250Repertoire } from "../cp1250.ts";
import { NS } from "../pohoda_ns.ts";

const PREFIX_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(NS).map(([prefix, uri]) => [uri, prefix]),
);

/** The first element matching a relative XPath written with the {@link NS} prefixes. */
export function child(context: XmlElement, path: string): XmlElement | undefined {
  const steps = childSteps(path);
  if (!steps) return (context.get(path, NS) as XmlElement | null) ?? undefined;
  for (const found of walk(context, steps, 0)) return found;
  return undefined;
}

/** All elements matching a relative XPath written with the {@link NS} prefixes. */
export function children(context: XmlElement, path: string): XmlElement[] {
  const steps = childSteps(path);
  return steps ? [...walk(context, steps, 0)] : context.find(path, NS) as XmlElement[];
}

/** One step of a child-only path: an element in a namespace, or any element (`*`). */
type Step = { namespace: string; name: string } | "*";

const STEP = /^(?:\*|([A-Za-z][\w-]*):([A-Za-z_][\w.-]*))$/;
const parsedPaths = new Map<string, Step[] | null>();

/**
 * The steps of a path made only of child steps (`inv:invoiceHeader/inv:number/typ:ids`, `*`, `.`),
 * which is nearly every lookup. They are walked in the tree directly: an XPath evaluation, with the
 * namespaces registered each time, made the emulator's import cost more than the client's. Any other
 * path (predicates, axes, functions) is `null` and goes to libxml2's XPath.
 */
function childSteps(path: string): Step[] | null {
  let steps = parsedPaths.get(path);
  if (steps === undefined) {
    steps = [];
    for (const part of path === "." ? [] : path.split("/")) {
      const match = STEP.exec(part);
      const namespace = match?.[1] === undefined ? undefined : NS[match[1] as keyof typeof NS];
      if (!match || (match[1] !== undefined && namespace === undefined)) {
        steps = null;
        break;
      }
      steps.push(part === "*" ? "*" : { namespace: namespace!, name: match[2] });
    }
    parsedPaths.set(path, steps);
  }
  return steps;
}

/** The elements `steps` lead to from `context`, in document order. */
function* walk(context: XmlElement, steps: Step[], from: number): Generator<XmlElement> {
  if (from === steps.length) {
    yield context;
    return;
  }
  const step = steps[from];
  for (let node = context.firstChild; node; node = node.next) {
    if (!(node instanceof XmlElement)) continue;
    if (step !== "*" && (node.name !== step.name || node.namespaceUri !== step.namespace)) continue;
    yield* walk(node, steps, from + 1);
  }
}

/**
 * The trimmed text of the element at `path`, or `undefined` when it is missing or empty. The text is
 * reduced to the windows-1250 repertoire, because that is what POHODA would store.
 */
export function text(context: XmlElement, path: string): string | undefined {
  const value = child(context, path)?.content.trim();
  return value ? toWindows1250Repertoire(value) : undefined;
}

/** An attribute value, or `undefined`. */
export function attribute(element: XmlElement, name: string): string | undefined {
  return element.attr(name)?.value;
}

/** An `xsd:boolean` attribute with its schema default. */
export function booleanAttribute(element: XmlElement, name: string, fallback: boolean): boolean {
  const value = attribute(element, name)?.trim();
  return value === undefined ? fallback : value === "true" || value === "1";
}

/**
 * The simple fields of an element as local name → text: each leaf child's text, and for a child that
 * wraps exactly one leaf (`typ:country/typ:ids`, `inv:paymentType/typ:paymentType`, …) that leaf's
 * text. Other structured children are skipped; `skip` names children the caller reads itself.
 */
export function simpleFields(element: XmlElement, skip: readonly string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of children(element, "*")) {
    if (skip.includes(field.name)) continue;
    const value = leafOf(field)?.content.trim();
    if (value) fields[field.name] = toWindows1250Repertoire(value);
  }
  return fields;
}

/** The element itself when it has no child elements, or its only child when that has none. */
function leafOf(element: XmlElement): XmlElement | undefined {
  const nested = children(element, "*");
  if (nested.length === 0) return element;
  return nested.length === 1 && children(nested[0], "*").length === 0 ? nested[0] : undefined;
}

/**
 * The XPath POHODA reports in `rdc:XPath`: standard prefixes, no leading slash, and a position on
 * every `dataPackItem` (as in the real responses, e.g. `dat:dataPack/dat:dataPackItem[1]/inv:invoice/…`),
 * plus a position on any other element that has same-named siblings.
 */
export function pohodaXPath(element: XmlElement): string {
  const steps: string[] = [];
  for (let el: XmlElement | null = element; el; el = el.parent) {
    const prefix = PREFIX_OF.get(el.namespaceUri);
    const name = prefix ? `${prefix}:${el.name}` : el.name;
    const position = siblingPosition(el);
    const indexed = el.name === "dataPackItem" || position.of > 1;
    steps.unshift(indexed ? `${name}[${position.index}]` : name);
  }
  return steps.join("/");
}

/** 1-based position of `el` among its same-named siblings, and how many there are. */
export function siblingPosition(el: XmlElement): { index: number; of: number } {
  const parent = el.parent;
  if (!parent) return { index: 1, of: 1 };
  const same = children(parent, "*").filter((s) => s.name === el.name && s.namespaceUri === el.namespaceUri);
  // Wrappers are recreated on every lookup, so identity has to be asked of libxml2.
  const index = same.findIndex((s) => s.isSameNode(el)) + 1;
  return { index, of: same.length };
}
