/**
 * Reading mServer's `rsp:responsePack`: a pack-level refusal, or one result per item, matched by
 * `dataPackItem@id` (never by position).
 *
 * @module
 */

import { describeBody } from "../core/http.ts";
import { agendaName, m } from "../i18n/mod.ts";
import { decodeXml } from "./encoding.ts";
import { NS } from "./namespaces.ts";
import { attr, child, childrenOf, localName, parseXml, text, type XmlElement } from "./xmltree.ts";

/** The outcome of one item. */
export type ItemResult =
  | { outcome: "imported"; id?: string; number?: string; action?: string; warnings: string[] }
  | {
    outcome: "duplicate";
    /**
     * `batch`: POHODA's record of imported ids. `number`: POHODA has a document with this number,
     * and a lookup found it to be this one (see `taken.ts`; never from a response alone).
     */
    by: "batch" | "number";
    /** The record was imported before and has been deleted in POHODA since. */
    deleted?: boolean;
    id?: string;
    number?: string;
    detail: string;
  }
  /**
   * POHODA refused the document because its number exists: this document imported before (without
   * spojka's ids), or another one. Only a lookup of that number can tell (see `taken.ts`).
   */
  | { outcome: "number_taken"; number?: string; detail: string }
  | { outcome: "rejected"; reason: string };

/** What a responsePack says. */
export type PackResult =
  | { kind: "refused"; note: string }
  | { kind: "items"; items: Map<string, ItemResult> };

/** A body that is not a POHODA response (an HTML login page, a proxy's error page …). */
export class NotAResponseError extends Error {}

/** Parses a response as received (decoded by its XML declaration, usually windows-1250). */
export function parseResponse(bytes: Uint8Array): PackResult {
  let root: XmlElement;
  try {
    root = parseXml(decodeXml(bytes));
  } catch (e) {
    throw new NotAResponseError(`${m.pohodaList.notXml((e as Error).message)}${describeBody(bytes)}`);
  }
  if (root.ns !== NS.rsp || localName(root.name) !== "responsePack") {
    throw new NotAResponseError(`${m.pohodaList.notResponsePack(root.name)}${describeBody(bytes)}`);
  }
  const items = childrenOf(root, NS.rsp, "responsePackItem");
  if (attr(root, "state") === "error" && items.length === 0) {
    return { kind: "refused", note: attr(root, "note") || m.pohodaAnswer.refusedWithoutWhy };
  }
  return { kind: "items", items: new Map(items.map((item) => [attr(item, "id") ?? "", itemResult(item)])) };
}

/** POHODA's names of its agendas in a duplicity record (`ftr:printAgendaType`) → spojka's agendas. */
const PRINT_AGENDAS: Record<string, string> = {
  adresar: "addressbook",
  vydane_faktury: "issuedInvoice",
  vydane_zalohove_faktury: "issuedAdvanceInvoice",
  ostatni_pohledavky: "receivable",
  prijate_faktury: "receivedInvoice",
  prijate_zalohove_faktury: "receivedAdvanceInvoice",
  ostatni_zavazky: "commitment",
  prijate_objednavky: "receivedOrder",
  vydane_objednavky: "issuedOrder",
};

/** An agenda of a duplicity record under the name POHODA's menus give it; one spojka never sends, as POHODA wrote it. */
function printedAgenda(code: string): string {
  const agenda = PRINT_AGENDAS[code];
  return agenda ? agendaName(agenda) : code;
}

function itemResult(item: XmlElement): ItemResult {
  const inner = item.children.find((c): c is XmlElement => typeof c !== "string");
  const errorDetail = child(item, NS.rsp, "errorDetail");
  if (errorDetail) {
    const duplicity = child(errorDetail, NS.rsp, "recordDuplicity");
    if (duplicity) {
      const id = text(child(duplicity, NS.rsp, "id"));
      const number = text(child(duplicity, NS.rsp, "number"));
      const agenda = text(child(duplicity, NS.rsp, "agendaType"));
      const detail = id
        ? m.pohodaAnswer.importedBefore(agenda ? printedAgenda(agenda) : m.pohodaAnswer.record, number, id)
        : m.pohodaAnswer.deletedSince;
      return { outcome: "duplicate", by: "batch", deleted: !id, id, number, detail };
    }
    return { outcome: "rejected", reason: attr(item, "note") || m.pohodaAnswer.noDetails };
  }
  const details = childrenOf(child(inner, NS.rdc, "importDetails"), NS.rdc, "detail").map(readDetail);
  const failed = attr(item, "state") === "error" || (inner !== undefined && attr(inner, "state") === "error");
  if (!failed) {
    const produced = child(inner, NS.rdc, "producedDetails");
    return {
      outcome: "imported",
      id: text(child(produced, NS.rdc, "id")),
      number: text(child(produced, NS.rdc, "number")),
      action: text(child(produced, NS.rdc, "actionType")),
      warnings: details.filter((d) => d.state === "warning").map(describe),
    };
  }
  const errors = details.filter((d) => d.state === "error");
  const numberTaken = errors.find(isNumberTaken);
  if (numberTaken) {
    return {
      outcome: "number_taken",
      number: numberTaken.requested,
      detail: m.pohodaAnswer.numberExists(describe(numberTaken)),
    };
  }
  const reason = errors.map(describe).join("; ") || attr(item, "note") || attr(inner ?? item, "note") ||
    m.pohodaAnswer.noDetails;
  return { outcome: "rejected", reason };
}

/**
 * POHODA's document-number guard (`typ:numberRequested checkDuplicity="true"`, whose XSD text says
 * the document is not created "pokud zadané číslo již existuje") refuses with an error detail. Its
 * exact wording is not documented (README, "What is not verified"), so it is recognised by where it
 * points, the requested number (`rdc:XPath` ending in `…:number/typ:numberRequested`, reference
 * §15), or by a note that says a number already exists, in Czech or Slovak. Anything else, a note
 * merely mentioning duplicity included, is an ordinary rejection.
 */
function isNumberTaken(detail: Detail): boolean {
  return /(?:^|\/)\w+:number\/typ:numberRequested$/.test(detail.xpath ?? "") ||
    /(?<!\p{L})čísl(?:o|em|om)(?!\p{L}).*(?<!\p{L})(?:již|už) existuje(?!\p{L})/iu.test(detail.note ?? "");
}

interface Detail {
  state?: string;
  errno?: string;
  note?: string;
  xpath?: string;
  requested?: string;
  produced?: string;
}

function readDetail(detail: XmlElement): Detail {
  const field = (name: string) => text(child(detail, NS.rdc, name))?.trim() || undefined;
  return {
    state: field("state"),
    errno: field("errno"),
    note: field("note"),
    xpath: field("XPath"),
    requested: field("valueRequested"),
    produced: field("valueProduced"),
  };
}

/** `606 Datum není z účetního období. (inv:invoiceHeader/inv:date: 10.03.2025 → 10.03.2025)` */
function describe(d: Detail): string {
  const where = d.xpath?.replace(/^dat:dataPack\/dat:dataPackItem\[\d+\]\/[^/]+\//, "");
  const values = d.requested !== undefined || d.produced !== undefined
    ? `: ${d.requested ?? ""}${
      d.produced !== undefined && d.produced !== d.requested ? ` → ${d.produced}` : ""
    }`
    : "";
  return [d.errno, d.note ?? m.pohodaAnswer.noText, where ? `(${where}${values})` : ""].filter(Boolean).join(
    " ",
  );
}
