/**
 * The `rsp:responsePack` the emulator answers with: a small model of it and a writer that renders it
 * exactly in the element order of `response.xsd` / `documentresponse.xsd` (the server encodes the text
 * as windows-1250).
 *
 * @module
 */

import { NS } from "../pohoda_ns.ts";
import { el, leaf, renderDocument, type XmlElement } from "../xml.ts";
import type { AgendaType } from "./pohoda.ts";

/** `ok` or `error` (`typ:stavType2`). */
export type PackState = "ok" | "error";

/** One `rdc:detail` of `rdc:importDetails`. */
export interface Detail {
  state: "ok" | "warning" | "error";
  errno?: number;
  note?: string;
  /** `rdc:XPath`; `valueRequested`/`valueProduced` are only written together with it (XSD group). */
  xpath?: string;
  valueRequested?: string;
  valueProduced?: string;
}

/** `rdc:producedDetails`: the record the import created or touched. */
export interface Produced {
  id: number;
  number?: string;
  actionType?: "add" | "update" | "delete";
}

/** Agendas whose import answer the emulator writes, by their `dataPackItem` child's local name. */
export type ResponseAgenda = "invoice" | "order" | "addressbook";

/** The answer for one `dat:dataPackItem`. */
export type ItemResult =
  /** An agenda answer (`inv:invoiceResponse`, `ord:orderResponse`, `adb:addressbookResponse`). */
  | {
    kind: "agenda";
    id: string;
    agenda: ResponseAgenda;
    state: PackState;
    note?: string;
    details: Detail[];
    produced?: Produced;
  }
  /** A batch-duplicity refusal: `rsp:errorDetail/rsp:recordDuplicity`. */
  | {
    kind: "duplicity";
    id: string;
    agendaType: AgendaType;
    dateCreate?: string;
    recordId?: number;
    number?: string;
  }
  /** An item refused without an agenda answer (e.g. an agenda the emulator does not implement). */
  | { kind: "bare"; id: string; state: "error"; note: string }
  /** The answer to a list request: `lst:listInvoice`, `lAdb:listAddressBook` (see `list.ts`). */
  | { kind: "list"; id: string; state: PackState; note?: string; list: XmlElement };

/** The whole answer. */
export interface ResponsePackModel {
  id: string;
  state: PackState;
  note?: string;
  programVersion: string;
  ico: string;
  key?: string;
  items: ItemResult[];
}

const RESPONSE_ELEMENT: Record<ResponseAgenda, string> = {
  invoice: "inv:invoiceResponse",
  order: "ord:orderResponse",
  addressbook: "adb:addressbookResponse",
};

/** Renders the response as text (with the windows-1250 XML declaration). */
export function renderResponsePack(model: ResponsePackModel): string {
  const root = el(
    "rsp:responsePack",
    {
      version: "2.0",
      id: model.id,
      state: model.state,
      programVersion: model.programVersion,
      ico: model.ico,
      key: model.key,
      note: model.note,
      "xmlns:rsp": NS.rsp,
      "xmlns:rdc": NS.rdc,
      "xmlns:typ": NS.typ,
      "xmlns:inv": NS.inv,
      "xmlns:ord": NS.ord,
      "xmlns:adb": NS.adb,
      "xmlns:lst": NS.lst,
      "xmlns:lAdb": NS.lAdb,
    },
    ...model.items.map(renderItem),
  );
  return renderDocument(root, "windows-1250");
}

function renderItem(item: ItemResult): XmlElement {
  switch (item.kind) {
    case "agenda":
      return el(
        "rsp:responsePackItem",
        { version: "2.0", id: item.id, state: item.state, note: item.note },
        el(
          RESPONSE_ELEMENT[item.agenda],
          { version: "2.0", state: item.state },
          item.details.length > 0
            ? el("rdc:importDetails", {}, ...item.details.map(renderDetail))
            : undefined,
          item.produced && renderProduced(item.produced),
        ),
      );
    case "duplicity":
      return el(
        "rsp:responsePackItem",
        { version: "2.0", id: item.id, state: "error" },
        el(
          "rsp:errorDetail",
          {},
          el(
            "rsp:recordDuplicity",
            {},
            leaf("rsp:agendaType", item.agendaType),
            leaf("rsp:dateCreate", item.dateCreate),
            leaf("rsp:id", item.recordId),
            leaf("rsp:number", item.number),
          ),
        ),
      );
    case "bare":
      return el("rsp:responsePackItem", { version: "2.0", id: item.id, state: item.state, note: item.note });
    case "list":
      return el(
        "rsp:responsePackItem",
        { version: "2.0", id: item.id, state: item.state, note: item.note },
        item.list,
      );
  }
}

/** One `rdc:detail`. */
export function renderDetail(detail: Detail): XmlElement {
  // valueRequested and valueProduced belong to the XSD group that starts with rdc:XPath.
  const located = detail.xpath === undefined ? [] : [
    leaf("rdc:XPath", detail.xpath),
    leaf("rdc:valueRequested", detail.valueRequested),
    leaf("rdc:valueProduced", detail.valueProduced),
  ];
  return el(
    "rdc:detail",
    {},
    leaf("rdc:state", detail.state),
    leaf("rdc:errno", detail.errno),
    leaf("rdc:note", detail.note),
    ...located,
  );
}

function renderProduced(produced: Produced): XmlElement {
  return el(
    "rdc:producedDetails",
    {},
    leaf("rdc:id", produced.id),
    leaf("rdc:number", produced.number),
    leaf("rdc:actionType", produced.actionType),
  );
}
