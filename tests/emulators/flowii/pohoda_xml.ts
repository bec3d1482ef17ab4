/**
 * FLOWii records → the POHODA XML (`dat:dataPack`, schema version 2) FLOWii puts into its export
 * zips. Elements follow the XSD order, text is clipped to the XSD lengths (FLOWii fields are
 * longer than POHODA's), and the bytes come out in windows-1250 or UTF-8.
 *
 * Conventions (our best guess at FLOWii's export, see the reference §9 and §13):
 * - `dataPackItem/@id` = FLOWii record id; `dataPack/@ico` = the FLOWii company's IČO.
 * - `inv:extId` / `typ:extId`: `ids` = FLOWii id, `exSystemName` = "FLOWii". Partners without
 *   `extIdInExport` get no extId, neither in the address book nor in `inv:partnerIdentity`.
 * - Address book records carry no `adb:actionType` (plain add); upserting is the importer's job.
 * - Documents keep FLOWii's number in `inv:number/typ:numberRequested` (a received invoice too: the
 *   supplier's number goes to `inv:originalDocument`); prices are per item in the document currency
 *   (`homeCurrency` or `foreignCurrency`) with `unitPrice`, `price`, `priceVAT`, `priceSum`; the
 *   summary repeats the totals per VAT rate.
 * - Received and issued orders are `ord:order`, shaped like invoices (`ord:orderHeader`,
 *   `ord:orderDetail/ord:orderItem`, `ord:orderSummary`). [unverified: FLOWii's order export]
 *
 * @module
 */

import { NS } from "../pohoda_ns.ts";
import { el, encodeDocument, encodeDocumentChunks, leaf, type XmlElement, type XmlEncoding } from "../xml.ts";
import { documentTotals, lineAmounts, roundsToWholeUnits, VAT_PERCENT } from "./amounts.ts";
import { type Company, type DocumentItem, isOrder, type IssuedDocument, type Partner } from "./records.ts";

/** What every export needs besides its records. */
export interface ExportOptions {
  encoding: XmlEncoding;
  /** The exporting FLOWii company (IČO for `dataPack/@ico`, country for VAT rates). */
  company: Company;
  /** `dataPack/@id`; by default derived from the company, the agenda and the newest record. */
  packId?: string;
}

/** The external system name FLOWii writes into every `extId`. */
export const EX_SYSTEM_NAME = "FLOWii";

const NOTES = {
  partners: { CZ: "Export adresáře z FLOWii", SK: "Export adresára z FLOWii" },
  documents: { CZ: "Export dokladů z FLOWii", SK: "Export dokladov z FLOWii" },
};

/** Cuts `text` to `max` characters (code points, as XSD counts them). */
export function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join("").trimEnd();
}

/** Decimal notation without exponent or trailing zeros, at most 4 decimals; never "-0". */
export function decimal(value: number): string {
  const fixed = value.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  return fixed === "-0" ? "0" : fixed;
}

function field(name: string, text: string | undefined, max: number): XmlElement | undefined {
  return leaf(name, clip(text, max));
}

function extId(name: string, id: string): XmlElement {
  return el(name, {}, leaf("typ:ids", id), leaf("typ:exSystemName", EX_SYSTEM_NAME));
}

/** `typ:address` of a partner; invoices also print the contacts, the address book has own fields. */
function address(partner: Partner, contacts: boolean): XmlElement {
  return el(
    "typ:address",
    {},
    field("typ:company", partner.company, 255),
    field("typ:name", partner.name, 64),
    field("typ:city", partner.city, 45),
    field("typ:street", partner.street, 64),
    field("typ:zip", partner.zip, 15),
    field("typ:ico", partner.ico, 15),
    field("typ:dic", partner.dic, 18),
    field("typ:icDph", partner.icDph, 18),
    el("typ:country", {}, leaf("typ:ids", partner.country)),
    contacts ? field("typ:phone", partner.phone ?? partner.mobile, 40) : undefined,
    contacts ? field("typ:email", partner.email, 98) : undefined,
  );
}

function identity(name: string, partner: Partner, contacts: boolean): XmlElement {
  return el(
    name,
    {},
    partner.extIdInExport ? extId("typ:extId", partner.id) : undefined,
    address(partner, contacts),
  );
}

function addressbook(partner: Partner): XmlElement {
  return el(
    "adb:addressbook",
    { version: "2.0" },
    el(
      "adb:addressbookHeader",
      {},
      identity("adb:identity", partner, false),
      field("adb:phone", partner.phone, 40),
      field("adb:mobil", partner.mobile, 24),
      field("adb:email", partner.email, 98),
      field("adb:web", partner.web, 96),
      leaf("adb:maturity", String(partner.maturityDays)),
      // p2 = customer (Odběratel): everything FLOWii exports is someone it invoices.
      leaf("adb:p2", "true"),
    ),
  );
}

/** How invoices and orders name their parts: the same XSD types under their own prefix. */
const SHAPES = {
  invoice: { p: "inv", root: "invoice", detail: "invoiceDetail", item: "invoiceItem" },
  order: { p: "ord", root: "order", detail: "orderDetail", item: "orderItem" },
} as const;

type Shape = (typeof SHAPES)[keyof typeof SHAPES];

function item(shape: Shape, item: DocumentItem, percentVAT: number, currencyBlock: string): XmlElement {
  const amounts = lineAmounts(item, percentVAT);
  const p = shape.p;
  return el(
    `${p}:${shape.item}`,
    {},
    field(`${p}:text`, item.text, 90),
    leaf(`${p}:quantity`, decimal(item.quantity)),
    field(`${p}:unit`, item.unit, 10),
    leaf(`${p}:payVAT`, String(item.payVAT)),
    leaf(`${p}:rateVAT`, item.rateVAT),
    item.discountPercentage === undefined
      ? undefined
      : leaf(`${p}:discountPercentage`, decimal(item.discountPercentage)),
    el(
      `${p}:${currencyBlock}`,
      {},
      leaf("typ:unitPrice", decimal(item.unitPrice)),
      leaf("typ:price", decimal(amounts.price)),
      leaf("typ:priceVAT", decimal(amounts.priceVAT)),
      leaf("typ:priceSum", decimal(amounts.priceSum)),
    ),
  );
}

/** Base, VAT and total of one rate class, omitted when the document has nothing at that rate. */
function rateSummary(prefix: string, totals: { base: number; vat: number }, percent: number) {
  if (totals.base === 0 && totals.vat === 0) return [];
  return [
    leaf(`typ:${prefix}`, decimal(totals.base)),
    leaf(`typ:${prefix}VAT`, decimal(totals.vat), { rate: String(percent) }),
    leaf(`typ:${prefix}Sum`, decimal(totals.base + totals.vat)),
  ];
}

function summary(shape: Shape, doc: IssuedDocument, company: Company): XmlElement {
  const totals = documentTotals(doc, company);
  const percent = VAT_PERCENT[company.country];
  const rounded = roundsToWholeUnits(doc, company);
  const foreign = doc.foreignCurrency;
  const p = shape.p;
  return el(
    `${p}:${shape.root}Summary`,
    {},
    leaf(`${p}:roundingDocument`, rounded ? "math2one" : "none"),
    leaf(`${p}:roundingVAT`, "none"),
    foreign
      ? el(
        `${p}:foreignCurrency`,
        {},
        el("typ:currency", {}, leaf("typ:ids", foreign.currency)),
        leaf("typ:rate", decimal(foreign.rate)),
        leaf("typ:amount", String(foreign.amount)),
        leaf("typ:priceSum", decimal(totals.payable)),
      )
      : el(
        `${p}:homeCurrency`,
        {},
        totals.byRate.none.base === 0 ? undefined : leaf("typ:priceNone", decimal(totals.byRate.none.base)),
        ...rateSummary("priceLow", totals.byRate.low, percent.low),
        ...rateSummary("priceHigh", totals.byRate.high, percent.high),
        ...rateSummary("price3", totals.byRate.third, percent.third),
        // typ:round must wrap typ:priceRound (reference pitfall 10).
        rounded ? el("typ:round", {}, leaf("typ:priceRound", decimal(totals.rounding))) : undefined,
      ),
  );
}

/** The items and the summary of an invoice or order. */
function detailAndSummary(shape: Shape, doc: IssuedDocument, company: Company): (XmlElement | undefined)[] {
  const currencyBlock = doc.foreignCurrency ? "foreignCurrency" : "homeCurrency";
  const percent = VAT_PERCENT[company.country];
  return [
    doc.items.length === 0 ? undefined : el(
      `${shape.p}:${shape.detail}`,
      {},
      ...doc.items.map((i) => item(shape, i, percent[i.rateVAT], currencyBlock)),
    ),
    summary(shape, doc, company),
  ];
}

/** The document's own extId and number, unless FLOWii leaves them out. */
function identification(shape: Shape, doc: IssuedDocument) {
  return {
    extId: doc.withoutExtId ? undefined : extId(`${shape.p}:extId`, doc.id),
    number: doc.number
      ? el(`${shape.p}:number`, {}, field("typ:numberRequested", doc.number, 32))
      : undefined,
  };
}

function invoice(doc: IssuedDocument, partner: Partner, company: Company): XmlElement {
  const shape = SHAPES.invoice;
  const { extId, number } = identification(shape, doc);
  return el(
    "inv:invoice",
    { version: "2.0" },
    el(
      "inv:invoiceHeader",
      {},
      extId,
      leaf("inv:invoiceType", doc.type),
      number,
      field("inv:symVar", doc.symVar, 20),
      field("inv:originalDocument", doc.originalDocument, 32),
      // POHODA SK keeps the corrected invoice's number on a credit note; CZ has no such field.
      doc.type === "issuedCreditNotice" && company.country === "SK"
        ? leaf("inv:originalDocumentNumber", doc.relatedNumber)
        : undefined,
      leaf("inv:date", doc.date),
      leaf("inv:dateTax", doc.dateTax),
      leaf("inv:dateDue", doc.dateDue),
      field("inv:text", doc.text, 240),
      identity("inv:partnerIdentity", partner, true),
      field("inv:numberOrder", doc.numberOrder, 32),
      el("inv:paymentType", {}, leaf("typ:paymentType", doc.paymentType)),
      doc.bankAccount
        ? el(
          "inv:account",
          {},
          leaf("typ:accountNo", doc.bankAccount.accountNo),
          leaf("typ:bankCode", doc.bankAccount.bankCode),
        )
        : undefined,
      leaf("inv:note", doc.note),
    ),
    ...detailAndSummary(shape, doc, company),
  );
}

/** A received or issued order (`ord:order`); its header is an `xsd:all`, written in the XSD's order. */
function order(doc: IssuedDocument, partner: Partner, company: Company): XmlElement {
  const shape = SHAPES.order;
  const { extId, number } = identification(shape, doc);
  return el(
    "ord:order",
    { version: "2.0" },
    el(
      "ord:orderHeader",
      {},
      extId,
      leaf("ord:orderType", doc.type),
      number,
      // The customer's order number: received orders only.
      doc.type === "receivedOrder" ? field("ord:numberOrder", doc.numberOrder, 32) : undefined,
      leaf("ord:date", doc.date),
      field("ord:text", doc.text, 240),
      identity("ord:partnerIdentity", partner, true),
      el("ord:paymentType", {}, leaf("typ:paymentType", doc.paymentType)),
      leaf("ord:note", doc.note),
    ),
    ...detailAndSummary(shape, doc, company),
  );
}

/** The `dat:dataPack` element without its items; `agendas` are the namespaces its records use. */
function dataPackRoot(
  agenda: "partners" | "documents",
  records: readonly { id: string; modifiedAt: number }[],
  options: ExportOptions,
  agendas: Record<string, string>,
): XmlElement {
  // The XSD requires at least one dataPackItem, so an empty export cannot be a dataPack.
  if (records.length === 0) throw new Error("a dataPack needs at least one dataPackItem");
  const newest = records.reduce((max, r) => Math.max(max, r.modifiedAt), 0);
  const { company } = options;
  return el("dat:dataPack", {
    "xmlns:dat": NS.dat,
    "xmlns:typ": NS.typ,
    ...agendas,
    version: "2.0",
    id: clip(options.packId, 64) ?? `FLOWii-${company.id}-${agenda}-${newest}`,
    ico: company.ico,
    application: "FLOWii",
    note: NOTES[agenda][company.country],
  });
}

/** One `dat:dataPackItem` per record, made as they are consumed. */
function* packItems<T extends { id: string }>(
  records: readonly T[],
  agenda: (record: T) => XmlElement,
): Generator<XmlElement> {
  for (const record of records) {
    yield el("dat:dataPackItem", { version: "2.0", id: record.id }, agenda(record));
  }
}

const PARTNER_NAMESPACES = { "xmlns:adb": NS.adb };

/** The partner export: one `adb:addressbook` per partner. Throws for an empty list. */
export function partnersExportXml(records: readonly Partner[], options: ExportOptions): Uint8Array {
  const root = dataPackRoot("partners", records, options, PARTNER_NAMESPACES);
  return encodeDocument({ ...root, children: [...packItems(records, addressbook)] }, options.encoding);
}

/** {@link partnersExportXml} in chunks, generated as they are read: for exports too large to hold. */
export function partnersExportChunks(
  records: readonly Partner[],
  options: ExportOptions,
): Iterable<Uint8Array<ArrayBuffer>> {
  const root = dataPackRoot("partners", records, options, PARTNER_NAMESPACES);
  return encodeDocumentChunks(root, packItems(records, addressbook), options.encoding);
}

/** The namespaces of a document export: `ord` only when it holds an order. */
function documentNamespaces(records: readonly IssuedDocument[]): Record<string, string> {
  return records.some((doc) => isOrder(doc.type))
    ? { "xmlns:inv": NS.inv, "xmlns:ord": NS.ord }
    : { "xmlns:inv": NS.inv };
}

/** The agenda maker of a document export: each document printed with its partner's current data. */
function documentOf(
  options: ExportOptions & { partners: readonly Partner[] },
): (doc: IssuedDocument) => XmlElement {
  const byId = new Map(options.partners.map((p) => [p.id, p]));
  return (doc) => {
    const partner = byId.get(doc.partnerId);
    if (!partner) throw new Error(`document ${doc.id} refers to unknown partner ${doc.partnerId}`);
    return (isOrder(doc.type) ? order : invoice)(doc, partner, options.company);
  };
}

/**
 * The document export: one `inv:invoice` (or `ord:order`) per document. `partners` must contain
 * every referenced partner (their current data is printed as the document's partner). Throws for an
 * empty list.
 */
export function documentsExportXml(
  records: readonly IssuedDocument[],
  options: ExportOptions & { partners: readonly Partner[] },
): Uint8Array {
  const root = dataPackRoot("documents", records, options, documentNamespaces(records));
  return encodeDocument(
    { ...root, children: [...packItems(records, documentOf(options))] },
    options.encoding,
  );
}

/** {@link documentsExportXml} in chunks, generated as they are read: for exports too large to hold. */
export function documentsExportChunks(
  records: readonly IssuedDocument[],
  options: ExportOptions & { partners: readonly Partner[] },
): Iterable<Uint8Array<ArrayBuffer>> {
  const root = dataPackRoot("documents", records, options, documentNamespaces(records));
  return encodeDocumentChunks(root, packItems(records, documentOf(options)), options.encoding);
}
