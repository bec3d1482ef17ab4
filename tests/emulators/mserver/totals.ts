/**
 * Document totals for the in-memory POHODA. An approximation good enough for assertions, not
 * POHODA's accounting engine: per-item VAT, CZ rates, one document rounding, no VAT rounding modes.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { children, text } from "./dom.ts";
import type { Totals } from "./pohoda.ts";

// `typ:vatRateType` → percent. CZ rates since 2024 for the current ones (the XSD does not carry
// numbers); "third" and the history rates are the last values they had in CZ.
const RATE_PERCENT: Record<string, number> = {
  none: 0,
  high: 21,
  low: 12,
  third: 10,
  historyHigh: 21,
  historyLow: 15,
  historyThird: 10,
};

// `typ:typeRoundingDocument` → rounding step and direction.
const ROUNDING: Record<string, { step: number; round: (x: number) => number }> = {
  none: { step: 0.01, round: Math.round },
  math2one: { step: 1, round: Math.round },
  math2half: { step: 0.5, round: Math.round },
  math2tenth: { step: 0.1, round: Math.round },
  math5cent: { step: 0.05, round: Math.round },
  up2one: { step: 1, round: Math.ceil },
  up2half: { step: 0.5, round: Math.ceil },
  up2tenth: { step: 0.1, round: Math.ceil },
  down2one: { step: 1, round: Math.floor },
  down2half: { step: 0.5, round: Math.floor },
  down2tenth: { step: 0.1, round: Math.floor },
};

/** The item lines of an `inv:invoice`: ordinary items and deducted advances. */
export function invoiceLines(invoice: XmlElement): XmlElement[] {
  return children(
    invoice,
    "inv:invoiceDetail/*[self::inv:invoiceItem or self::inv:invoiceAdvancePaymentItem]",
  );
}

/**
 * Where a document keeps its amounts: `inv:invoice` and `ord:order` name their items and summary
 * alike under their own prefix (`inv:invoiceSummary`, `ord:orderSummary`), with the same item fields.
 */
interface Shape {
  p: "inv" | "ord";
  summary: string;
  lines: (document: XmlElement) => XmlElement[];
}

const INVOICE: Shape = { p: "inv", summary: "inv:invoiceSummary", lines: invoiceLines };
const ORDER: Shape = {
  p: "ord",
  summary: "ord:orderSummary",
  lines: (order) => children(order, "ord:orderDetail/ord:orderItem"),
};

/** Totals of an `inv:invoice`, in the foreign currency when the summary names one. */
export function invoiceTotals(invoice: XmlElement): { totals: Totals; currency?: string } {
  return documentTotals(invoice, INVOICE);
}

/** Totals of an `ord:order`, in the foreign currency when the summary names one. */
export function orderTotals(order: XmlElement): { totals: Totals; currency?: string } {
  return documentTotals(order, ORDER);
}

function documentTotals(document: XmlElement, shape: Shape): { totals: Totals; currency?: string } {
  const currency = text(document, `${shape.summary}/${shape.p}:foreignCurrency/typ:currency/typ:ids`);
  const prices = `${shape.p}:${currency ? "foreignCurrency" : "homeCurrency"}`;
  const lines = shape.lines(document);
  const sums = lines.length > 0
    ? lines.map((line) => lineSums(line, shape.p, prices))
    : [summarySums(document, shape, currency)];
  const base = cents(sums.reduce((sum, line) => sum + line.base, 0));
  const vat = cents(sums.reduce((sum, line) => sum + line.vat, 0));
  const rounding = ROUNDING[text(document, `${shape.summary}/${shape.p}:roundingDocument`) ?? "none"] ??
    ROUNDING.none;
  // POHODA works the total out with its own rates and rounding settings, which the emulator only
  // approximates (CZ rates, Math.round): a total the document states is what such a POHODA arrives at.
  const total = statedTotal(document, shape, currency) ??
    cents(rounding.round((base + vat) / rounding.step) * rounding.step);
  return { totals: { base, vat, total }, currency };
}

/**
 * The total the summary states, read as spojka's ledger reads it (src/pohoda/facts.ts): the foreign
 * `priceSum`, or the parts of `inv:homeCurrency` (each rate's sum, else base plus VAT; the zero rate;
 * the rounding). `undefined` when the summary states no amount.
 */
function statedTotal(document: XmlElement, shape: Shape, currency: string | undefined): number | undefined {
  const summary = `${shape.summary}/${shape.p}`;
  if (currency) return number(document, `${summary}:foreignCurrency/typ:priceSum`);
  const home = (name: string) => number(document, `${summary}:homeCurrency/typ:${name}`);
  const parts = [home("priceNone"), home("round/typ:priceRound")];
  for (const rate of ["priceLow", "priceHigh", "price3"]) {
    const base = home(rate);
    const vat = home(`${rate}VAT`);
    parts.push(
      home(`${rate}Sum`) ?? (base === undefined && vat === undefined ? undefined : (base ?? 0) + (vat ?? 0)),
    );
  }
  const stated = parts.filter((part) => part !== undefined);
  return stated.length === 0 ? undefined : cents(stated.reduce((sum, part) => sum + part, 0));
}

/** Base and VAT of one item: from the unit price (with or without VAT), else from the given prices. */
function lineSums(line: XmlElement, p: Shape["p"], prices: string): { base: number; vat: number } {
  const percent = number(line, `${p}:percentVAT`) ?? RATE_PERCENT[text(line, `${p}:rateVAT`) ?? "none"] ?? 0;
  const unitPrice = number(line, `${prices}/typ:unitPrice`);
  if (unitPrice === undefined) {
    const base = number(line, `${prices}/typ:price`) ?? 0;
    return { base: cents(base), vat: cents(number(line, `${prices}/typ:priceVAT`) ?? base * percent / 100) };
  }
  const quantity = (number(line, `${p}:quantity`) ?? 1) * (number(line, `${p}:coefficient`) ?? 1);
  const amount = quantity * unitPrice * (1 - (number(line, `${p}:discountPercentage`) ?? 0) / 100);
  if (text(line, `${p}:payVAT`) === "true") {
    const base = cents(amount / (1 + percent / 100));
    return { base, vat: cents(amount - base) };
  }
  return { base: cents(amount), vat: cents(amount * percent / 100) };
}

/** Base and VAT of a document without items, from its summary. */
function summarySums(
  document: XmlElement,
  shape: Shape,
  currency: string | undefined,
): { base: number; vat: number } {
  const summary = `${shape.summary}/${shape.p}`;
  if (currency) return { base: number(document, `${summary}:foreignCurrency/typ:priceSum`) ?? 0, vat: 0 };
  const sum = (...names: string[]) =>
    names.reduce(
      (total, name) => total + (number(document, `${summary}:homeCurrency/typ:${name}`) ?? 0),
      0,
    );
  return {
    base: sum("priceNone", "priceLow", "priceHigh", "price3"),
    vat: sum("priceLowVAT", "priceHighVAT", "price3VAT"),
  };
}

function number(context: XmlElement, path: string): number | undefined {
  const value = text(context, path);
  return value === undefined ? undefined : Number(value);
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
