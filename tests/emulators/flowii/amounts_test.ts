import { deepEqual, equal } from "node:assert/strict";
import { documentTotals, lineAmounts } from "./amounts.ts";
import type { Company, DocumentItem, IssuedDocument } from "./records.ts";

const CZ: Company = {
  id: "1",
  name: "Test s.r.o.",
  ico: "26168685",
  dic: "CZ26168685",
  country: "CZ",
  currency: "CZK",
  bankAccount: { accountNo: "123", bankCode: "0800" },
};

function doc(items: DocumentItem[], extra: Partial<IssuedDocument> = {}): IssuedDocument {
  return {
    id: "1",
    modifiedAt: 0,
    type: "issuedInvoice",
    number: "2026100001",
    symVar: "2026100001",
    date: "2026-01-01",
    dateDue: "2026-01-15",
    text: "t",
    partnerId: "2",
    paymentType: "draft",
    items,
    ...extra,
  };
}

const line = (
  quantity: number,
  unitPrice: number,
  payVAT = false,
  discountPercentage?: number,
): DocumentItem => ({
  text: "x",
  quantity,
  unitPrice,
  payVAT,
  rateVAT: "high",
  discountPercentage,
});

Deno.test("lineAmounts adds VAT to net prices and splits it out of gross ones", () => {
  deepEqual(lineAmounts(line(3, 100), 21), { price: 300, priceVAT: 63, priceSum: 363 });
  deepEqual(lineAmounts(line(1, 112, true), 12), { price: 100, priceVAT: 12, priceSum: 112 });
  deepEqual(lineAmounts(line(2, 50, false, 10), 21), { price: 90, priceVAT: 18.9, priceSum: 108.9 });
});

Deno.test("negative quantities mirror positive ones exactly", () => {
  deepEqual(lineAmounts(line(-3, 33.33), 21), { price: -99.99, priceVAT: -21, priceSum: -120.99 });
  deepEqual(lineAmounts(line(3, 33.33), 21), { price: 99.99, priceVAT: 21, priceSum: 120.99 });
});

Deno.test("CZK documents round to whole crowns, foreign ones keep cents", () => {
  const invoice = documentTotals(doc([line(1, 100.33)]), CZ); // 121.40 with VAT
  equal(invoice.exact, 121.4);
  equal(invoice.payable, 121);
  equal(invoice.rounding, -0.4);
  const credit = documentTotals(doc([line(-1, 100.33)], { type: "issuedCreditNotice" }), CZ);
  equal(credit.payable, -121);
  equal(credit.rounding, 0.4);
  const euro = documentTotals(
    doc([line(1, 100.33)], { foreignCurrency: { currency: "EUR", rate: 25, amount: 1 } }),
    CZ,
  );
  equal(euro.payable, 121.4);
  equal(euro.rounding, 0);
});

Deno.test("a header-only document counts its amount without VAT", () => {
  const totals = documentTotals(doc([], { type: "receivable", headerOnlyAmount: 1500.5 }), CZ);
  deepEqual(totals.byRate.none, { base: 1500.5, vat: 0 });
  equal(totals.payable, 1501);
});
