/**
 * The in-memory POHODA behind the emulator: the address book, issued/received documents per agenda,
 * and the *XML Import* history that the batch duplicity check consults. It only stores and finds;
 * import semantics live in `addressbook.ts` and `invoice.ts`. Tests read it to assert outcomes and
 * may also seed it (e.g. a partner that already exists in POHODA).
 *
 * @module
 */

/** The accounting unit (company + year) an mServer configuration is bound to; tests may change it. */
export interface Company {
  ico: string;
  name: string;
  /** Accounting year; the SQL database is `StwPh_<ico>_<year>`. */
  year: number;
  /** The unit's unique key (`dataPack/@key` alternative to `@ico`, echoed in `responsePack/@key`). */
  key: string;
}

/** Link to a record in an external system (`typ:extIdType`). */
export interface ExtId {
  ids: string;
  exSystemName: string;
  exSystemText?: string;
}

/** Simple element values by local name, e.g. `{ company: "…", ico: "…", country: "CZ" }`. */
export type Fields = Record<string, string>;

/** One address-book (*Adresář*) record. */
export interface AddressBookRecord {
  id: number;
  /** Identities in external systems (at most one per `exSystemName`). */
  extIds: ExtId[];
  /** `typ:address` fields: company, division, name, city, street, zip, ico, dic, country, email, phone, … */
  address: Fields;
  /** Other `adb:addressbookHeader` fields: phone, mobil, email, web, note, maturity, p1–p6, … */
  header: Fields;
  /** Customer number when one was requested. */
  number?: string;
  /** Dates (YYYY-MM-DD) of creation and of the last update by XML import. */
  created: string;
  updated?: string;
}

/** The invoice agendas, named as in `ftr:printAgendaType` (also used in `rsp:recordDuplicity`). */
export type InvoiceAgenda =
  | "vydane_faktury"
  | "vydane_zalohove_faktury"
  | "ostatni_pohledavky"
  | "prijate_faktury"
  | "prijate_zalohove_faktury"
  | "ostatni_zavazky";

/** Every agenda the emulator imports into. */
export type AgendaType = InvoiceAgenda | "adresar";

/** Document totals in the document's currency (an approximation, see `totals.ts`). */
export interface Totals {
  /** Sum without VAT. */
  base: number;
  vat: number;
  /** Sum with VAT after document rounding. */
  total: number;
}

/** One imported document of an invoice agenda. */
export interface Invoice {
  id: number;
  agenda: InvoiceAgenda;
  /** `inv:invoiceType`, e.g. `issuedInvoice`. */
  invoiceType: string;
  number: string;
  extId?: ExtId;
  /** Effective document date (YYYY-MM-DD). */
  date: string;
  text: string;
  symVar: string;
  /** All simple `inv:invoiceHeader` fields as sent (dateTax, dateDue, note, intNote, paymentType, …). */
  header: Fields;
  partner: {
    address: Fields;
    extIds: ExtId[];
    /** The address-book record the document is linked to, if any. */
    addressBookId?: number;
  };
  /** Number of `inv:invoiceItem` + `inv:invoiceAdvancePaymentItem`. */
  itemCount: number;
  /** Item texts in order. */
  itemTexts: string[];
  /** Currency code of a foreign-currency document; absent for home currency (CZK). */
  currency?: string;
  totals: Totals;
  /** Documents this one refers to: the cancelled/corrected source, deducted advances. */
  links: { kind: "cancel" | "corrective" | "advance"; invoiceId: number }[];
  created: string;
  /** The import that created it. */
  dataPackId: string;
  dataPackItemId: string;
}

/** One row of the *XML Import* history: a successfully imported (dataPack@id, dataPackItem@id). */
export interface ImportRecord {
  packId: string;
  itemId: string;
  agendaType: AgendaType;
  /** The record the import produced or touched. */
  recordId?: number;
  number?: string;
  dateCreate: string;
}

/** Today's date as YYYY-MM-DD in local time (POHODA runs on the user's clock). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True when two extIds name the same external record. */
export function sameExtId(a: ExtId, b: ExtId): boolean {
  return a.ids === b.ids && a.exSystemName === b.exSystemName;
}

/** The in-memory database. */
export class PohodaDb {
  /** The accounting unit this database belongs to. */
  readonly company: Company;
  /** Address book in creation order (deleted records are removed). */
  readonly addressBook: AddressBookRecord[] = [];
  /** Documents of all invoice agendas in creation order. */
  readonly invoices: Invoice[] = [];
  /** XML Import history. */
  readonly imports: ImportRecord[] = [];

  // Separate id sequences per table, as in POHODA's SQL database.
  #lastAddressId = 0;
  #lastInvoiceId = 0;
  readonly #lastNumber = new Map<string, number>();

  constructor(company: Company) {
    this.company = company;
  }

  /** Documents of one agenda. */
  invoicesIn(agenda: InvoiceAgenda): Invoice[] {
    return this.invoices.filter((invoice) => invoice.agenda === agenda);
  }

  /** Address-book record by id. */
  address(id: number): AddressBookRecord | undefined {
    return this.addressBook.find((record) => record.id === id);
  }

  /** Adds an address-book record and returns it (usable by tests to seed POHODA). */
  createAddress(data: Omit<AddressBookRecord, "id" | "created"> & { created?: string }): AddressBookRecord {
    const record: AddressBookRecord = {
      ...data,
      id: ++this.#lastAddressId,
      created: data.created ?? today(),
    };
    this.addressBook.push(record);
    return record;
  }

  /** Removes an address-book record. */
  deleteAddress(id: number): void {
    const index = this.addressBook.findIndex((record) => record.id === id);
    if (index >= 0) this.addressBook.splice(index, 1);
  }

  /** Stores a new document and returns it with its id. */
  addInvoice(data: Omit<Invoice, "id">): Invoice {
    const invoice: Invoice = { ...data, id: ++this.#lastInvoiceId };
    this.invoices.push(invoice);
    return invoice;
  }

  /** True when `number` is already used in `agenda`. */
  numberTaken(agenda: InvoiceAgenda, number: string): boolean {
    return this.invoices.some((invoice) => invoice.agenda === agenda && invoice.number === number);
  }

  /**
   * Next free number of the numeric series with this prefix in `agenda`: the prefix followed by a
   * five-digit counter (e.g. `26FV00001`), skipping numbers taken by requested numbers.
   */
  nextNumber(agenda: InvoiceAgenda, prefix: string): string {
    const key = `${agenda}\u0000${prefix}`;
    let counter = this.#lastNumber.get(key) ?? 0;
    let number: string;
    do number = `${prefix}${String(++counter).padStart(5, "0")}`; while (this.numberTaken(agenda, number));
    this.#lastNumber.set(key, counter);
    return number;
  }

  /** The history row of an earlier successful import of this (pack id, item id), if any. */
  findImport(packId: string, itemId: string): ImportRecord | undefined {
    return this.imports.find((row) => row.packId === packId && row.itemId === itemId);
  }

  /** Appends a history row. */
  recordImport(row: ImportRecord): void {
    this.imports.push(row);
  }
}
