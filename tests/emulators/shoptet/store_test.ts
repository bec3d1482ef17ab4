import { deepEqual, equal, throws } from "node:assert/strict";
import { ShoptetStore } from "./store.ts";

const stocks = [{ id: 1, title: "Main" }, { id: 2, title: "Shop" }];

Deno.test("variants get levels in every stock; shorthand fills the default stock", () => {
  const store = new ShoptetStore(stocks, [
    {
      name: "Tričko",
      variants: [{ code: "T-S", amount: 5, claim: 2 }, { code: "T-M", stocks: { 2: { amount: 1.5 } } }],
    },
  ]);
  deepEqual(store.level("T-S"), { realStock: 5, claim: 2, quantity: 3 });
  deepEqual(store.level("T-S", 2), { realStock: 0, claim: 0, quantity: 0 });
  deepEqual(store.level("T-M", 2), { realStock: 1.5, claim: 0, quantity: 1.5 });
  equal(store.level("nope"), undefined);
  equal(store.products()[0].guid, "00000000-0000-4000-8000-000000000001");
});

Deno.test("variant codes are unique and stocks must exist", () => {
  throws(
    () => new ShoptetStore(stocks, [{ name: "A", variants: [{ code: "X" }, { code: "X" }] }]),
    /duplicate/,
  );
  throws(
    () => new ShoptetStore(stocks, [{ name: "A", variants: [{ code: "X", stocks: { 9: { amount: 1 } } }] }]),
    /unknown stock 9/,
  );
});

Deno.test("realStock sets physical stock, quantity sets availability, amountChange is relative", () => {
  const store = new ShoptetStore(stocks, [{ name: "A", variants: [{ code: "A", amount: 10, claim: 3 }] }]);
  equal(store.apply(1, { productCode: "A", realStock: 8 }), undefined);
  deepEqual(store.level("A"), { realStock: 8, claim: 3, quantity: 5 });
  store.apply(1, { productCode: "A", quantity: 8 });
  deepEqual(store.level("A"), { realStock: 11, claim: 3, quantity: 8 });
  store.apply(1, { productCode: "A", amountChange: -0.1 });
  deepEqual(store.level("A"), { realStock: 10.9, claim: 3, quantity: 7.9 });
  store.setClaim("A", 0);
  equal(store.level("A")!.quantity, 10.9);
});

Deno.test("unknown codes and product sets are refused", () => {
  const store = new ShoptetStore(stocks, [{ name: "Set", type: "product-set", variants: [{ code: "SET" }] }]);
  equal(store.apply(1, { productCode: "nope", realStock: 1 }), "unknown-product");
  equal(store.apply(1, { productCode: "SET", realStock: 1 }), "stock-change-not-allowed");
});
