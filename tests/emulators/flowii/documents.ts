/**
 * Generates one realistic document (invoice, advance invoice, credit note, other receivable,
 * received invoice or order) for a given partner, number and date. Numbering and the choice of
 * partner belong to the dataset; this file only fills in the content.
 *
 * @module
 */

import type { Random } from "./random.ts";
import type {
  Company,
  DocumentItem,
  DocumentType,
  ForeignCurrency,
  IssuedDocument,
  Partner,
  PaymentType,
} from "./records.ts";
import { type CatalogItem, VOCABULARY, type Vocabulary } from "./vocabulary.ts";

/** What the dataset decides before the content is generated. */
export interface DocumentSpec {
  id: string;
  type: DocumentType;
  /** Issue time, UNIX seconds; its UTC date becomes the document date. */
  issuedAt: number;
  modifiedAt: number;
  partner: Partner;
  number: string;
  /** The invoice a credit note corrects or a receivable refers to. */
  relatedNumber?: string;
}

const DAY = 86_400;
const TEXT_KIND = {
  issuedInvoice: "invoice",
  issuedAdvanceInvoice: "advance",
  issuedCreditNotice: "credit",
  receivable: "receivable",
  receivedInvoice: "received",
  receivedOrder: "order",
  issuedOrder: "order",
} as const;
const INVOICE_PAYMENTS: readonly PaymentType[] = [
  "draft",
  "draft",
  "draft",
  "draft",
  "cash",
  "creditcard",
  "delivery",
];

/** UTC calendar date of a UNIX time, as `xs:date`. */
export function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Rounds to cents, or to whole crowns when `whole` (Czech shops price mostly in whole crowns). */
function money(value: number, whole: boolean): number {
  return whole ? Math.round(value) : Math.round(value * 100) / 100;
}

/**
 * Foreign-currency documents: mostly for partners abroad. A CZ company invoices in EUR with the
 * Czech quote "CZK per 1 EUR"; a SK company invoices in CZK quoted as "EUR per 100 CZK", the way
 * POHODA quotes currencies with small unit values [unverified for POHODA SK].
 */
function foreignCurrency(rng: Random, company: Company, spec: DocumentSpec): ForeignCurrency | undefined {
  if (spec.type === "receivable") return undefined;
  if (!rng.chance(spec.partner.country === company.country ? 0.03 : 0.5)) return undefined;
  return company.currency === "CZK"
    ? { currency: "EUR", rate: rng.int(24_200, 25_600) / 1000, amount: 1 }
    : { currency: "CZK", rate: rng.int(3_900, 4_150) / 1000, amount: 100 };
}

function documentText(rng: Random, v: Vocabulary, spec: DocumentSpec): string {
  const templates = v.texts[TEXT_KIND[spec.type]];
  const usable = spec.relatedNumber ? templates : templates.filter((t) => !t.includes("{n}"));
  return rng.pick(usable).replace("{n}", spec.relatedNumber ?? "");
}

/** Builds prices in the document currency from home-currency catalog prices. */
class Pricing {
  readonly #perUnit: number;
  readonly #whole: boolean;
  /** Home-currency units per euro, to size amounts given in euros. */
  readonly #euro: number;

  constructor(company: Company, foreign: ForeignCurrency | undefined) {
    this.#perUnit = foreign ? foreign.rate / foreign.amount : 1;
    this.#whole = !foreign && company.currency === "CZK";
    this.#euro = company.currency === "CZK" ? 25 : 1;
  }

  /** A price between `min` and `max` home-currency units, converted and rounded. */
  between(rng: Random, min: number, max: number): number {
    const home = min + rng.next() * (max - min);
    return money(home / this.#perUnit, this.#whole && rng.chance(0.6));
  }

  /** Like `between`, with bounds in euros whatever the home currency. */
  worthEuros(rng: Random, min: number, max: number): number {
    return this.between(rng, min * this.#euro, max * this.#euro);
  }
}

function catalogLine(
  rng: Random,
  v: Vocabulary,
  pricing: Pricing,
  payVAT: boolean,
  entry: CatalogItem,
): DocumentItem {
  const quantity = entry.fractional
    ? rng.int(1, 16) / 2
    : entry.unit === "km"
    ? rng.int(20, 450)
    : rng.int(1, 12);
  const item: DocumentItem = {
    // FLOWii allows longer item texts than POHODA; the export clips them to 90 characters.
    text: rng.chance(0.08) ? entry.text + v.longItemSuffix : entry.text,
    quantity,
    unit: entry.unit,
    unitPrice: pricing.between(rng, entry.min, entry.max),
    payVAT,
    rateVAT: entry.rate,
  };
  if (rng.chance(0.15)) item.discountPercentage = rng.pick([3, 5, 10, 15]);
  return item;
}

function items(
  rng: Random,
  v: Vocabulary,
  spec: DocumentSpec,
  pricing: Pricing,
  text: string,
): DocumentItem[] {
  // Consumers get prices with VAT included, businesses mostly without.
  const payVAT = rng.chance(spec.partner.kind === "person" ? 0.8 : 0.15);
  const pick = (filter: (c: CatalogItem) => boolean) => rng.pick(v.catalog.filter(filter));
  switch (spec.type) {
    case "issuedAdvanceInvoice":
      // An advance is not a taxable supply yet: one line without VAT and without a unit.
      return [{
        text,
        quantity: 1,
        unitPrice: pricing.worthEuros(rng, 80, 1600),
        payVAT: false,
        rateVAT: "none",
      }];
    case "issuedCreditNotice":
      // The sign lives on the quantity; prices stay positive (see the reference's sign warning).
      return Array.from({ length: rng.int(1, 3) }, () => {
        const line = catalogLine(rng, v, pricing, payVAT, pick(() => true));
        return { ...line, quantity: -Math.min(line.quantity, rng.int(1, 3)) };
      });
    case "receivable":
      return Array.from(
        { length: rng.int(1, 2) },
        () => catalogLine(rng, v, pricing, false, pick((c) => c.rate === "none")),
      );
    case "issuedInvoice":
    case "receivedInvoice":
    case "receivedOrder":
    case "issuedOrder":
      return Array.from(
        { length: rng.int(1, 6) },
        () => catalogLine(rng, v, pricing, payVAT, pick(() => true)),
      );
  }
}

/** The document described by `spec`, issued by `company`. */
export function generateDocument(rng: Random, company: Company, spec: DocumentSpec): IssuedDocument {
  const v = VOCABULARY[company.country];
  const foreign = foreignCurrency(rng, company, spec);
  const pricing = new Pricing(company, foreign);
  const text = documentText(rng, v, spec);
  const paymentType: PaymentType = spec.type === "issuedInvoice" ? rng.pick(INVOICE_PAYMENTS) : "draft";
  const taxable = ["issuedInvoice", "issuedCreditNotice", "receivedInvoice"].includes(spec.type);
  // The taxable supply may precede the invoice date (Czech and Slovak law allow 15 days).
  const taxLag = spec.type === "issuedInvoice" && rng.chance(0.3) ? rng.int(1, 10) : 0;
  const headerOnly = spec.type === "receivable" && rng.chance(0.5);

  const doc: IssuedDocument = {
    id: spec.id,
    modifiedAt: spec.modifiedAt,
    type: spec.type,
    number: spec.number,
    symVar: spec.number,
    date: isoDate(spec.issuedAt),
    dateTax: taxable ? isoDate(spec.issuedAt - taxLag * DAY) : undefined,
    dateDue: isoDate(spec.issuedAt + (spec.type === "issuedInvoice" ? spec.partner.maturityDays : 14) * DAY),
    text,
    partnerId: spec.partner.id,
    paymentType,
    bankAccount: paymentType === "draft" ? company.bankAccount : undefined,
    foreignCurrency: foreign,
    items: headerOnly ? [] : items(rng, v, spec, pricing, text),
    headerOnlyAmount: headerOnly ? pricing.worthEuros(rng, 20, 800) : undefined,
    relatedNumber: spec.relatedNumber,
  };
  // The supplier numbers its invoice in its own series; the customer names its order in its own.
  if (spec.type === "receivedInvoice") doc.originalDocument = `FV${doc.date.slice(0, 4)}${rng.digits(5)}`;
  if ((spec.type === "issuedInvoice" && rng.chance(0.2)) || spec.type === "receivedOrder") {
    doc.numberOrder = `OBJ-${doc.date.slice(0, 4)}-${rng.digits(4)}`;
  }
  if (rng.chance(0.15)) doc.note = v.thanks;
  return doc;
}
