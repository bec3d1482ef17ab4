/**
 * Line and document totals of a FLOWii document, computed the way an invoicing program does
 * (per line, rounded to cents), so the exported prices and summaries are consistent and tests can
 * compare the importer's numbers against them.
 *
 * @module
 */

import type { Company, Country, DocumentItem, IssuedDocument, VatRate } from "./records.ts";

/** VAT percentages per country and POHODA rate class (CZ since 2024, SK since 2025). */
export const VAT_PERCENT: Readonly<Record<Country, Readonly<Record<VatRate, number>>>> = {
  // CZ abolished its third rate in 2024; the generator never picks "third" for CZ.
  CZ: { high: 21, low: 12, third: 10, none: 0 },
  SK: { high: 23, low: 19, third: 5, none: 0 },
};

/** Rounds half away from zero to cents, so credit notes mirror invoices exactly. */
export function roundCents(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9) / 100;
}

/** Amounts of one document line. */
export interface LineAmounts {
  /** Total without VAT. */
  price: number;
  priceVAT: number;
  /** Total with VAT. */
  priceSum: number;
}

/** Amounts of one line: quantity × unit price less the discount, split into base and VAT. */
export function lineAmounts(item: DocumentItem, percentVAT: number): LineAmounts {
  const gross = roundCents(item.quantity * item.unitPrice * (1 - (item.discountPercentage ?? 0) / 100));
  if (item.payVAT) {
    const price = roundCents(gross / (1 + percentVAT / 100));
    return { price, priceVAT: roundCents(gross - price), priceSum: gross };
  }
  const priceVAT = roundCents(gross * percentVAT / 100);
  return { price: gross, priceVAT, priceSum: roundCents(gross + priceVAT) };
}

/** Base and VAT of one rate class. */
export interface RateTotals {
  base: number;
  vat: number;
}

/** Summary of a document in its own currency. */
export interface DocumentTotals {
  byRate: Record<VatRate, RateTotals>;
  /** Sum of all lines with VAT, before document rounding. */
  exact: number;
  /** Document rounding (payable − exact), 0 when the document is not rounded. */
  rounding: number;
  /** Amount to pay. */
  payable: number;
}

/**
 * Czech crown documents are rounded to whole crowns (coins below 1 CZK no longer exist); euro
 * amounts keep their cents.
 */
export function roundsToWholeUnits(doc: IssuedDocument, company: Company): boolean {
  return doc.foreignCurrency === undefined && company.currency === "CZK";
}

/** Totals of `doc` issued by `company`; a header-only document counts as one line without VAT. */
export function documentTotals(doc: IssuedDocument, company: Company): DocumentTotals {
  const byRate: Record<VatRate, RateTotals> = {
    high: { base: 0, vat: 0 },
    low: { base: 0, vat: 0 },
    third: { base: 0, vat: 0 },
    none: { base: 0, vat: 0 },
  };
  for (const item of doc.items) {
    const line = lineAmounts(item, VAT_PERCENT[company.country][item.rateVAT]);
    const slot = byRate[item.rateVAT];
    slot.base = roundCents(slot.base + line.price);
    slot.vat = roundCents(slot.vat + line.priceVAT);
  }
  if (doc.headerOnlyAmount !== undefined) byRate.none.base = doc.headerOnlyAmount;
  const exact = roundCents(Object.values(byRate).reduce((sum, r) => sum + r.base + r.vat, 0));
  const payable = roundsToWholeUnits(doc, company) ? Math.sign(exact) * Math.round(Math.abs(exact)) : exact;
  return { byRate, exact, rounding: roundCents(payable - exact), payable };
}
