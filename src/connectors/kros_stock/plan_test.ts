import { deepEqual, equal, match } from "node:assert/strict";
import { stockSchema } from "./config.ts";
import type { ShopProduct } from "../../eshop/target.ts";
import type { KrosItem } from "../../kros/catalog.ts";
import { matchKey, planStock, shopQuantity } from "./plan.ts";

const settings = (over: Partial<ReturnType<typeof stockSchema.parse>> = {}) => ({
  ...stockSchema.parse({}),
  ...over,
});
const item = (code: string, stocks: [string, number][], ean?: string): KrosItem => ({
  code,
  ean,
  name: `Tovar ${code}`,
  warehouses: stocks.map(([warehouse, quantity]) => ({ code: warehouse, quantity })),
});
const product = (code: string, quantity: number | null, ean?: string): ShopProduct => ({
  ref: code,
  code,
  ean,
  name: code,
  quantity,
});

Deno.test("max takes the best warehouse, sum adds them; one warehouse can be chosen", () => {
  const coffee = item("K", [["BA", 4], ["KE", 7], ["ZA", 2]]);
  equal(shopQuantity(coffee.warehouses!, settings({ quantity: "max" })).quantity, 7);
  equal(shopQuantity(coffee.warehouses!, settings({ quantity: "sum" })).quantity, 13);
  equal(shopQuantity(coffee.warehouses!, settings({ quantity: "sum", warehouse: "KE" })).quantity, 7);
  equal(
    shopQuantity(coffee.warehouses!, settings({ warehouse: "PO" })).quantity,
    0,
    "not stocked in that warehouse",
  );
});

Deno.test("negative stock becomes 0; fractions round down unless configured otherwise", () => {
  const stocks = (...pairs: [string, number][]) => pairs.map(([code, quantity]) => ({ code, quantity }));
  deepEqual(shopQuantity(stocks(["BA", -3]), settings()), { kros: -3, quantity: 0 });
  deepEqual(shopQuantity(stocks(["BA", 5], ["KE", -2]), settings({ quantity: "sum" })), {
    kros: 3,
    quantity: 3,
  });
  equal(shopQuantity(stocks(["BA", 2.7]), settings()).quantity, 2);
  equal(shopQuantity(stocks(["BA", 2.7]), settings({ fractions: "nearest" })).quantity, 3);
  equal(shopQuantity(stocks(["BA", 2.75]), settings({ fractions: "keep" })).quantity, 2.75);
  // 0.1 + 0.2 + 2.7 is 2.9999999999999996 in floating point: still 3 kg, not 2.
  equal(
    shopQuantity(stocks(["BA", 0.1], ["KE", 0.2], ["ZA", 2.7]), settings({ quantity: "sum" })).quantity,
    3,
  );
});

Deno.test("an item whose stock cannot be read is left out, never written as 0", () => {
  const plan = planStock([{ code: "A", name: "Káva", warehouses: null }], [product("A", 9)], settings());
  deepEqual(plan.changes, []);
  match(plan.skipped.join("\n"), /1 matched KROS item has no readable stock; the shop keeps what it shows/);
});

Deno.test("EANs match with or without the leading zero of UPC-A, and without spaces", () => {
  equal(matchKey("ean", undefined, "0012345678905"), matchKey("ean", undefined, "012345678905"));
  equal(matchKey("ean", undefined, "859 4000 000017"), "8594000000017");
  equal(matchKey("ean", undefined, ""), undefined);
  equal(matchKey("code", " ABC-1 "), "ABC-1");
});

Deno.test("only what differs is written; products on one side only are listed", () => {
  const plan = planStock(
    [item("A", [["BA", 5]]), item("B", [["BA", 2]]), item("C", [["BA", 1]])],
    [product("A", 5), product("B", 9), product("D", 4)],
    settings(),
  );
  deepEqual(plan.changes.map((c) => [c.key, c.shop, c.quantity]), [["B", 9, 2]]);
  equal(plan.unchanged, 1);
  deepEqual(plan.krosOnly.map((i) => i.key), ["C"]);
  deepEqual(plan.shopOnly.map((p) => p.key), ["D"]);
});

Deno.test("a product whose stock the shop does not track yet is written", () => {
  deepEqual(
    planStock([item("A", [["BA", 0]])], [product("A", null)], settings()).changes.map((c) => c.quantity),
    [0],
  );
});

Deno.test("duplicate codes or EANs on either side are reported and skipped, never guessed", () => {
  const plan = planStock(
    [item("A", [["BA", 1]], "111"), item("B", [["BA", 2]], "111"), item("C", [["BA", 3]], "222")],
    [product("x", 0, "222"), product("y", 0, "0222"), product("z", 0)],
    settings({ match_by: "ean" }),
  );
  deepEqual(plan.changes, []);
  match(plan.skipped.join("\n"), /EAN 111 appears 2 times in KROS \(Tovar A, Tovar B\); skipped/);
  match(plan.skipped.join("\n"), /EAN 222 appears 2 times in the shop \(x, y\); skipped/);
  match(plan.skipped.join("\n"), /1 shop product without EAN; skipped/);
});

Deno.test("read-only products (Shoptet product sets) are skipped with the reason", () => {
  const plan = planStock(
    [item("SET", [["BA", 5]])],
    [{ ...product("SET", null), readOnly: "a product set" }],
    settings(),
  );
  deepEqual(plan.changes, []);
  match(plan.skipped[0], /SET \(SET\): a product set; skipped/);
});

Deno.test("a key duplicated on one side is not also listed as missing on the other", () => {
  const plan = planStock([item("A", [["BA", 1]]), item("A", [["BA", 2]])], [product("A", 0)], settings());
  deepEqual(plan.shopOnly, []);
  deepEqual(plan.krosOnly, []);
});
