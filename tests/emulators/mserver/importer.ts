/**
 * Processing of one `dat:dataPack` the way POHODA does it: well-formedness, the envelope checked
 * against `data.xsd` and the company's IČO (failures answer the whole pack), then every
 * `dat:dataPackItem` on its own — schema errors inside it, the batch duplicity check, injected
 * rejections, and the agenda import — answered by `dataPackItem/@id` in request order.
 *
 * @module
 */

import { XmlDocument, type XmlElement, XmlParseError, type XsdValidator } from "libxml2-wasm";
import type { AgendaImporter } from "./agenda.ts";
import { importAddressbook } from "./addressbook.ts";
import { NS } from "../pohoda_ns.ts";
import { toIssue, validateDocument, type XsdIssue } from "../xsd.ts";
import { attribute, child, children, pohodaXPath, siblingPosition } from "./dom.ts";
import { describeItem, type MServerFaults } from "./faults.ts";
import { importInvoice } from "./invoice.ts";
import { answerList, isListRequest } from "./list.ts";
import { importOrder } from "./order.ts";
import { type Company, type PohodaDb, today } from "./pohoda.ts";
import type { Detail, ItemResult, ResponseAgenda, ResponsePackModel } from "./response.ts";
import { unreadableNote } from "./unreadable.ts";

/** The `programVersion` the emulator reports (a current POHODA SQL release). */
export const PROGRAM_VERSION = "14200.4 SQL (1.10.2026)";

/** Note of a pack whose envelope fails `data.xsd` (wording seen in a real client). */
export const SCHEMA_FAILURE_NOTE = "Nepodařila se validace dokumentu podle schématu";

/** Note of a pack whose `@ico` is not the company's. [unverified wording] */
export const ICO_MISMATCH_NOTE = "IČO v XML se neshoduje s IČO účetní jednotky.";

/** Everything one import needs. */
export interface ImportContext {
  db: PohodaDb;
  /** Checks the pack against `data.xsd`; without it the pack is taken as valid. */
  validator?: XsdValidator;
  /** `STW-Check-Duplicity: true` was sent. */
  checkDuplicity: boolean;
  faults: Pick<MServerFaults, "rejectItem" | "packError">;
  /** Characters this POHODA cannot read: a pack holding one is refused whole (see unreadable.ts). */
  unreadable?: string;
}

/** The answer plus what the request log keeps about the request. */
export interface ImportResult {
  model: ResponsePackModel;
  packId?: string;
  itemIds: string[];
  /** Absent when the pack was not validated. */
  schemaIssues?: XsdIssue[];
}

const IMPORTERS: Record<ResponseAgenda, { namespace: string; run: AgendaImporter }> = {
  invoice: { namespace: NS.inv, run: importInvoice },
  order: { namespace: NS.ord, run: importOrder },
  addressbook: { namespace: NS.adb, run: importAddressbook },
};

/** Imports a request body (raw bytes; libxml2 honours the encoding in its XML declaration). */
export function importDataPack(bytes: Uint8Array, context: ImportContext): ImportResult {
  const refused = (note: string, schemaIssues: XsdIssue[] = []): ImportResult => ({
    // The pack could not be read, so its id is unknown: answered with id="" like the real denial.
    model: packAnswer(context.db.company, "", "error", note),
    itemIds: [],
    schemaIssues,
  });
  // Like the real "no XML-import right" answer, this refuses before the pack is read.
  if (context.faults.packError !== undefined) return refused(context.faults.packError);
  const unreadable = context.unreadable && unreadableNote(bytes, context.unreadable);
  if (unreadable) return refused(unreadable);
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    const issues = error.details.map(toIssue);
    return refused(`XML dokument není správně utvořen: ${issues[0]?.message ?? error.message}`, issues);
  }
  try {
    const root = doc.root;
    if (root.name !== "dataPack" || root.namespaceUri !== NS.dat) {
      return refused("Kořenovým elementem XML musí být dat:dataPack.");
    }
    return importPack(doc, root, context);
  } finally {
    doc.dispose();
  }
}

/** Checks the envelope, then answers every item. */
function importPack(doc: XmlDocument, root: XmlElement, context: ImportContext): ImportResult {
  const { company } = context.db;
  const packId = attribute(root, "id") ?? "";
  const items = children(root, "dat:dataPackItem");
  const schemaIssues = context.validator && validateDocument(context.validator, doc);
  const logged = { packId, itemIds: items.map((item) => attribute(item, "id") ?? ""), schemaIssues };

  const { envelope, byItem } = locateIssues(doc, schemaIssues ?? []);
  if (envelope.length > 0) {
    const messages = envelope.map((issue) => issue.message).join(" ");
    return { model: packAnswer(company, packId, "error", `${SCHEMA_FAILURE_NOTE}: ${messages}`), ...logged };
  }
  const companyProblem = checkCompany(root, company);
  if (companyProblem) return { model: packAnswer(company, packId, "error", companyProblem), ...logged };

  const results = items.map((item, i) => importItem(item, i + 1, packId, byItem.get(i + 1) ?? [], context));
  return { model: packAnswer(company, packId, "ok", attribute(root, "note"), results), ...logged };
}

/** The `rsp:responsePack` model; the note of an ok pack echoes the request's note. */
function packAnswer(
  company: Company,
  id: string,
  state: "ok" | "error",
  note: string | undefined,
  items: ItemResult[] = [],
): ResponsePackModel {
  return { id, state, note, programVersion: PROGRAM_VERSION, ico: company.ico, key: company.key, items };
}

/**
 * The pack must name the company: `@ico` (which has priority) or, when it is empty, `@key`. A pack
 * naming neither is refused too, since mServer cannot tell it was meant for this unit. [unverified]
 */
function checkCompany(root: XmlElement, company: Company): string | undefined {
  const ico = attribute(root, "ico")?.trim();
  const key = attribute(root, "key")?.trim();
  if (ico) return ico === company.ico ? undefined : ICO_MISMATCH_NOTE;
  if (key) return key === company.key ? undefined : "Klíč v XML se neshoduje s klíčem účetní jednotky.";
  return "V XML není uvedeno IČO ani klíč účetní jednotky.";
}

/** A schema problem located inside an item, with the node it concerns. */
interface ItemIssue {
  issue: XsdIssue;
  xpath: string;
}

/**
 * Splits schema problems into envelope problems (the dataPack, its attributes, a dataPackItem's own
 * attributes) and problems inside a dataPackItem (keyed by its 1-based position). libxml2 reports a
 * node path in the document's own prefixes; evaluating it in the document finds the node.
 */
function locateIssues(
  doc: XmlDocument,
  issues: XsdIssue[],
): { envelope: XsdIssue[]; byItem: Map<number, ItemIssue[]> } {
  const envelope: XsdIssue[] = [];
  const byItem = new Map<number, ItemIssue[]>();
  if (issues.length === 0) return { envelope, byItem };
  const namespaces = documentPrefixes(doc);
  for (const issue of issues) {
    const node = issue.xpath ? doc.get(issue.xpath, namespaces) as XmlElement | null : null;
    let top = node;
    while (top?.parent?.parent) top = top.parent;
    if (!node || !top || node.isSameNode(top) || top.name !== "dataPackItem" || top.namespaceUri !== NS.dat) {
      envelope.push(issue);
      continue;
    }
    const index = siblingPosition(top).index;
    byItem.set(index, [...byItem.get(index) ?? [], { issue, xpath: pohodaXPath(node) }]);
  }
  return { envelope, byItem };
}

/** Every prefix declared anywhere in the document (the default namespace needs none in libxml2's paths). */
function documentPrefixes(doc: XmlDocument): Record<string, string> {
  const prefixes: Record<string, string> = {};
  for (const element of doc.find("//*") as XmlElement[]) Object.assign(prefixes, element.nsDeclarations);
  delete prefixes[""];
  return prefixes;
}

/** The agenda answer the emulator writes for this agenda element, if it imports that agenda. */
function responseAgenda(agenda: XmlElement): ResponseAgenda | undefined {
  const name = agenda.name as ResponseAgenda;
  return Object.hasOwn(IMPORTERS, name) && IMPORTERS[name].namespace === agenda.namespaceUri
    ? name
    : undefined;
}

/** Answers one dataPackItem. */
function importItem(
  item: XmlElement,
  index: number,
  packId: string,
  issues: ItemIssue[],
  context: ImportContext,
): ItemResult {
  const { db } = context;
  const itemId = attribute(item, "id") ?? "";
  const agenda = child(item, "*")!;
  const kind = responseAgenda(agenda);
  const refuse = (details: Detail[]): ItemResult =>
    kind
      ? { kind: "agenda", id: itemId, agenda: kind, state: "error", note: details[0].note, details }
      : { kind: "bare", id: itemId, state: "error", note: details[0].note ?? "" };

  if (issues.length > 0) {
    return refuse(issues.map(({ issue, xpath }) => ({ state: "error", note: issue.message, xpath })));
  }
  // A list request imports nothing: no duplicity check, no injected rejection.
  if (isListRequest(agenda)) return answerList(agenda, itemId, db);
  const earlier = context.checkDuplicity ? db.findImport(packId, itemId) : undefined;
  if (earlier) {
    // The record may have been deleted since; POHODA then leaves out its id.
    const exists = earlier.recordId !== undefined && db.recordExists(earlier.agendaType, earlier.recordId);
    return {
      kind: "duplicity",
      id: itemId,
      agendaType: earlier.agendaType,
      dateCreate: earlier.dateCreate,
      recordId: exists ? earlier.recordId : undefined,
      number: earlier.number,
    };
  }
  const rejection = context.faults.rejectItem?.(describeItem(agenda, packId, itemId, index));
  if (rejection !== undefined) {
    return refuse([{ state: "error", note: rejection, xpath: pohodaXPath(agenda) }]);
  }
  if (!kind) {
    return refuse([{ state: "error", note: `Agenda ${agenda.name} není v emulátoru mServeru podporována.` }]);
  }

  const outcome = IMPORTERS[kind].run({ db, element: agenda, packId, itemId });
  if (outcome.state === "ok" && outcome.history) {
    db.recordImport({ packId, itemId, ...outcome.history, dateCreate: today() });
  }
  return {
    kind: "agenda",
    id: itemId,
    agenda: kind,
    state: outcome.state,
    note: outcome.state === "error" ? outcome.details.find((d) => d.state === "error")?.note : undefined,
    details: outcome.details,
    produced: outcome.produced,
  };
}
