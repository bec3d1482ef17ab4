/**
 * List (export) requests answered from the in-memory POHODA: `lst:listInvoiceRequest` with
 * `lst:listInvoice` (one `lst:invoice` per document), `lst:listOrderRequest` with `lst:listOrder`
 * (one `lst:order` per order) and `lAdb:listAddressBookRequest` with `lAdb:listAddressBook` (one
 * `lAdb:addressbook` per record), shaped like the real answer in
 * `pohoda-samples/masa331-response_pack-listInvoice.xml` and valid against response.xsd. An order
 * is listed like an invoice under its own prefix. [unverified: no real order list answer seen]
 *
 * - Filters (`ftr:filter`, the same for documents and orders): id, extId, dateFrom/dateTill (the
 *   document date), selectedNumbers (`typ:numberRequested`), selectedIco, selectedCompanys; the
 *   address book's as in `filter.ts`. `ftr:queryFilter`, `ftr:userFilterName` and `lastChanges` are
 *   answered with an error.
 * - `ftr:limit`: records by ascending id from `idFrom`, at most `count`.
 * - `invoiceType` / `orderType` selects documents of exactly that type. [unverified: POHODA may
 *   list the type's whole agenda, e.g. credit notes with issued invoices]
 * - `extSystem`: the records' external ids of that system are exported, the others are not.
 * - A document's summary states its total the way POHODA's does (the parts of `inv:homeCurrency`, or
 *   `inv:foreignCurrency/typ:priceSum`; an order's the same under `ord:`). The emulator keeps no
 *   split by VAT rate: the base and VAT are shown under the high rate (under `priceNone` without
 *   VAT), the rest as the rounding.
 *
 * @module
 */

import type { XmlElement as Dom } from "libxml2-wasm";
import { NS } from "../pohoda_ns.ts";
import { el, leaf, type XmlElement } from "../xml.ts";
import { readExtId } from "./agenda.ts";
import { attribute, child, children, text } from "./dom.ts";
import { readAddressFilter } from "./filter.ts";
import {
  type AddressBookRecord,
  type ExtId,
  type Fields,
  type Invoice,
  type Order,
  type PohodaDb,
  sameExtId,
} from "./pohoda.ts";
import { type ItemResult, renderDetail } from "./response.ts";

/** True for the list requests the emulator answers. */
export function isListRequest(request: Dom): boolean {
  return (request.namespaceUri === NS.lst &&
    (request.name === "listInvoiceRequest" || request.name === "listOrderRequest")) ||
    (request.namespaceUri === NS.lAdb && request.name === "listAddressBookRequest");
}

/** Answers a list request (see {@linkcode isListRequest}) from `db`. */
export function answerList(request: Dom, itemId: string, db: PohodaDb, now = new Date()): ItemResult {
  const extSystem = attribute(request, "extSystem");
  switch (request.name) {
    case "listInvoiceRequest":
      return answer(
        "lst:listInvoice",
        selectDocuments(request, INVOICES, db.invoices),
        (r) => renderInvoice(r, extSystem),
      );
    case "listOrderRequest":
      return answer(
        "lst:listOrder",
        selectDocuments(request, ORDERS, db.orders),
        (r) => renderOrder(r, extSystem),
      );
    default:
      return answer("lAdb:listAddressBook", selectAddresses(request, db), (r) => renderRecord(r, extSystem));
  }

  function answer<T extends { id: number }>(
    name: string,
    selected: Selection<T>,
    render: (record: T) => XmlElement,
  ): ItemResult {
    const attrs = {
      version: "2.0",
      dateTimeStamp: now.toISOString().slice(0, 19),
      dateValidFrom: now.toISOString().slice(0, 10),
    };
    if ("unsupported" in selected) {
      const details = el(
        "rdc:importDetails",
        {},
        renderDetail({ state: "error", note: selected.unsupported }),
      );
      const list = el(name, { ...attrs, state: "error" }, details);
      return { kind: "list", id: itemId, state: "error", note: selected.unsupported, list };
    }
    const records = paged(request, selected.records).map(render);
    return { kind: "list", id: itemId, state: "ok", list: el(name, { ...attrs, state: "ok" }, ...records) };
  }
}

type Selection<T> = { records: T[] } | { unsupported: string };

const UNSUPPORTED = "Emulátor mServeru nepodporuje ftr:queryFilter, ftr:userFilterName ani ftr:lastChanges.";

/** What a list request of a document agenda names: its type attribute and its filter element. */
interface DocumentRequest<T> {
  typeAttribute: string;
  filter: string;
  typeOf: (record: T) => string;
}

const INVOICES: DocumentRequest<Invoice> = {
  typeAttribute: "invoiceType",
  filter: "lst:requestInvoice",
  typeOf: (invoice) => invoice.invoiceType,
};

const ORDERS: DocumentRequest<Order> = {
  typeAttribute: "orderType",
  filter: "lst:requestOrder",
  typeOf: (order) => order.orderType,
};

/** The documents (invoices or orders) of the requested type that pass its `ftr:filter`. */
function selectDocuments<T extends Invoice | Order>(
  request: Dom,
  kind: DocumentRequest<T>,
  records: T[],
): Selection<T> {
  const type = attribute(request, kind.typeAttribute);
  const tests: ((record: T) => boolean)[] = [(record) => kind.typeOf(record) === type];
  const requestDocuments = child(request, kind.filter);
  if (
    requestDocuments &&
    (child(requestDocuments, "ftr:queryFilter") || child(requestDocuments, "ftr:userFilterName"))
  ) {
    return { unsupported: UNSUPPORTED };
  }
  const filter = requestDocuments && child(requestDocuments, "ftr:filter");
  if (filter) {
    if (child(filter, "ftr:lastChanges")) return { unsupported: UNSUPPORTED };
    const id = text(filter, "ftr:id");
    if (id !== undefined) tests.push((record) => String(record.id) === id);
    const extId = child(filter, "ftr:extId");
    if (extId) {
      const wanted = readExtId(extId);
      tests.push((record) => record.extId !== undefined && sameExtId(record.extId, wanted));
    }
    const from = text(filter, "ftr:dateFrom");
    if (from !== undefined) tests.push((record) => record.date >= from);
    const till = text(filter, "ftr:dateTill");
    if (till !== undefined) tests.push((record) => record.date <= till);
    const numbers = listed(filter, "ftr:selectedNumbers/ftr:number/typ:numberRequested");
    if (numbers) tests.push((record) => numbers.has(record.number));
    const icos = listed(filter, "ftr:selectedIco/ftr:ico");
    if (icos) tests.push((record) => icos.has(record.partner.address.ico ?? ""));
    const companies = listed(filter, "ftr:selectedCompanys/ftr:company");
    if (companies) tests.push((record) => companies.has(record.partner.address.company ?? ""));
  }
  return { records: records.filter((record) => tests.every((test) => test(record))) };
}

/** The values of the elements at `path`, or `undefined` when there are none. */
function listed(context: Dom, path: string): Set<string> | undefined {
  const values = children(context, path).map((node) => node.content.trim());
  return values.length > 0 ? new Set(values) : undefined;
}

function selectAddresses(request: Dom, db: PohodaDb): Selection<AddressBookRecord> {
  const requestAddressBook = child(request, "lAdb:requestAddressBook");
  const filter = requestAddressBook && readAddressFilter(requestAddressBook);
  if (filter && "unsupported" in filter) return { unsupported: UNSUPPORTED };
  if (requestAddressBook && child(requestAddressBook, "ftr:filter/ftr:lastChanges")) {
    return { unsupported: UNSUPPORTED };
  }
  return {
    records: filter ? filter.candidates(db).filter((record) => filter.matches(record)) : [...db.addressBook],
  };
}

/** `ftr:limit`: by ascending id from `idFrom`, at most `count`. */
function paged<T extends { id: number }>(request: Dom, records: T[]): T[] {
  const limit = child(request, "lst:limit") ?? child(request, "lAdb:limit");
  const idFrom = Number((limit && text(limit, "ftr:idFrom")) ?? 0);
  const count = Number((limit && text(limit, "ftr:count")) ?? Infinity);
  return records.filter((record) => record.id >= idFrom).sort((a, b) => a.id - b.id).slice(0, count);
}

function renderInvoice(invoice: Invoice, extSystem: string | undefined): XmlElement {
  const { partner } = invoice;
  return el(
    "lst:invoice",
    { version: "2.0" },
    el(
      "inv:invoiceHeader",
      {},
      leaf("inv:id", invoice.id),
      invoice.extId && invoice.extId.exSystemName === extSystem
        ? renderExtId("inv:extId", invoice.extId)
        : undefined,
      leaf("inv:invoiceType", invoice.invoiceType),
      el("inv:number", {}, leaf("typ:numberRequested", invoice.number)),
      leaf("inv:symVar", invoice.symVar),
      leaf("inv:date", invoice.date),
      leaf("inv:text", invoice.text),
      el(
        "inv:partnerIdentity",
        {},
        leaf("typ:id", partner.addressBookId),
        ...partner.extIds.filter((extId) => extId.exSystemName === extSystem).map((e) =>
          renderExtId("typ:extId", e)
        ),
        addressElement(partner.address),
      ),
    ),
    invoice.itemTexts.length > 0
      ? el(
        "inv:invoiceDetail",
        {},
        ...invoice.itemTexts.map((t) => el("inv:invoiceItem", {}, leaf("inv:text", t))),
      )
      : undefined,
    el("inv:invoiceSummary", {}, summary("inv", invoice)),
  );
}

function renderOrder(order: Order, extSystem: string | undefined): XmlElement {
  const { partner } = order;
  return el(
    "lst:order",
    { version: "2.0" },
    el(
      "ord:orderHeader",
      {},
      leaf("ord:id", order.id),
      order.extId && order.extId.exSystemName === extSystem
        ? renderExtId("ord:extId", order.extId)
        : undefined,
      leaf("ord:orderType", order.orderType),
      el("ord:number", {}, leaf("typ:numberRequested", order.number)),
      leaf("ord:date", order.date),
      leaf("ord:text", order.text),
      el(
        "ord:partnerIdentity",
        {},
        ...partner.extIds.filter((extId) => extId.exSystemName === extSystem).map((e) =>
          renderExtId("typ:extId", e)
        ),
        addressElement(partner.address),
      ),
    ),
    order.itemTexts.length > 0
      ? el("ord:orderDetail", {}, ...order.itemTexts.map((t) => el("ord:orderItem", {}, leaf("ord:text", t))))
      : undefined,
    el("ord:orderSummary", {}, summary("ord", order)),
  );
}

/**
 * The summary's amounts (`inv:invoiceSummary`, `ord:orderSummary` content under prefix `p`): their
 * parts add up to the document's total (see the module notes).
 */
function summary(p: "inv" | "ord", document: Invoice | Order): XmlElement {
  const { base, vat, total } = document.totals;
  if (document.currency) {
    return el(
      `${p}:foreignCurrency`,
      {},
      el("typ:currency", {}, leaf("typ:ids", document.currency)),
      leaf("typ:priceSum", decimal(total)),
    );
  }
  const rounding = total - base - vat;
  return el(
    `${p}:homeCurrency`,
    {},
    leaf("typ:priceNone", decimal(vat === 0 ? base : 0)),
    leaf("typ:priceHigh", decimal(vat === 0 ? 0 : base)),
    leaf("typ:priceHighVAT", decimal(vat)),
    leaf("typ:priceHighSum", decimal(vat === 0 ? 0 : base + vat)),
    el("typ:round", {}, leaf("typ:priceRound", decimal(rounding))),
  );
}

function renderRecord(record: AddressBookRecord, extSystem: string | undefined): XmlElement {
  return el(
    "lAdb:addressbook",
    { version: "2.0" },
    el(
      "adb:addressbookHeader",
      {},
      leaf("adb:id", record.id),
      el(
        "adb:identity",
        {},
        ...record.extIds.filter((extId) => extId.exSystemName === extSystem).map((e) =>
          renderExtId("typ:extId", e)
        ),
        addressElement(record.address),
      ),
    ),
  );
}

function renderExtId(name: string, extId: ExtId): XmlElement {
  return el(name, {}, leaf("typ:ids", extId.ids), leaf("typ:exSystemName", extId.exSystemName));
}

/** The `typ:address` fields the emulator keeps, in their XSD shape (`country` is a reference). */
const ADDRESS_FIELDS = ["company", "division", "name", "city", "street", "zip", "ico", "dic", "icDph"];

function addressElement(address: Fields): XmlElement {
  return el(
    "typ:address",
    {},
    ...ADDRESS_FIELDS.map((field) => leaf(`typ:${field}`, address[field])),
    address.country === undefined ? undefined : el("typ:country", {}, leaf("typ:ids", address.country)),
    leaf("typ:phone", address.phone),
    leaf("typ:email", address.email),
  );
}

/** Decimal notation with at most two decimals, as POHODA writes amounts (`9820`, `8115.7`). */
function decimal(value: number): string {
  const fixed = (Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, "");
  return fixed === "-0" ? "0" : fixed;
}
