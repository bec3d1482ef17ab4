/**
 * The transform stage: a POHODA dataPack as FLOWii exports it → items ready for the target.
 * Each item gets a stable identity, so a replay of any document, in any chunking, is recognised
 * by POHODA as already imported; partners become upserts, so a changed partner is updated and
 * never duplicated. A record nothing would keep POHODA from importing twice (an agenda spojka
 * does not know, a document with neither a number nor an external id) is refused, not sent. The
 * export is streamed record by record: memory follows the largest record, and a record too large
 * to build is reported, not read.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import { transliterate, UNENCODABLE, unencodable } from "./encoding.ts";
import {
  documentItemId,
  documentKey,
  documentLabel,
  hash,
  type PartnerId,
  partnerItemId,
  partnerKey,
  partnerLabel,
} from "./identity.ts";
import { NS } from "./namespaces.ts";
import { type Draft, transformText } from "./transform_text.ts";
import { parseXml, readXmlItems, type XmlStreamEvent } from "./xmlstream.ts";
import {
  at,
  attr,
  child,
  childrenOf,
  element,
  isElement,
  localName,
  prefixIn,
  serialize,
  setAttr,
  text,
  type XmlElement,
} from "./xmltree.ts";

/** An item ready to be posted, as kept in the outbox. */
export interface PohodaItem {
  /** Identity of the record across runs: the outbox key. A newer version replaces an older one. */
  key: string;
  /** `dataPackItem@id` (≤ 64 characters): POHODA's batch duplicity check keys on it. */
  itemId: string;
  /** `addressbook`, or the document type (`issuedInvoice`, `issuedAdvanceInvoice`, `receivedOrder`, …). */
  agenda: string;
  /** What a human recognises: document number and partner, or partner name and IČO. */
  label: string;
  /** The agenda element, standalone with its namespace declarations. */
  xml: string;
  /** What the transform changed that the user should know. */
  notes: string[];
}

/** How to rewrite records for the target. */
export interface TransformOptions {
  /** `exSystemName` of the external ids spojka adds where the export has none. */
  extSystem: string;
  /** What to do with characters windows-1250 cannot hold: keep them (the item fails when posted) or transliterate. */
  unsupportedCharacters: "reject" | "transliterate";
}

/** A record of the export too large to read; it is skipped, the others go on. */
export interface OversizedRecord {
  /** Position among the dataPack's children, from 0. */
  index: number;
  /** Its length in characters. */
  chars: number;
  /** What a human recognises, as far as it was read: `record 5313, dataPackItem 108056, issuedInvoice 2025100001 (Firma s.r.o.)`. */
  label: string;
  /** Its `dataPackItem@id`, when it has one. */
  packItem?: string;
  /**
   * What was read of it, when that names its agenda: the label without its place, and the outbox key
   * its item would get when a number, an external id or an IČO names it.
   */
  read?: { agenda: string; label: string; key?: string };
}

/** Why a record is not imported: no POHODA guard would keep it from being imported twice. */
export interface Refusal {
  /** The document type, or the element's local name for an agenda spojka does not know. */
  agenda: string;
  /** What a human recognises of it (empty when nothing is known but its agenda). */
  label: string;
  /** Why, and what to do, in words for the user. */
  reason: string;
}

/** A record of the export refused by {@linkcode transformTree}; the others go on. */
export interface RefusedRecord extends Refusal {
  /** Position among the dataPack's children, from 0. */
  index: number;
  /** What a human recognises, then where it is: `(no number) (Firma s.r.o.), record 2, dataPackItem 108056`. */
  label: string;
  /** What a human recognises without where it is (`(no number) (Firma s.r.o.)`; may be empty). */
  name: string;
  /** Its `dataPackItem@id`, when it has one. */
  packItem?: string;
}

/** What {@linkcode transformStream} yields, in export order. */
export type TransformEvent =
  | { kind: "item"; item: PohodaItem }
  | { kind: "oversized"; record: OversizedRecord }
  | { kind: "refused"; record: RefusedRecord };

/**
 * The create-only document agendas spojka imports. A document is named by its type and number, else
 * by its external id; both agendas keep the number in `number/typ:numberRequested` (whose
 * `checkDuplicity` refuses a number the agenda has) and an `extId` in their header (`xsd:all`, so
 * the order of its children does not matter).
 */
const DOCUMENTS = [
  { ns: NS.inv, prefix: "inv", element: "invoice", header: "invoiceHeader", type: "invoiceType" },
  { ns: NS.ord, prefix: "ord", element: "order", header: "orderHeader", type: "orderType" },
] as const;

type DocumentAgenda = (typeof DOCUMENTS)[number];

function documentAgenda(record: XmlElement): DocumentAgenda | undefined {
  return DOCUMENTS.find((d) => isElement(record, d.ns, d.element));
}

/**
 * Streams an exported dataPack (decoded text chunks) into items; throws `XmlSyntaxError` /
 * `SyntaxError` for a file that is not a POHODA dataPack, after the items before the fault.
 * A record longer than `maxItemChars` is yielded as `oversized` instead.
 */
export async function* transformStream(
  chunks: AsyncIterable<string>,
  options: TransformOptions & { maxItemChars: number },
): AsyncGenerator<TransformEvent> {
  let root: Extract<XmlStreamEvent, { kind: "root" }> | undefined;
  for await (const event of readXmlItems(chunks, { maxItemChars: options.maxItemChars, raw: true })) {
    if (event.kind === "root") {
      root = event;
      if (root.root.ns !== NS.dat || localName(root.root.name) !== "dataPack") {
        throw new SyntaxError(m.pohodaExport.notDataPack(root.root.name));
      }
    } else if (event.kind === "record") {
      const transformed = transformRecordText(event, root!, options);
      if (transformed) yield transformed;
    } else if (event.kind === "oversized") {
      const partial = event.partial;
      // Other children of the dataPack are ignored, oversized or not.
      if (!partial || isElement(partial, NS.dat, "dataPackItem")) {
        yield { kind: "oversized", record: oversized(event, partial) };
      }
    }
  }
}

/**
 * A record as text: spliced when it is a usual one, else read into a tree. Characters to transliterate
 * are the tree's work (they are rare, and each needs a note), and so are refusals.
 */
function transformRecordText(
  record: Extract<XmlStreamEvent, { kind: "record" }>,
  root: Extract<XmlStreamEvent, { kind: "root" }>,
  options: TransformOptions,
): TransformEvent | undefined {
  const name = /^<([^\s/>]+)/.exec(record.text)![1];
  const colon = name.indexOf(":");
  const packItem = name.slice(colon + 1) === "dataPackItem" &&
    root.scope.get(colon < 0 ? "" : name.slice(0, colon)) === NS.dat;
  // Other children of the dataPack are ignored.
  if (record.plain && !packItem) return undefined;
  const simple = record.plain &&
    (options.unsupportedCharacters === "reject" || !UNENCODABLE.test(record.text));
  const draft = simple ? transformText(record.text, root.scope, options.extSystem) : undefined;
  if (draft) return { kind: "item", item: { ...draft, notes: [] } };
  const tree = parseXml(`${root.startTag}${record.text}</${root.root.name}>`).children[0];
  if (typeof tree === "string" || !isElement(tree, NS.dat, "dataPackItem")) return undefined;
  const element = firstElement(tree);
  if (!element) return undefined;
  const done = transformTree(element, options);
  if (!("reason" in done)) return { kind: "item", item: done };
  // Nothing in the record names it for sure: its place in the export does, for the user to find it.
  const label = [done.label, ...place(record.index, tree)].filter(Boolean).join(", ");
  const id = attr(tree, "id");
  return {
    kind: "refused",
    record: { ...done, label, name: done.label, index: record.index, ...id && { packItem: id } },
  };
}

function firstElement(el: XmlElement): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== "string");
}

/**
 * The transform of one record read into a tree: every record, whatever it holds. A record POHODA
 * could take twice is refused: an agenda spojka does not know, or a document that neither a number
 * nor an external id names (a content hash would name each version of it apart, so a changed one
 * would be imported again).
 */
export function transformTree(
  record: XmlElement,
  options: TransformOptions,
): PohodaItem | Refusal {
  const { name } = record;
  const documents = documentAgenda(record);
  if (!documents && !isElement(record, NS.adb, "addressbook")) {
    return {
      agenda: localName(name),
      label: "",
      reason: m.pohodaExport.unknownAgenda(name),
    };
  }
  const notes = options.unsupportedCharacters === "transliterate" ? transliterateTree(record) : [];
  const made = documents ? document(record, documents, options) : partner(record, options);
  return "reason" in made ? made : { ...made, notes };
}

/** Where a record is in the export: `record 5313`, `dataPackItem 108056` (when it has an id). */
function place(index: number, packItem: XmlElement | undefined): string[] {
  const id = packItem && attr(packItem, "id");
  return [m.pohodaExport.record(index + 1), ...id ? [`dataPackItem ${id}`] : []];
}

/** Names an oversized record from what was read of it before it went over. */
function oversized(
  event: Extract<XmlStreamEvent, { kind: "oversized" }>,
  packItem: XmlElement | undefined,
): OversizedRecord {
  const parts = place(event.index, packItem);
  const record = packItem && firstElement(packItem);
  const read = record && describe(record);
  if (read) parts.push(`${read.agenda} ${read.label}`);
  const id = packItem && attr(packItem, "id");
  return {
    index: event.index,
    chars: event.chars,
    label: parts.join(", "),
    ...id && { packItem: id },
    ...read && { read },
  };
}

/**
 * The agenda and label of a record, read without changing it, and its outbox key when its fields
 * name it (a partner without external id or IČO is named by its whole content, not read here).
 */
function describe(record: XmlElement): NonNullable<OversizedRecord["read"]> {
  const agenda = localName(record.name);
  if (isElement(record, NS.adb, "addressbook")) {
    const { name, ico, extId } = partnerFields(record);
    const id = partnerIdOf(extId, ico);
    return { agenda: "addressbook", label: partnerLabel(name, ico), ...id && { key: partnerKey(id) } };
  }
  const documents = documentAgenda(record);
  if (documents) {
    const { type, number, extIds, partnerName } = documentFields(record, documents);
    const key = documentKey(type, number, extIds);
    return { agenda: type, label: documentLabel(number, extIds, partnerName), ...key && { key } };
  }
  return { agenda, label: agenda };
}

/** Address book: upsert filtered by the FLOWii external id, else IČO, else an id spojka adds. */
function partner(record: XmlElement, options: TransformOptions): Draft {
  const { identity, ico, name, extId } = partnerFields(record);
  const typ = prefixIn(record, NS.typ, "typ");
  const ftr = prefixIn(record, NS.ftr, "ftr");

  let id = partnerIdOf(extId, ico);
  if (!id) {
    // No id at all (a private person): a content hash names it, and an extId carries it into POHODA.
    id = { kind: "ext", ids: `FLW-P-${hash(serialize(record), 16)}`, system: options.extSystem };
    if (identity) insertExtId(identity, element(NS.typ, typ, "extId", extIdOf(id, typ)));
  }
  const filter = id.kind === "ext"
    ? element(NS.ftr, ftr, "extId", extIdOf(id, typ))
    : element(NS.ftr, ftr, "ico", [id.ico]);

  const adb = prefixIn(record, NS.adb, "adb");
  record.children = record.children.filter((c) => !isElement(c, NS.adb, "actionType"));
  const action = element(NS.adb, adb, "update", [element(NS.ftr, ftr, "filter", [filter])], [{
    name: "add",
    value: "true",
  }]);
  record.children.unshift(element(NS.adb, adb, "actionType", [action]));

  const key = partnerKey(id);
  return {
    key,
    itemId: partnerItemId(key),
    agenda: "addressbook",
    label: partnerLabel(name, ico),
    xml: serialize(record),
  };
}

/** What names a partner: its external id, else its IČO; undefined when neither is there. */
function partnerIdOf(extId: XmlElement | undefined, ico: string | undefined): PartnerId | undefined {
  if (extId) {
    const ids = text(child(extId, NS.typ, "ids")) ?? "";
    return { kind: "ext", ids, system: text(child(extId, NS.typ, "exSystemName")) ?? "" };
  }
  return ico ? { kind: "ico", ico } : undefined;
}

/** The children of an extId element naming `id`. */
function extIdOf(id: Extract<PartnerId, { kind: "ext" }>, typ: string): XmlElement[] {
  return [element(NS.typ, typ, "ids", [id.ids]), element(NS.typ, typ, "exSystemName", [id.system])];
}

function partnerFields(record: XmlElement) {
  const header = child(record, NS.adb, "addressbookHeader");
  const identity = child(header, NS.adb, "identity");
  const address = child(identity, NS.typ, "address");
  const ico = text(child(address, NS.typ, "ico"))?.trim();
  const name = text(child(address, NS.typ, "company"))?.trim() ||
    text(child(address, NS.typ, "name"))?.trim() || "?";
  return { identity, ico, name, extId: childrenOf(identity, NS.typ, "extId")[0] };
}

/**
 * Documents (invoices, orders) are create-only. Identity is the type and number, else the external
 * id; the item id follows from it, so POHODA's batch duplicity check refuses any later version, and
 * the number's own check (`checkDuplicity`) refuses a number the agenda has. A document with
 * neither number nor external id is refused.
 */
function document(
  record: XmlElement,
  agenda: DocumentAgenda,
  options: TransformOptions,
): Draft | Refusal {
  const { header, type, requested, number, extId, extIds, partnerName } = documentFields(record, agenda);
  const label = documentLabel(number, extIds, partnerName);
  const key = documentKey(type, number, extIds);
  if (key === undefined) {
    return {
      agenda: type,
      label,
      reason: m.pohodaExport.noIdentity,
    };
  }
  const itemId = documentItemId(key);

  // Exactly once: POHODA refuses a second document with the same number in the same agenda.
  if (requested) setAttr(requested, "checkDuplicity", "true");
  if (header && !extId) {
    const typ = prefixIn(record, NS.typ, "typ");
    header.children.unshift(element(agenda.ns, prefixIn(record, agenda.ns, agenda.prefix), "extId", [
      element(NS.typ, typ, "ids", [itemId]),
      element(NS.typ, typ, "exSystemName", [options.extSystem]),
    ]));
  }
  return { key, itemId, agenda: type, label, xml: serialize(record) };
}

function documentFields(record: XmlElement, agenda: DocumentAgenda) {
  const header = child(record, agenda.ns, agenda.header);
  const requested = at(header, [agenda.ns, "number"], [NS.typ, "numberRequested"]);
  const extId = child(header, agenda.ns, "extId");
  const partnerAddress = at(header, [agenda.ns, "partnerIdentity"], [NS.typ, "address"]);
  return {
    header,
    type: text(child(header, agenda.ns, agenda.type))?.trim() || agenda.element,
    requested,
    number: text(requested)?.trim(),
    extId,
    extIds: text(child(extId, NS.typ, "ids"))?.trim(),
    partnerName: text(child(partnerAddress, NS.typ, "company"))?.trim() ||
      text(child(partnerAddress, NS.typ, "name"))?.trim(),
  };
}

/** `identity` is a sequence (id, extId*, address, …): a new extId goes after the existing ones. */
function insertExtId(identity: XmlElement, extId: XmlElement): void {
  const at = identity.children.findIndex((c) =>
    typeof c !== "string" && !["id", "extId"].includes(localName(c.name))
  );
  identity.children.splice(at < 0 ? identity.children.length : at, 0, extId);
}

function transliterateTree(el: XmlElement): string[] {
  const notes: string[] = [];
  const fix = (value: string) => {
    const fixed = transliterate(value);
    if (fixed !== value) {
      notes.push(
        m.pohodaExport.transliterated(value, fixed, unencodable(value).map((u) => u.char).join(" ")),
      );
    }
    return fixed;
  };
  for (const a of el.attrs) a.value = fix(a.value);
  el.children = el.children.map((c) =>
    typeof c === "string" ? fix(c) : (notes.push(...transliterateTree(c)), c)
  );
  return notes;
}
