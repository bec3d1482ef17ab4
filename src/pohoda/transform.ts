/**
 * The transform stage: a POHODA dataPack as FLOWii exports it → items ready for the target.
 * Each item gets a stable identity, so a replay of any document, in any chunking, is recognised
 * by POHODA as already imported; partners become upserts, so a changed partner is updated and
 * never duplicated. The export is streamed record by record: memory follows the largest record,
 * and a record too large to build is reported, not read.
 *
 * @module
 */

import { transliterate, UNENCODABLE, unencodable } from "./encoding.ts";
import {
  documentItemId,
  documentKey,
  documentLabel,
  hash,
  MAX_ID,
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
  /** `addressbook`, or the invoice type (`issuedInvoice`, `issuedAdvanceInvoice`, …). */
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
}

/** What {@linkcode transformStream} yields, in export order. */
export type TransformEvent = { kind: "item"; item: PohodaItem } | {
  kind: "oversized";
  record: OversizedRecord;
};

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
        throw new SyntaxError(`expected a POHODA dataPack (version 2), found <${root.root.name}>`);
      }
    } else if (event.kind === "record") {
      const item = await transformRecordText(event, root!, options);
      if (item) yield { kind: "item", item };
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
 * are the tree's work (they are rare, and each needs a note).
 */
async function transformRecordText(
  record: Extract<XmlStreamEvent, { kind: "record" }>,
  root: Extract<XmlStreamEvent, { kind: "root" }>,
  options: TransformOptions,
): Promise<PohodaItem | undefined> {
  const name = /^<([^\s/>]+)/.exec(record.text)![1];
  const colon = name.indexOf(":");
  const packItem = name.slice(colon + 1) === "dataPackItem" &&
    root.scope.get(colon < 0 ? "" : name.slice(0, colon)) === NS.dat;
  // Other children of the dataPack are ignored.
  if (record.plain && !packItem) return undefined;
  const simple = record.plain &&
    (options.unsupportedCharacters === "reject" || !UNENCODABLE.test(record.text));
  const draft = simple ? await transformText(record.text, root.scope, options.extSystem) : undefined;
  if (draft) return { ...draft, notes: [] };
  const tree = parseXml(`${root.startTag}${record.text}</${root.root.name}>`).children[0];
  if (typeof tree === "string" || !isElement(tree, NS.dat, "dataPackItem")) return undefined;
  const element = firstElement(tree);
  return element && await transformTree(element, options);
}

function firstElement(el: XmlElement): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== "string");
}

/** The transform of one record read into a tree: every record, whatever it holds. */
export async function transformTree(record: XmlElement, options: TransformOptions): Promise<PohodaItem> {
  const notes = options.unsupportedCharacters === "transliterate" ? transliterateTree(record) : [];
  const item = isElement(record, NS.adb, "addressbook")
    ? await partner(record, options)
    : isElement(record, NS.inv, "invoice")
    ? await document(record, options)
    : await other(record);
  return { ...item, notes };
}

/** Names an oversized record from what was read of it before it went over. */
function oversized(
  event: Extract<XmlStreamEvent, { kind: "oversized" }>,
  packItem: XmlElement | undefined,
): OversizedRecord {
  const parts = [`record ${event.index + 1}`];
  const id = packItem && attr(packItem, "id");
  if (id) parts.push(`dataPackItem ${id}`);
  const record = packItem && firstElement(packItem);
  if (record) {
    const { agenda, label } = describe(record);
    parts.push(`${agenda} ${label}`);
  }
  return { index: event.index, chars: event.chars, label: parts.join(", ") };
}

/** The agenda and label of a record, read without changing it. */
function describe(record: XmlElement): Pick<PohodaItem, "agenda" | "label"> {
  const agenda = localName(record.name);
  if (isElement(record, NS.adb, "addressbook")) {
    const { name, ico } = partnerFields(record);
    return { agenda: "addressbook", label: partnerLabel(name, ico) };
  }
  if (isElement(record, NS.inv, "invoice")) {
    const { type, number, extIds, partnerName } = documentFields(record);
    return { agenda: type, label: documentLabel(number, extIds, partnerName) };
  }
  return { agenda, label: agenda };
}

/** Address book: upsert filtered by the FLOWii external id, else IČO, else an id spojka adds. */
async function partner(record: XmlElement, options: TransformOptions): Promise<Draft> {
  const { identity, ico, name, extId } = partnerFields(record);
  const typ = prefixIn(record, NS.typ, "typ");
  const ftr = prefixIn(record, NS.ftr, "ftr");

  let id: PartnerId;
  if (extId) {
    id = {
      kind: "ext",
      ids: text(child(extId, NS.typ, "ids")) ?? "",
      system: text(child(extId, NS.typ, "exSystemName")) ?? "",
    };
  } else if (ico) id = { kind: "ico", ico };
  else {
    // No id at all (a private person): a content hash names it, and an extId carries it into POHODA.
    id = { kind: "ext", ids: `FLW-P-${await hash(serialize(record), 16)}`, system: options.extSystem };
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
    itemId: await partnerItemId(key),
    agenda: "addressbook",
    label: partnerLabel(name, ico),
    xml: serialize(record),
  };
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

/** Invoices are create-only: identity is the type and number, guarded by POHODA's number check. */
async function document(record: XmlElement, options: TransformOptions): Promise<Draft> {
  const { header, type, requested, number, extId, extIds, partnerName } = documentFields(record);
  const key = documentKey(type, number, extIds) ?? `${type}/hash/${await hash(serialize(record), 16)}`;
  const itemId = await documentItemId(key);

  // Exactly once: POHODA refuses a second document with the same number in the same agenda.
  if (requested) setAttr(requested, "checkDuplicity", "true");
  if (header && !extId) {
    const typ = prefixIn(record, NS.typ, "typ");
    header.children.unshift(element(NS.inv, prefixIn(record, NS.inv, "inv"), "extId", [
      element(NS.typ, typ, "ids", [itemId]),
      element(NS.typ, typ, "exSystemName", [options.extSystem]),
    ]));
  }
  return {
    key,
    itemId,
    agenda: type,
    label: documentLabel(number, extIds, partnerName),
    xml: serialize(record),
  };
}

function documentFields(record: XmlElement) {
  const header = child(record, NS.inv, "invoiceHeader");
  const requested = at(header, [NS.inv, "number"], [NS.typ, "numberRequested"]);
  const extId = child(header, NS.inv, "extId");
  const partnerAddress = at(header, [NS.inv, "partnerIdentity"], [NS.typ, "address"]);
  return {
    header,
    type: text(child(header, NS.inv, "invoiceType"))?.trim() || "invoice",
    requested,
    number: text(requested)?.trim(),
    extId,
    extIds: text(child(extId, NS.typ, "ids"))?.trim(),
    partnerName: text(child(partnerAddress, NS.typ, "company"))?.trim() ||
      text(child(partnerAddress, NS.typ, "name"))?.trim(),
  };
}

/** Any other agenda passes through unchanged; POHODA decides. */
async function other(record: XmlElement): Promise<Draft> {
  const xml = serialize(record);
  const agenda = localName(record.name);
  const digest = await hash(xml, 16);
  return {
    key: `${agenda}/hash/${digest}`,
    itemId: `FLW-${agenda}-${digest}`.slice(0, MAX_ID),
    agenda,
    label: agenda,
    xml,
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
        `"${value}" was sent as "${fixed}" (windows-1250 has no ${
          unencodable(value).map((u) => u.char).join(" ")
        })`,
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
