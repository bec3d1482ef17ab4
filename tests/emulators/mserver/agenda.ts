/**
 * What every agenda importer (`invoice.ts`, `addressbook.ts`) receives and returns, plus the
 * reading helpers they share.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { child, text } from "./dom.ts";
import type { AgendaType, ExtId, PohodaDb } from "./pohoda.ts";
import type { Detail, Produced } from "./response.ts";

/** Input of an agenda importer: one agenda element of one `dat:dataPackItem`. */
export interface AgendaContext {
  db: PohodaDb;
  /** The agenda element, e.g. `inv:invoice`. */
  element: XmlElement;
  packId: string;
  itemId: string;
}

/** Result of importing one agenda element. */
export interface AgendaOutcome {
  state: "ok" | "error";
  details: Detail[];
  produced?: Produced;
  /** What the XML Import history records for a successful import. */
  history?: { agendaType: AgendaType; recordId?: number; number?: string };
}

/** An agenda importer. */
export type AgendaImporter = (context: AgendaContext) => AgendaOutcome;

/** A failed import with one error detail. */
export function failed(note: string, where: Omit<Detail, "state" | "note"> = {}): AgendaOutcome {
  return { state: "error", details: [{ state: "error", note, ...where }] };
}

/** Reads a `typ:extIdType` element. */
export function readExtId(element: XmlElement): ExtId {
  const extId: ExtId = {
    ids: text(element, "typ:ids") ?? "",
    exSystemName: text(element, "typ:exSystemName") ?? "",
  };
  const exSystemText = text(element, "typ:exSystemText");
  if (exSystemText !== undefined) extId.exSystemText = exSystemText;
  return extId;
}

/** The element's child at `path` read as an extId, if present. */
export function optionalExtId(context: XmlElement, path: string): ExtId | undefined {
  const element = child(context, path);
  return element ? readExtId(element) : undefined;
}
