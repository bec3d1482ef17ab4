/**
 * Fault injection for the mServer emulator: what a test can make the server do wrong, and the
 * description of an item that a rejection predicate decides on.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { child, text } from "./dom.ts";

/** What a {@link MServerFaults.rejectItem} predicate sees of one `dat:dataPackItem`. */
export interface ItemInfo {
  packId: string;
  itemId: string;
  /** 1-based position in the pack. */
  index: number;
  /** Local name of the agenda element: `invoice`, `addressbook`, … */
  agenda: string;
  /** `inv:invoiceType` of an invoice. */
  invoiceType?: string;
  /** The requested document number (`typ:numberRequested`) of an invoice or address. */
  number?: string;
  /** Company, else name, of the invoice partner or of the address-book identity. */
  partnerName?: string;
  /** `typ:ids` of the record's own extId (invoice header or first address-book identity). */
  extId?: string;
}

/** Mutable fault switches of a running emulator; tests set them between requests. */
export interface MServerFaults {
  /**
   * Decides per item (after schema validation and the duplicity check): return a note to refuse the
   * item with `state="error"` and that note in `rdc:importDetails/rdc:detail`, or `undefined` to import it.
   */
  rejectItem?: (item: ItemInfo) => string | undefined;
  /** The next N `POST /xml` are answered 503 without being processed. */
  unavailable: number;
  /**
   * The next N `POST /xml` get a 200 HTML login page instead of a responsePack, as one client reports
   * when the user lacks mServer rights or the agenda is locked by another instance; nothing is processed.
   */
  loginPage: number;
  /**
   * The next N `POST /xml` are processed (and recorded), but the response is lost: the status line and
   * headers arrive, then the connection closes before the body, so reading the body fails.
   */
  dropResponse: number;
  /**
   * When set, every `POST /xml` gets a pack-level `state="error"` with this note and no items, like a
   * user without the XML-import right (`"Uživatel není oprávnen importovat XML soubory."`).
   */
  packError?: string;
  /** Processing time added to every `POST /xml`, in milliseconds. */
  latencyMs: number;
  /** Processing time added per `dat:dataPackItem` of a processed `POST /xml`, in milliseconds. */
  itemLatencyMs: number;
}

/** Reads the {@link ItemInfo} of an agenda element. */
export function describeItem(agenda: XmlElement, packId: string, itemId: string, index: number): ItemInfo {
  const info: ItemInfo = { packId, itemId, index, agenda: agenda.name };
  const set = <K extends keyof ItemInfo>(key: K, value: ItemInfo[K] | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  const header = child(agenda, "inv:invoiceHeader") ?? child(agenda, "adb:addressbookHeader");
  if (!header) return info;
  const address = child(header, "inv:partnerIdentity/typ:address") ??
    child(header, "adb:identity/typ:address");
  set("invoiceType", text(header, "inv:invoiceType"));
  set(
    "number",
    text(header, "inv:number/typ:numberRequested") ?? text(header, "adb:number/typ:numberRequested"),
  );
  set("partnerName", address && (text(address, "typ:company") ?? text(address, "typ:name")));
  set("extId", text(header, "inv:extId/typ:ids") ?? text(header, "adb:identity/typ:extId/typ:ids"));
  return info;
}
