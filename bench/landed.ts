/**
 * Did every FLOWii record arrive in POHODA exactly once? Each document is found by its type and
 * number (POHODA's identity of a document), each partner by the identity spojka upserts it by: the
 * FLOWii id when the export carries it as extId, else the IČO, else (a private person without any
 * id) its name and address.
 *
 * @module
 */

import type { FlowiiDataset } from "../tests/emulators/flowii/dataset.ts";
import { EX_SYSTEM_NAME } from "../tests/emulators/flowii/pohoda_xml.ts";
import type { Partner } from "../tests/emulators/flowii/records.ts";
import type { AddressBookRecord, PohodaDb } from "../tests/emulators/mserver/mod.ts";

/** How the records of one kind landed. */
export interface Tally {
  /** Records in FLOWii. */
  expected: number;
  /** Records found exactly once in POHODA. */
  once: number;
  missing: number;
  /** Records found more than once. */
  duplicated: number;
  /** POHODA records that match no FLOWii record. */
  unknown: number;
}

/** Documents and partners. */
export interface Landed {
  documents: Tally;
  partners: Tally;
}

/** True when every record landed exactly once and nothing else arrived. */
export function allOnce(tally: Tally): boolean {
  return tally.once === tally.expected && tally.unknown === 0;
}

/** Compares what FLOWii holds with what the emulated POHODA holds. */
export function landed(dataset: FlowiiDataset, pohoda: PohodaDb): Landed {
  return {
    documents: compare(
      dataset.documents.map((d) => `${d.type} ${d.number}`),
      pohoda.invoices.map((i) => `${i.invoiceType} ${i.number}`),
    ),
    partners: compare(dataset.partners.map(partnerKey), pohoda.addressBook.map(recordKey)),
  };
}

function compare(expected: string[], found: string[]): Tally {
  const counts = new Map<string, number>();
  for (const key of found) counts.set(key, (counts.get(key) ?? 0) + 1);
  const tally: Tally = { expected: expected.length, once: 0, missing: 0, duplicated: 0, unknown: 0 };
  for (const key of expected) {
    const n = counts.get(key) ?? 0;
    if (n === 0) tally.missing++;
    else if (n === 1) tally.once++;
    else tally.duplicated++;
    counts.delete(key);
  }
  for (const n of counts.values()) tally.unknown += n;
  return tally;
}

function partnerKey(partner: Partner): string {
  if (partner.extIdInExport) return `id ${partner.id}`;
  if (partner.ico) return `ico ${partner.ico}`;
  return person(partner.name, partner.street, partner.zip, partner.city);
}

function recordKey(record: AddressBookRecord): string {
  // FLOWii's ids are numbers; the id spojka gives a partner without any is not.
  const flowiiId = record.extIds.find((e) => e.exSystemName === EX_SYSTEM_NAME && /^\d+$/.test(e.ids));
  if (flowiiId) return `id ${flowiiId.ids}`;
  if (record.address.ico) return `ico ${record.address.ico}`;
  const { name, street, zip, city } = record.address;
  return person(name, street, zip, city);
}

function person(...fields: (string | undefined)[]): string {
  return `person ${fields.join("|")}`;
}
