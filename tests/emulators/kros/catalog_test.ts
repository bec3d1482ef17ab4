import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { KrosCatalog } from "./catalog.ts";
import { parseCatalogQuery } from "./query.ts";

const wh = (code: string, quantityOnHand: number) => ({ code, name: `Sklad ${code}`, quantityOnHand });

function fixedClock(iso: string) {
  const clock = { now: new Date(iso) };
  return { clock, now: () => clock.now };
}

Deno.test("items get defaults and ids; duplicates of code and EAN are allowed", () => {
  const catalog = new KrosCatalog([
    { itemCode: "A1", name: "Alfa", ean: "8580000000011", warehouses: [wh("HL", 3)] },
    { itemCode: "A1", name: "Alfa duplicate", ean: "8580000000011", warehouses: [wh("HL", -2)] },
    { id: 10, itemCode: "B2", name: "Beta", warehouses: [wh("HL", 1.5), wh("PR", 0.25)] },
  ]);
  const items = catalog.list();
  deepEqual(items.map((i) => [i.id, i.itemCode, i.ean]), [[1, "A1", "8580000000011"], [
    2,
    "A1",
    "8580000000011",
  ], [
    10,
    "B2",
    null,
  ]]);
  equal(items[0].markedForEshop, true);
  equal(catalog.add({ itemCode: "C3", name: "Gama", warehouses: [] }).id, 11);
  throws(() => catalog.add({ id: 10, itemCode: "X", name: "X", warehouses: [] }), /duplicate item id 10/);
});

Deno.test("returned items are copies", () => {
  const catalog = new KrosCatalog([{ itemCode: "A", name: "A", warehouses: [wh("HL", 1)] }]);
  catalog.list()[0].warehouses[0].quantityOnHand = 99;
  equal(catalog.list()[0].warehouses[0].quantityOnHand, 1);
});

Deno.test("setQuantity changes one warehouse, adds a missing one, and bumps the timestamp unless told not to", () => {
  const { clock, now } = fixedClock("2026-01-01T00:00:00Z");
  const catalog = new KrosCatalog([{ itemCode: "A", name: "A", warehouses: [wh("HL", 1)] }], now);
  clock.now = new Date("2026-01-02T00:00:00Z");
  catalog.setQuantity(1, "HL", 7);
  catalog.setQuantity(1, "PR", -1, { touch: false });
  const [item] = catalog.list();
  deepEqual(item.warehouses.map((w) => [w.code, w.quantityOnHand]), [["HL", 7], ["PR", -1]]);
  equal(item.lastModifiedTimestamp, "2026-01-02T00:00:00.000Z");
  clock.now = new Date("2026-01-03T00:00:00Z");
  catalog.setQuantity(1, "HL", 8, { touch: false });
  equal(catalog.list()[0].lastModifiedTimestamp, "2026-01-02T00:00:00.000Z");
});

Deno.test("query filters by code, e-shop flag and change time, then pages", () => {
  const { clock, now } = fixedClock("2026-01-01T00:00:00Z");
  const catalog = new KrosCatalog([
    { itemCode: "A", name: "A", warehouses: [] },
    { itemCode: "B", name: "B", markedForEshop: false, warehouses: [] },
    { itemCode: "C", name: "C", warehouses: [] },
  ], now);
  clock.now = new Date("2026-02-01T00:00:00Z");
  catalog.update(3, { name: "C renamed" });
  const codes = (q: Parameters<KrosCatalog["query"]>[0]) => catalog.query(q).map((i) => i.itemCode);
  deepEqual(codes({ top: 50, skip: 0 }), ["A", "B", "C"]);
  deepEqual(codes({ top: 2, skip: 1 }), ["B", "C"]);
  deepEqual(codes({ top: 50, skip: 0, itemCode: "B" }), ["B"]);
  deepEqual(codes({ top: 50, skip: 0, onlyMarkedForEshop: true }), ["A", "C"]);
  deepEqual(codes({ top: 50, skip: 0, changedSince: new Date("2026-01-15T00:00:00Z") }), ["C"]);
  catalog.remove(1);
  deepEqual(codes({ top: 50, skip: 0 }), ["B", "C"]);
});

Deno.test("parseCatalogQuery applies defaults and reads keys case-insensitively", () => {
  deepEqual(parseCatalogQuery(new URLSearchParams("")), {
    ok: true,
    query: { top: 50, skip: 0, itemCode: undefined, onlyMarkedForEshop: undefined, changedSince: undefined },
  });
  const parsed = parseCatalogQuery(
    new URLSearchParams(
      "top=100&SKIP=200&itemcode=X&OnlyMarkedForEshop=TRUE&CatalogItemChangedTimestamp=2026-03-01T10:00:00",
    ),
  );
  ok(parsed.ok);
  deepEqual(parsed.query, {
    top: 100,
    skip: 200,
    itemCode: "X",
    onlyMarkedForEshop: true,
    changedSince: new Date("2026-03-01T10:00:00Z"),
  });
});

Deno.test("parseCatalogQuery rejects Top above 100 and other bad values", () => {
  const parsed = parseCatalogQuery(
    new URLSearchParams("Top=101&Skip=-1&OnlyMarkedForEshop=maybe&CatalogItemChangedTimestamp=x"),
  );
  ok(!parsed.ok);
  deepEqual(Object.keys(parsed.errors).sort(), [
    "CatalogItemChangedTimestamp",
    "OnlyMarkedForEshop",
    "Skip",
    "Top",
  ]);
  ok(!parseCatalogQuery(new URLSearchParams("Top=0")).ok);
  ok(!parseCatalogQuery(new URLSearchParams("Top=ten")).ok);
});
