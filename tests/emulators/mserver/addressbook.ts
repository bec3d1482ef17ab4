/**
 * Import of `adb:addressbook` into the in-memory POHODA, with `adb:actionType` semantics
 * (reference §12.1): `add` (default; the filter looks for a duplicate, `update="true"` updates it),
 * `update` (the filter selects; `add="true"` creates when nothing matches) and `delete`.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { type AgendaContext, type AgendaOutcome, failed, readExtId } from "./agenda.ts";
import { booleanAttribute, child, children, pohodaXPath, simpleFields, text } from "./dom.ts";
import { readAddressFilter } from "./filter.ts";
import { type AddressBookRecord, type ExtId, type Fields, type PohodaDb, today } from "./pohoda.ts";

/** The record data an `adb:addressbookHeader` carries. */
interface AddressData {
  extIds: ExtId[];
  address: Fields;
  header: Fields;
  number?: string;
}

/** Imports one `adb:addressbook`. */
export function importAddressbook({ db, element }: AgendaContext): AgendaOutcome {
  const action = child(element, "adb:actionType/*");
  const xpath = pohodaXPath(action ?? element);
  const flag = (name: "add" | "update") => action !== undefined && booleanAttribute(action, name, false);
  const filter = action && readAddressFilter(action);
  if (filter && "unsupported" in filter) return failed(filter.unsupported, { xpath });

  const matches = filter ? filter.candidates(db).filter((record) => filter.matches(record)) : [];
  if (matches.length > 1) {
    // What POHODA does then is [unverified]; refusing is the safe reading for a client.
    return failed(`Filtru odpovídá více záznamů (${matches.length}), záznam nelze jednoznačně určit.`, {
      xpath,
    });
  }
  const found = matches[0];
  const data = readAddressData(element);
  const notFound = () => failed("Záznam odpovídající filtru nebyl v adresáři nalezen.", { xpath });

  switch (action?.name ?? "add") {
    case "delete":
      if (!found) return notFound();
      db.deleteAddress(found.id);
      return done(found, "delete");
    case "update":
      if (found) return done(update(db, found, data), "update");
      return flag("add") ? done(db.createAddress(data), "add") : notFound();
    default:
      if (!found) return done(db.createAddress(data), "add");
      if (flag("update")) return done(update(db, found, data), "update");
      // A duplicate without update="true": nothing is imported. Reported as ok with a warning and the
      // existing record's id, so a client can still link to it. [unverified]
      return {
        state: "ok",
        details: [{ state: "warning", note: "Záznam již v adresáři existuje, nebyl importován.", xpath }],
        produced: { id: found.id },
        history: { agendaType: "adresar", recordId: found.id, number: found.number },
      };
  }
}

function readAddressData(element: XmlElement): AddressData {
  const header = child(element, "adb:addressbookHeader");
  if (!header) return { extIds: [], address: {}, header: {} };
  const address = child(header, "adb:identity/typ:address");
  const number = text(header, "adb:number/typ:numberRequested");
  return {
    extIds: children(header, "adb:identity/typ:extId").map(readExtId),
    address: address ? simpleFields(address) : {},
    header: simpleFields(header, ["id", "identity", "number"]),
    ...(number === undefined ? {} : { number }),
  };
}

/** Updates only what the request states; an extId replaces the one of the same external system. */
function update(db: PohodaDb, record: AddressBookRecord, data: AddressData): AddressBookRecord {
  Object.assign(record.address, data.address);
  Object.assign(record.header, data.header);
  for (const extId of data.extIds) {
    const index = record.extIds.findIndex((own) => own.exSystemName === extId.exSystemName);
    if (index >= 0) record.extIds[index] = extId;
    else record.extIds.push(extId);
  }
  if (data.number !== undefined) record.number = data.number;
  record.updated = today();
  db.reindexAddress(record);
  return record;
}

function done(record: AddressBookRecord, actionType: "add" | "update" | "delete"): AgendaOutcome {
  return {
    state: "ok",
    details: [],
    produced: { id: record.id, actionType },
    history: { agendaType: "adresar", recordId: record.id, number: record.number },
  };
}
