/**
 * The transform stage: a POHODA dataPack as FLOWii exports it → items ready for the target.
 * Each item gets a stable identity, so a replay of any document, in any chunking, is recognised
 * by POHODA as already imported; partners become upserts, so a changed partner is updated and
 * never duplicated. Pure: text in, items out.
 *
 * @module
 */

import { transliterate, unencodable } from "./encoding.ts";
import { NS } from "./namespaces.ts";
import {
  at,
  child,
  childrenOf,
  element,
  isElement,
  localName,
  parseXml,
  prefixIn,
  serialize,
  setAttr,
  text,
  type XmlElement,
  type XmlNode,
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

const MAX_ID = 64;

/** Splits an exported dataPack into items. Throws `XmlSyntaxError` for XML that is not well-formed. */
export async function transformExport(xml: string, options: TransformOptions): Promise<PohodaItem[]> {
  const root = parseXml(xml);
  if (root.ns !== NS.dat || localName(root.name) !== "dataPack") {
    throw new SyntaxError(`expected a POHODA dataPack (version 2), found <${root.name}>`);
  }
  const items: PohodaItem[] = [];
  for (const packItem of childrenOf(root, NS.dat, "dataPackItem")) {
    const record = packItem.children.find((c): c is XmlElement => typeof c !== "string");
    if (!record) continue;
    const notes = options.unsupportedCharacters === "transliterate" ? transliterateTree(record) : [];
    const item = isElement(record, NS.adb, "addressbook")
      ? await partner(record, options)
      : isElement(record, NS.inv, "invoice")
      ? await document(record, options)
      : await other(record);
    items.push({ ...item, notes });
  }
  return items;
}

type Draft = Omit<PohodaItem, "notes">;

/** Address book: upsert filtered by the FLOWii external id, else IČO, else an id spojka adds. */
async function partner(record: XmlElement, options: TransformOptions): Promise<Draft> {
  const header = child(record, NS.adb, "addressbookHeader");
  const identity = child(header, NS.adb, "identity");
  const address = child(identity, NS.typ, "address");
  const ico = text(child(address, NS.typ, "ico"))?.trim();
  const name = text(child(address, NS.typ, "company"))?.trim() ||
    text(child(address, NS.typ, "name"))?.trim() || "?";
  const extId = childrenOf(identity, NS.typ, "extId")[0];
  const typ = prefixIn(record, NS.typ, "typ");
  const ftr = prefixIn(record, NS.ftr, "ftr");

  let key: string;
  let filter: XmlNode[];
  if (extId) {
    const ids = text(child(extId, NS.typ, "ids")) ?? "";
    const system = text(child(extId, NS.typ, "exSystemName")) ?? "";
    key = `addressbook/ext/${system}/${ids}`;
    filter = [element(NS.ftr, ftr, "extId", [
      element(NS.typ, typ, "ids", [ids]),
      element(NS.typ, typ, "exSystemName", [system]),
    ])];
  } else if (ico) {
    key = `addressbook/ico/${ico}`;
    filter = [element(NS.ftr, ftr, "ico", [ico])];
  } else {
    // No id at all (a private person): a content hash names it, and an extId carries it into POHODA.
    const ids = `FLW-P-${await hash(serialize(record), 16)}`;
    key = `addressbook/ext/${options.extSystem}/${ids}`;
    const own = [
      element(NS.typ, typ, "ids", [ids]),
      element(NS.typ, typ, "exSystemName", [options.extSystem]),
    ];
    if (identity) insertExtId(identity, element(NS.typ, typ, "extId", own));
    filter = [element(NS.ftr, ftr, "extId", own.map((e) => structuredClone(e)))];
  }

  const adb = prefixIn(record, NS.adb, "adb");
  record.children = record.children.filter((c) => !isElement(c, NS.adb, "actionType"));
  const action = element(NS.adb, adb, "update", [element(NS.ftr, ftr, "filter", filter)], [{
    name: "add",
    value: "true",
  }]);
  record.children.unshift(element(NS.adb, adb, "actionType", [action]));

  const xml = serialize(record);
  // No content in the id: the upsert is safe to repeat, and is sent without POHODA's batch duplicity
  // check (see checksDuplicity), so every version of a partner, even a reverted one, gets through.
  const itemId = await shortId("FLW-P", key.replace(/^addressbook\//, "").replace(/\//g, "-"), MAX_ID);
  return { key, itemId, agenda: "addressbook", label: ico ? `${name} (IČO ${ico})` : name, xml };
}

/** Invoices are create-only: identity is the type and number, guarded by POHODA's number check. */
async function document(record: XmlElement, options: TransformOptions): Promise<Draft> {
  const header = child(record, NS.inv, "invoiceHeader");
  const type = text(child(header, NS.inv, "invoiceType"))?.trim() || "invoice";
  const requested = at(header, [NS.inv, "number"], [NS.typ, "numberRequested"]);
  const number = text(requested)?.trim();
  const extId = child(header, NS.inv, "extId");
  const extIds = text(child(extId, NS.typ, "ids"))?.trim();
  const partnerAddress = at(header, [NS.inv, "partnerIdentity"], [NS.typ, "address"]);
  const partnerName = text(child(partnerAddress, NS.typ, "company"))?.trim() ||
    text(child(partnerAddress, NS.typ, "name"))?.trim();

  let key: string;
  if (number) key = `${type}/${number}`;
  else if (extIds) key = `${type}/ext/${extIds}`;
  else key = `${type}/hash/${await hash(serialize(record), 16)}`;
  const itemId = await shortId("FLW", key.replace(/\//g, "-"), MAX_ID);

  // Exactly once: POHODA refuses a second document with the same number in the same agenda.
  if (requested) setAttr(requested, "checkDuplicity", "true");
  if (header && !extId) {
    const typ = prefixIn(record, NS.typ, "typ");
    header.children.unshift(element(NS.inv, prefixIn(record, NS.inv, "inv"), "extId", [
      element(NS.typ, typ, "ids", [itemId]),
      element(NS.typ, typ, "exSystemName", [options.extSystem]),
    ]));
  }
  const label = [number ?? extIds ?? "(no number)", partnerName && `(${partnerName})`].filter(Boolean).join(
    " ",
  );
  return { key, itemId, agenda: type, label, xml: serialize(record) };
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

/** `prefix-rest` when it fits in `max` characters of safe text, else `prefix-<hash>`. */
async function shortId(prefix: string, rest: string, max: number): Promise<string> {
  const id = `${prefix}-${rest}`;
  return id.length <= max && /^[\w./:-]+$/.test(id) ? id : `${prefix}-H${await hash(rest, 20)}`;
}

async function hash(text: string, length: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, length);
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
