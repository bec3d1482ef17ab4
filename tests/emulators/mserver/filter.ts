/**
 * Address-book filters (`ftr:filter` of `ftr:filterAdbsType`) used by `adb:actionType` to find the
 * record to update, delete, or the duplicate to an added one. All given fields must match (AND).
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { child, text } from "./dom.ts";
import type { AddressBookRecord, ExtId, PohodaDb } from "./pohoda.ts";
import { sameExtId } from "./pohoda.ts";

/** A record predicate built from a filter. */
export interface AddressFilter {
  matches(record: AddressBookRecord): boolean;
  /**
   * The records that can match, found through the database's indexes by the filter's id, extId or
   * IČO (the whole address book when it names none of them); `matches` decides among them.
   */
  candidates(db: PohodaDb): readonly AddressBookRecord[];
}

// Filter fields compared with the record's address fields. POHODA's SQL database uses a
// case-insensitive collation, so these compare case-insensitively; exact otherwise. [unverified]
const ADDRESS_FIELDS = ["company", "name", "city", "street", "zip", "ico", "dic"] as const;

/**
 * Reads the `ftr:filter` of an action element. Returns `undefined` when there is no filter or it
 * names no field (then nothing is looked up), or an error note for filters the emulator cannot run.
 */
export function readAddressFilter(action: XmlElement): AddressFilter | { unsupported: string } | undefined {
  if (child(action, "ftr:queryFilter") || child(action, "ftr:userFilterName")) {
    return { unsupported: "Emulátor mServeru nepodporuje ftr:queryFilter ani ftr:userFilterName." };
  }
  const filter = child(action, "ftr:filter");
  if (!filter) return undefined;
  const tests: ((record: AddressBookRecord) => boolean)[] = [];
  let candidates: AddressFilter["candidates"] | undefined;

  const id = text(filter, "ftr:id");
  if (id !== undefined) {
    tests.push((record) => String(record.id) === id);
    candidates = (db) => {
      const record = /^\d+$/.test(id) ? db.address(Number(id)) : undefined;
      return record ? [record] : [];
    };
  }

  const extIds = text(filter, "ftr:extId/typ:ids");
  if (extIds !== undefined) {
    const wanted: ExtId = { ids: extIds, exSystemName: text(filter, "ftr:extId/typ:exSystemName") ?? "" };
    tests.push((record) => record.extIds.some((extId) => sameExtId(extId, wanted)));
    candidates ??= (db) => db.addressesWithExtId(wanted);
  }

  for (const field of ADDRESS_FIELDS) {
    const value = text(filter, `ftr:${field}`);
    if (value === undefined) continue;
    tests.push((record) => sameText(record.address[field], value));
    if (field === "ico") candidates ??= (db) => db.addressesWithIco(value);
  }

  const number = text(filter, "ftr:number/typ:numberRequested") ?? text(filter, "ftr:number/typ:ids");
  if (number !== undefined) tests.push((record) => record.number === number);

  if (tests.length === 0) return undefined;
  return {
    matches: (record) => tests.every((test) => test(record)),
    candidates: candidates ?? ((db) => db.addressBook),
  };
}

function sameText(actual: string | undefined, wanted: string): boolean {
  return actual !== undefined && actual.toLocaleLowerCase("cs") === wanted.toLocaleLowerCase("cs");
}
