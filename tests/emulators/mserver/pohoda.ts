/**
 * The in-memory POHODA behind the emulator: the address book, issued/received documents per agenda,
 * received and issued orders, and the *XML Import* history that the batch duplicity check consults.
 * It only stores and finds; import semantics live in `addressbook.ts`, `invoice.ts` and `order.ts`. Tests read it to assert outcomes and
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

/** The order agendas (`ord:orderType` receivedOrder, issuedOrder), named as in `ftr:printAgendaType`. */
export type OrderAgenda = "prijate_objednavky" | "vydane_objednavky";

/** The agendas of numbered documents: each keeps its own numbers. */
export type DocumentAgenda = InvoiceAgenda | OrderAgenda;

/** Every agenda the emulator imports into. */
export type AgendaType = DocumentAgenda | "adresar";

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

/** One imported received or issued order. */
export interface Order {
  id: number;
  agenda: OrderAgenda;
  /** `ord:orderType`: `receivedOrder` or `issuedOrder`. */
  orderType: string;
  number: string;
  extId?: ExtId;
  /** Document date (YYYY-MM-DD). */
  date: string;
  text?: string;
  /** All simple `ord:orderHeader` fields as sent (numberOrder, dateDelivery, note, …). */
  header: Fields;
  /** `ord:partnerIdentity`: the address as sent, and its external ids. */
  partner: { address: Fields; extIds: ExtId[] };
  /** Texts of the `ord:orderItem`s in order. */
  itemTexts: string[];
  /** Currency code of a foreign-currency order; absent for home currency (CZK). */
  currency?: string;
  totals: Totals;
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

/**
 * The in-memory database. The lists are public for tests to read; records change only through the
 * methods (and the importers), which keep the lookup indexes — a load run of 120 000 items would be
 * quadratic with linear searches. The import history alone may also be cleared by a test
 * (`imports.length = 0`, "the history was purged"); its index follows.
 */
export class PohodaDb {
  /** The accounting unit this database belongs to. */
  readonly company: Company;
  /** Address book in creation order (deleted records are removed). */
  readonly addressBook: AddressBookRecord[] = [];
  /** Documents of all invoice agendas in creation order. */
  readonly invoices: Invoice[] = [];
  /** Received and issued orders in creation order. */
  readonly orders: Order[] = [];
  /** XML Import history. */
  readonly imports: ImportRecord[] = [];

  // Separate id sequences per table, as in POHODA's SQL database.
  #lastAddressId = 0;
  #lastInvoiceId = 0;
  #lastOrderId = 0;
  readonly #lastNumber = new Map<string, number>();

  readonly #addressById = new Map<number, AddressBookRecord>();
  /** Address-book records by identifying key (see `addressKeys`), and each record's keys when indexed. */
  readonly #addressesByKey = new Map<string, Set<AddressBookRecord>>();
  readonly #keysOfAddress = new Map<AddressBookRecord, string[]>();
  readonly #invoiceById = new Map<number, Invoice>();
  readonly #orderById = new Map<number, Order>();
  /** `agenda\0number` of every document and order. */
  readonly #numbers = new Set<string>();
  /** The first history row of each `packId\0itemId`, for the first `#indexedImports` rows of `imports`. */
  readonly #importByItem = new Map<string, ImportRecord>();
  #indexedImports = 0;

  constructor(company: Company) {
    this.company = company;
  }

  /** Documents of one agenda. */
  invoicesIn(agenda: InvoiceAgenda): Invoice[] {
    return this.invoices.filter((invoice) => invoice.agenda === agenda);
  }

  /** Address-book record by id. */
  address(id: number): AddressBookRecord | undefined {
    return this.#addressById.get(id);
  }

  /** Address-book records carrying `extId`, in creation order. */
  addressesWithExtId(extId: ExtId): AddressBookRecord[] {
    return this.#addressesBy(extIdKey(extId));
  }

  /** Address-book records whose `typ:address` IČO is `ico`, compared as the address filter does. */
  addressesWithIco(ico: string): AddressBookRecord[] {
    return this.#addressesBy(icoKey(ico));
  }

  /** Indexes a record again after its extIds or IČO changed (the importer's update does this). */
  reindexAddress(record: AddressBookRecord): void {
    this.#unindexAddress(record);
    const keys = addressKeys(record);
    for (const key of keys) {
      const records = this.#addressesByKey.get(key) ?? new Set();
      this.#addressesByKey.set(key, records.add(record));
    }
    this.#keysOfAddress.set(record, keys);
  }

  /** Adds an address-book record and returns it (usable by tests to seed POHODA). */
  createAddress(data: Omit<AddressBookRecord, "id" | "created"> & { created?: string }): AddressBookRecord {
    const record: AddressBookRecord = {
      ...data,
      id: ++this.#lastAddressId,
      created: data.created ?? today(),
    };
    this.addressBook.push(record);
    this.#addressById.set(record.id, record);
    this.reindexAddress(record);
    return record;
  }

  /** Removes an address-book record. */
  deleteAddress(id: number): void {
    const record = this.#addressById.get(id);
    if (!record) return;
    this.addressBook.splice(this.addressBook.indexOf(record), 1);
    this.#addressById.delete(id);
    this.#unindexAddress(record);
  }

  /** Stores a new document and returns it with its id. */
  addInvoice(data: Omit<Invoice, "id">): Invoice {
    const invoice: Invoice = { ...data, id: ++this.#lastInvoiceId };
    this.invoices.push(invoice);
    this.#invoiceById.set(invoice.id, invoice);
    this.#numbers.add(`${invoice.agenda}\u0000${invoice.number}`);
    return invoice;
  }

  /** Removes a document (as a user deleting it in POHODA; its import history stays). */
  deleteInvoice(id: number): void {
    const invoice = this.#invoiceById.get(id);
    if (!invoice) return;
    this.invoices.splice(this.invoices.indexOf(invoice), 1);
    this.#invoiceById.delete(id);
    this.#releaseNumber(invoice, this.invoices);
  }

  /** Document by id. */
  invoice(id: number): Invoice | undefined {
    return this.#invoiceById.get(id);
  }

  /** Stores a new order and returns it with its id. */
  addOrder(data: Omit<Order, "id">): Order {
    const order: Order = { ...data, id: ++this.#lastOrderId };
    this.orders.push(order);
    this.#orderById.set(order.id, order);
    this.#numbers.add(`${order.agenda}\u0000${order.number}`);
    return order;
  }

  /** Order by id. */
  order(id: number): Order | undefined {
    return this.#orderById.get(id);
  }

  /** Removes an order (as a user deleting it in POHODA; its import history stays). */
  deleteOrder(id: number): void {
    const order = this.#orderById.get(id);
    if (!order) return;
    this.orders.splice(this.orders.indexOf(order), 1);
    this.#orderById.delete(id);
    this.#releaseNumber(order, this.orders);
  }

  /** Frees the number of a removed record unless another record of its agenda (in `rest`) has it. */
  #releaseNumber(removed: Invoice | Order, rest: (Invoice | Order)[]): void {
    const key = `${removed.agenda}\u0000${removed.number}`;
    if (!rest.some((other) => `${other.agenda}\u0000${other.number}` === key)) this.#numbers.delete(key);
  }

  /** True when record `id` of `agenda` exists (it may have been deleted since it was imported). */
  recordExists(agenda: AgendaType, id: number): boolean {
    const table = agenda === "adresar"
      ? this.#addressById
      : agenda === "prijate_objednavky" || agenda === "vydane_objednavky"
      ? this.#orderById
      : this.#invoiceById;
    return table.has(id);
  }

  /** True when `number` is already used in `agenda`. */
  numberTaken(agenda: DocumentAgenda, number: string): boolean {
    return this.#numbers.has(`${agenda}\u0000${number}`);
  }

  /**
   * Next free number of the numeric series with this prefix in `agenda`: the prefix followed by a
   * five-digit counter (e.g. `26FV00001`), skipping numbers taken by requested numbers.
   */
  nextNumber(agenda: DocumentAgenda, prefix: string): string {
    const key = `${agenda}\u0000${prefix}`;
    let counter = this.#lastNumber.get(key) ?? 0;
    let number: string;
    do number = `${prefix}${String(++counter).padStart(5, "0")}`; while (this.numberTaken(agenda, number));
    this.#lastNumber.set(key, counter);
    return number;
  }

  /** The history row of an earlier successful import of this (pack id, item id), if any. */
  findImport(packId: string, itemId: string): ImportRecord | undefined {
    this.#indexImports();
    return this.#importByItem.get(`${packId}\u0000${itemId}`);
  }

  /** Appends a history row. */
  recordImport(row: ImportRecord): void {
    this.imports.push(row);
  }

  /** Brings the history index up to `imports`: rows appended since, or all again after a purge. */
  #indexImports(): void {
    if (this.imports.length < this.#indexedImports) {
      this.#importByItem.clear();
      this.#indexedImports = 0;
    }
    for (; this.#indexedImports < this.imports.length; this.#indexedImports++) {
      const row = this.imports[this.#indexedImports];
      const key = `${row.packId}\u0000${row.itemId}`;
      if (!this.#importByItem.has(key)) this.#importByItem.set(key, row);
    }
  }

  #addressesBy(key: string): AddressBookRecord[] {
    return [...this.#addressesByKey.get(key) ?? []].sort((a, b) => a.id - b.id);
  }

  #unindexAddress(record: AddressBookRecord): void {
    for (const key of this.#keysOfAddress.get(record) ?? []) {
      const records = this.#addressesByKey.get(key)!;
      records.delete(record);
      if (records.size === 0) this.#addressesByKey.delete(key);
    }
    this.#keysOfAddress.delete(record);
  }
}

function extIdKey(extId: ExtId): string {
  return `ext\u0000${extId.exSystemName}\u0000${extId.ids}`;
}

/** The address filter compares IČO case-insensitively (see `filter.ts`), so the key does too. */
function icoKey(ico: string): string {
  return `ico\u0000${ico.toLocaleLowerCase("cs")}`;
}

/** The keys a record is found by: each of its extIds and its IČO. */
function addressKeys(record: AddressBookRecord): string[] {
  const keys = record.extIds.map(extIdKey);
  if (record.address.ico !== undefined) keys.push(icoKey(record.address.ico));
  return keys;
}
