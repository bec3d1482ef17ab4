/**
 * Derives the length limits of the agendas spojka sends to POHODA from the official XSDs, and
 * writes them as `src/pohoda/limits.gen.ts`: the `maxLength` of every text field (and attribute),
 * keyed by the path of local names from the agenda element. Type references are followed through
 * the schemas (named and anonymous simple and complex types, simple and complex content, groups,
 * attribute groups, element references), so the table says what the schemas say, not a copy of them.
 *
 * Run: `deno task xsd-limits` (the schemas from `POHODA_XSD_DIR`, else `../shared/pohoda-xsd`).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { decodeXml } from "../src/pohoda/encoding.ts";
import { parseXml, type XmlElement } from "../src/pohoda/xmltree.ts";
import { resolveXsdDir } from "../tests/emulators/xsd.ts";

/** The agendas checked: the element each schema file defines for an item of a dataPack. */
export const AGENDAS: readonly { file: string; element: string }[] = [
  { file: "addressbook.xsd", element: "addressbook" },
  { file: "invoice.xsd", element: "invoice" },
  // FLOWii's order exports (received and issued) and its jobs (POHODA's contracts), flowii-api.md §8.
  { file: "order.xsd", element: "order" },
  { file: "contract.xsd", element: "contract" },
];

/** Where the generated table lives. */
export const LIMITS_FILE: string = fileURLToPath(new URL("../src/pohoda/limits.gen.ts", import.meta.url));

const XSD = "http://www.w3.org/2001/XMLSchema";

/** A global definition and the prefix bindings of the schema that holds it. */
interface Definition {
  node: XmlElement;
  prefixes: ReadonlyMap<string, string>;
}

type Kind = "element" | "complexType" | "simpleType" | "group" | "attributeGroup" | "attribute";

/** The global definitions of a set of schema files, by kind and `{namespace}local` name. */
class Schemas {
  readonly #defs = new Map<string, Definition>();
  /** Target namespaces of the files loaded. */
  readonly #loaded = new Map<string, string>();

  constructor(readonly dir: string) {}

  /** Loads `file` and every schema it imports or includes; returns its target namespace. */
  async load(file: string): Promise<string> {
    const known = this.#loaded.get(file);
    if (known !== undefined) return known;
    const text = decodeXml(await Deno.readFile(`${this.dir}/${file}`));
    const root = parseXml(text);
    const ns = root.attrs.find((a) => a.name === "targetNamespace")?.value ?? "";
    this.#loaded.set(file, ns);
    const prefixes = declarations(text);
    for (const node of elements(root)) {
      const kind = xsdName(node);
      if (kind === "import" || kind === "include") {
        const location = attr(node, "schemaLocation");
        if (location) await this.load(location);
        continue;
      }
      const name = attr(node, "name");
      if (name) this.#defs.set(`${kind} {${ns}}${name}`, { node, prefixes });
    }
    return ns;
  }

  /** The global definition `{ns}local` of `kind`, if the schemas have it. */
  get(kind: Kind, [ns, local]: Name): Definition | undefined {
    return this.#defs.get(`${kind} {${ns}}${local}`);
  }

  /** The definition `qname` (as written where `scope` holds) names; throws when the schemas lack it. */
  find(kind: Kind, qname: string, scope: ReadonlyMap<string, string>): Definition {
    const name = resolve(qname, scope);
    const def = this.get(kind, name);
    if (!def) throw new Error(`the schemas define no ${kind} ${qname} ({${name[0]}}${name[1]})`);
    return def;
  }
}

/**
 * The namespace declarations of a schema. The tree reader keeps none, and every POHODA schema makes
 * them all on its root element; one anywhere else would be misread, so it stops the generator.
 */
function declarations(text: string): Map<string, string> {
  const start = /<xsd:schema\b[^>]*>/.exec(text);
  if (!start) throw new Error("not an XML schema (no <xsd:schema>)");
  const all = [...text.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)];
  const onRoot = [...start[0].matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)];
  if (all.length !== onRoot.length) throw new Error("a namespace is declared below <xsd:schema>");
  return new Map(onRoot.map((m) => [m[1] ?? "", m[2]]));
}

/** A namespace URI and a local name. */
type Name = [ns: string, local: string];

function resolve(qname: string, scope: ReadonlyMap<string, string>): Name {
  const colon = qname.indexOf(":");
  const prefix = colon < 0 ? "" : qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== "") throw new Error(`the prefix of ${qname} is not declared`);
  return [ns ?? "", qname.slice(colon + 1)];
}

function elements(node: XmlElement): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== "string");
}

/** The local name of an XSD element, `""` for anything else (annotations in other namespaces …). */
function xsdName(node: XmlElement): string {
  return node.ns === XSD ? node.name.slice(node.name.indexOf(":") + 1) : "";
}

function attr(node: XmlElement, name: string): string | undefined {
  return node.attrs.find((a) => a.name === name)?.value;
}

/** Walks the content of the agendas and collects the limit of every path. */
class Walker {
  readonly limits = new Map<string, number>();
  /** Complex types being walked: a type that contains itself is not walked again inside itself. */
  readonly #active = new Set<XmlElement>();

  constructor(readonly schemas: Schemas) {}

  element(decl: XmlElement, scope: ReadonlyMap<string, string>, parent: string): void {
    const ref = attr(decl, "ref");
    if (ref) ({ node: decl, prefixes: scope } = this.schemas.find("element", ref, scope));
    const path = parent ? `${parent}/${attr(decl, "name")}` : attr(decl, "name")!;
    const type = attr(decl, "type");
    if (type) this.typed(type, scope, path);
    for (const inline of elements(decl)) {
      if (xsdName(inline) === "simpleType") this.record(path, this.simpleLimit(inline, scope));
      else if (xsdName(inline) === "complexType") this.complex(inline, scope, path);
    }
  }

  /** A value of the type `qname` at `path`. */
  typed(qname: string, scope: ReadonlyMap<string, string>, path: string): void {
    const name = resolve(qname, scope);
    if (name[0] === XSD) return;
    const simple = this.schemas.get("simpleType", name);
    if (simple) return this.record(path, this.simpleLimit(simple.node, simple.prefixes));
    const complex = this.schemas.find("complexType", qname, scope);
    this.complex(complex.node, complex.prefixes, path);
  }

  /** The maxLength of a simple type, following restrictions and unions; undefined when unbounded. */
  simpleLimit(node: XmlElement, scope: ReadonlyMap<string, string>): number | undefined {
    for (const step of elements(node)) {
      const kind = xsdName(step);
      if (kind === "restriction") {
        const own = elements(step).find((f) => xsdName(f) === "maxLength");
        if (own) return Number(attr(own, "value"));
        const base = attr(step, "base");
        if (base) return this.baseLimit(base, scope);
        const inline = elements(step).find((f) => xsdName(f) === "simpleType");
        return inline && this.simpleLimit(inline, scope);
      }
      if (kind === "union") {
        // A union is as long as its longest member, and unbounded when any member is.
        const members = [
          ...(attr(step, "memberTypes") ?? "").split(/\s+/).filter(Boolean).map((m) =>
            this.baseLimit(m, scope)
          ),
          ...elements(step).filter((m) => xsdName(m) === "simpleType").map((m) => this.simpleLimit(m, scope)),
        ];
        return members.some((m) => m === undefined) ? undefined : Math.max(...members as number[]);
      }
    }
    return undefined; // a list, or a type without facets
  }

  baseLimit(qname: string, scope: ReadonlyMap<string, string>): number | undefined {
    if (resolve(qname, scope)[0] === XSD) return undefined;
    const def = this.schemas.find("simpleType", qname, scope);
    return this.simpleLimit(def.node, def.prefixes);
  }

  complex(node: XmlElement, scope: ReadonlyMap<string, string>, path: string): void {
    if (this.#active.has(node)) return;
    this.#active.add(node);
    for (const part of elements(node)) {
      const kind = xsdName(part);
      if (kind === "simpleContent" || kind === "complexContent") {
        for (const derivation of elements(part)) this.derived(derivation, kind, scope, path);
      } else this.part(part, scope, path);
    }
    this.#active.delete(node);
  }

  /** An `extension` or `restriction` of simple or complex content. */
  derived(node: XmlElement, content: string, scope: ReadonlyMap<string, string>, path: string): void {
    const base = attr(node, "base")!;
    const facet = elements(node).find((f) => xsdName(f) === "maxLength");
    if (facet) this.record(path, Number(attr(facet, "value")));
    else if (content === "simpleContent" || xsdName(node) === "extension") {
      // Simple content takes the base's value; a complex extension adds to the base's content.
      this.typed(base, scope, path);
    }
    for (const part of elements(node)) this.part(part, scope, path);
  }

  /** A particle or attribute inside a complex type. */
  part(node: XmlElement, scope: ReadonlyMap<string, string>, path: string): void {
    switch (xsdName(node)) {
      case "element":
        return this.element(node, scope, path);
      case "sequence":
      case "choice":
      case "all":
        for (const c of elements(node)) this.part(c, scope, path);
        return;
      case "group":
      case "attributeGroup": {
        const ref = attr(node, "ref");
        if (!ref) return;
        const def = this.schemas.find(xsdName(node) as Kind, ref, scope);
        for (const c of elements(def.node)) this.part(c, def.prefixes, path);
        return;
      }
      case "attribute": {
        const ref = attr(node, "ref");
        if (ref) ({ node, prefixes: scope } = this.schemas.find("attribute", ref, scope));
        const at = `${path}/@${attr(node, "name")}`;
        const type = attr(node, "type");
        if (type) this.typed(type, scope, at);
        const inline = elements(node).find((c) => xsdName(c) === "simpleType");
        if (inline) this.record(at, this.simpleLimit(inline, scope));
      }
    }
  }

  record(path: string, limit: number | undefined): void {
    if (limit === undefined) return;
    const known = this.limits.get(path);
    // Two declarations of one path (a choice between namespaces): the stricter limit holds for both.
    this.limits.set(path, known === undefined ? limit : Math.min(known, limit));
  }
}

/** The limits of the agendas, by path, from the schemas in `dir`. */
async function deriveLimits(dir: string): Promise<Map<string, number>> {
  const schemas = new Schemas(dir);
  const walker = new Walker(schemas);
  for (const agenda of AGENDAS) {
    const ns = await schemas.load(agenda.file);
    const root = schemas.get("element", [ns, agenda.element]);
    if (!root) throw new Error(`${agenda.file} defines no element ${agenda.element}`);
    walker.element(root.node, root.prefixes, "");
  }
  return walker.limits;
}

/** The source text of `limits.gen.ts` for the schemas in `dir`. */
export async function generateLimits(dir: string): Promise<string> {
  const limits = await deriveLimits(dir);
  const lines = [...limits].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    .map(([path, limit]) => `  "${path}": ${limit},`);
  return [
    "// Generated by `deno task xsd-limits` (tools/xsd_limits.ts) from the POHODA XSDs: do not edit.",
    "",
    "/**",
    " * The XSD `maxLength` of every text field of the agendas spojka sends, keyed by the path of local",
    " * names from the agenda element (`invoice/invoiceHeader/text`); an attribute is `…/@name`.",
    " */",
    "export const MAX_LENGTH: Readonly<Record<string, number>> = {",
    ...lines,
    "};",
    "",
  ].join("\n");
}

if (import.meta.main) {
  const dir = resolveXsdDir();
  const source = await generateLimits(dir);
  await Deno.writeTextFile(LIMITS_FILE, source);
  console.log(`${LIMITS_FILE}: ${source.split("\n").length} lines from ${dir}`);
}
