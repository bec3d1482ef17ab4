/**
 * Numbering of a new document or order, as POHODA does it for every numbered agenda: the requested
 * number (`typ:numberRequested`, refused when the agenda has it, unless `checkDuplicity="false"`),
 * else the next number of a numeric series.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { type AgendaOutcome, failed } from "./agenda.ts";
import { booleanAttribute, child, pohodaXPath, text } from "./dom.ts";
import type { DocumentAgenda, PohodaDb } from "./pohoda.ts";
import type { Detail } from "./response.ts";

/** Series code of each agenda's default numeric series; numbers look like `26FV00001`. */
const SERIES_CODE: Record<DocumentAgenda, string> = {
  vydane_faktury: "FV",
  vydane_zalohove_faktury: "ZF",
  ostatni_pohledavky: "OP",
  prijate_faktury: "FP",
  prijate_zalohove_faktury: "ZP",
  ostatni_zavazky: "OZ",
  prijate_objednavky: "PO",
  vydane_objednavky: "VO",
};

// errno of the warning POHODA gives for a value it changed (reference §16).
const ERRNO_VALUE_ADJUSTED = 603;

/** The number a document gets, or the error that refuses it. */
export type Numbering =
  | { state: "ok"; number: string; details: Detail[] }
  | (AgendaOutcome & { state: "error" });

/**
 * The number of a document whose header holds `number` (`inv:number`, `ord:number`, a
 * `typ:numberType`): `typ:numberRequested` if free; when taken, an error with `checkDuplicity` (the
 * default) or the next number of the default series plus a 603 warning without it; otherwise the
 * next number of the series named by `typ:ids`, or of the agenda's default series.
 */
export function assignNumber(
  db: PohodaDb,
  number: XmlElement | undefined,
  agenda: DocumentAgenda,
): Numbering {
  const defaultPrefix = `${String(db.company.year).slice(-2)}${SERIES_CODE[agenda]}`;
  const requested = number && child(number, "typ:numberRequested");
  if (!requested) {
    const series = number && text(number, "typ:ids");
    return { state: "ok", number: db.nextNumber(agenda, series ?? defaultPrefix), details: [] };
  }
  const wanted = text(requested, ".") ?? "";
  if (!db.numberTaken(agenda, wanted)) return { state: "ok", number: wanted, details: [] };
  const xpath = pohodaXPath(requested);
  if (booleanAttribute(requested, "checkDuplicity", true)) {
    return {
      ...failed(`Doklad s číslem ${wanted} již existuje.`, { xpath, valueRequested: wanted }),
      state: "error",
    };
  }
  const renumbered = db.nextNumber(agenda, defaultPrefix);
  return {
    state: "ok",
    number: renumbered,
    details: [{
      state: "warning",
      errno: ERRNO_VALUE_ADJUSTED,
      note: `Hodnota prvku musela být upravena: doklad s číslem ${wanted} již existuje.`,
      xpath,
      valueRequested: wanted,
      valueProduced: renumbered,
    }],
  };
}
