/**
 * The POHODA behind the `Pohoda.exe /XML` emulator, kept in a JSON file between invocations (each
 * one is a process of its own, as the real program is): one mServer emulator's {@linkcode PohodaDb}
 * per accounting unit (database `StwPh_<IČO>_<year>`), the credentials POHODA accepts, fault
 * switches, and a record of every invocation for tests.
 *
 * @module
 */

import type { AddressBookRecord, Company, ImportRecord, Invoice } from "../mserver/mod.ts";
import { PohodaDb } from "../mserver/pohoda.ts";

/** One invocation of the emulated Pohoda.exe, as tests read it (the password is never kept). */
export interface Invocation {
  user: string;
  ini: string;
  /** The INI's `[XML]` keys as read. */
  settings: Record<string, string>;
  /** Each pack read: its file, dataPack@id, item ids, and the number of data.xsd problems. */
  packs: { file: string; packId?: string; itemIds: string[]; schemaIssues: number }[];
  /** Whether answers were written (see {@linkcode Faults.unanswered}). */
  answered: boolean;
}

/** What a test can make the emulated Pohoda.exe do wrong, once `sparing` more invocations ran well. */
export interface Faults {
  /** This many invocations run well before the faults below apply. */
  sparing: number;
  /** The next N invocations import as usual but write no answer, as if the answers were lost. */
  unanswered: number;
  /** The next N invocations do nothing at all and exit, as a POHODA that did not get to the packs. */
  idle: number;
  /** How long every invocation works before it reads the packs, so that a test can kill spojka meanwhile. */
  latencyMs: number;
}

/** One accounting unit as the JSON file holds it. */
export interface UnitFile {
  company: Company;
  addressBook: AddressBookRecord[];
  invoices: Invoice[];
  orders: PohodaDb["orders"];
  imports: ImportRecord[];
}

/** The store as a JSON file holds it. */
export interface StoreFile {
  /** The POHODA user and password the emulated program accepts. */
  user: string;
  password: string;
  faults: Faults;
  invocations: Invocation[];
  /** Every accounting unit, the first being the one a single-unit test reads as {@linkcode Store.db}. */
  units: UnitFile[];
}

/** A store in memory. */
export interface Store {
  file: Omit<StoreFile, "units">;
  /** Every accounting unit, each bound to its company and year. */
  units: PohodaDb[];
  /** The first unit. */
  db: PohodaDb;
}

/** The database name POHODA gives the unit of `company`: `StwPh_<IČO>_<year>`. */
export function databaseOf(company: Company): string {
  return `StwPh_${company.ico}_${company.year}`;
}

/** The unit whose database `database` names (case aside, as on Windows); `undefined` for none. */
export function unitOf(store: Store, database: string | undefined): PohodaDb | undefined {
  return store.units.find((db) => databaseOf(db.company).toLowerCase() === database?.toLowerCase());
}

/**
 * A new store for a company, with the credentials its POHODA accepts: the unit of `company.year`,
 * and one more unit for each of `otherYears`.
 */
export function newStore(
  company: Company,
  user: string,
  password: string,
  otherYears: number[] = [],
): StoreFile {
  const unit = (year: number): UnitFile => ({
    company: { ...company, year },
    addressBook: [],
    invoices: [],
    orders: [],
    imports: [],
  });
  return {
    user,
    password,
    faults: { sparing: 0, unanswered: 0, idle: 0, latencyMs: 0 },
    invocations: [],
    units: [company.year, ...otherYears].map(unit),
  };
}

/** Reads the store at `path`. */
export async function loadStore(path: string): Promise<Store> {
  const { units, ...file } = JSON.parse(await Deno.readTextFile(path)) as StoreFile;
  const dbs = units.map(loadUnit);
  return { file, units: dbs, db: dbs[0] };
}

function loadUnit({ company, addressBook, invoices, orders, imports }: UnitFile): PohodaDb {
  const db = new PohodaDb(company);
  // Records get their ids from the database's own sequences: an id a deleted record held is used
  // up by adding and removing the record itself, so every record keeps its id.
  restore(addressBook, (r) => db.createAddress(r), (id) => db.deleteAddress(id));
  restore(invoices, (r) => db.addInvoice(r), (id) => db.deleteInvoice(id));
  restore(orders, (r) => db.addOrder(r), (id) => db.deleteOrder(id));
  for (const row of imports) db.recordImport(row);
  return db;
}

/** Writes the store to `path`. */
export async function saveStore(path: string, store: Store): Promise<void> {
  const units = store.units.map((db): UnitFile => ({
    company: db.company,
    addressBook: db.addressBook,
    invoices: db.invoices,
    orders: db.orders,
    imports: db.imports,
  }));
  const file: StoreFile = { ...store.file, units };
  await Deno.writeTextFile(path, JSON.stringify(file, null, 2));
}

function restore<T extends { id: number }>(
  records: readonly T[],
  add: (record: T) => T,
  remove: (id: number) => void,
): void {
  for (const record of records) {
    for (;;) {
      const added = add(record);
      if (added.id === record.id) break;
      if (added.id > record.id) throw new Error(`record ${record.id} of the store is out of order`);
      remove(added.id);
    }
  }
}
