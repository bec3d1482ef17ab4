import { deepEqual, equal, throws } from "node:assert/strict";
import { WooStore } from "./store.ts";

Deno.test("products and variations share one id space; products list newest first", () => {
  const store = new WooStore([
    { name: "Hrnek", sku: "HRN", stock_quantity: 4 },
    { name: "Tričko", sku: "T", variations: [{ sku: "T-S", stock_quantity: 1 }, { sku: "T-M" }] },
  ]);
  deepEqual(store.products().map((p) => [p.id, p.type]), [[101, "variable"], [100, "simple"]]);
  deepEqual(store.variations(101)!.map((v) => [v.id, v.sku, v.manage_stock]), [[102, "T-S", true], [
    103,
    "T-M",
    false,
  ]]);
  equal(store.variations(102), undefined, "a variation has no variations");
  equal(store.bySku("T-S")!.parentId, 101);
});

Deno.test("SKUs and GTINs must be unique", () => {
  throws(() => new WooStore([{ name: "A", sku: "X" }, { name: "B", sku: "X" }]), /duplicate sku X/);
  throws(
    () => new WooStore([{ name: "A", global_unique_id: "1" }, { name: "B", global_unique_id: "1" }]),
    /duplicate global_unique_id 1/,
  );
});

Deno.test("stock is kept only while managed and cut to an integer", () => {
  const store = new WooStore([{ name: "A", sku: "A" }]);
  const item = store.bySku("A")!;
  store.updateStock(item, { stock_quantity: 5 });
  equal(item.stock_quantity, null, "ignored without manage_stock");
  store.updateStock(item, { manage_stock: true, stock_quantity: 2.7 });
  deepEqual([item.manage_stock, item.stock_quantity], [true, 2]);
  store.updateStock(item, { stock_quantity: -1.5 });
  equal(item.stock_quantity, -1);
  store.updateStock(item, { manage_stock: "no" });
  deepEqual([item.manage_stock, item.stock_quantity], [false, null]);
});
