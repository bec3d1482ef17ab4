import { deepEqual, equal, match } from "node:assert/strict";
import { krosFieldsSchema } from "../connectors/kros_stock/config.ts";
import { mapCatalog } from "./catalog.ts";

const fields = krosFieldsSchema.parse({});

Deno.test("catalogue items map through the configured field names", () => {
  const { items, problems } = mapCatalog([
    {
      id: 1,
      itemCode: " K-1 ",
      ean: "8594000000017",
      name: "Káva",
      warehouses: [{ code: "HL", quantityOnHand: 2.5 }],
    },
    { id: 2, itemCode: "K-2", ean: null, name: "Čaj", warehouses: [] },
  ], fields);
  deepEqual(items, [
    { code: "K-1", ean: "8594000000017", name: "Káva", warehouses: [{ code: "HL", quantity: 2.5 }] },
    { code: "K-2", ean: undefined, name: "Čaj", warehouses: [] },
  ]);
  deepEqual(problems, []);
});

Deno.test("other field names, nested ones too, are a matter of configuration", () => {
  const custom = { ...fields, code: "code", warehouses: "stock.byWarehouse", quantity: "qty" };
  const { items } = mapCatalog(
    [{ code: "A", name: "a", stock: { byWarehouse: [{ code: "W", qty: "4" }] } }],
    custom,
  );
  deepEqual(items[0].warehouses, [{ code: "W", quantity: 4 }]);
});

Deno.test("a field name that matches nothing is reported, pointing at [kros.fields]", () => {
  const { problems } = mapCatalog([{ sku: "A", name: "a", stocks: [] }, { sku: "B", name: "b" }], fields);
  equal(problems.length, 2);
  match(problems[0], /2 of 2 KROS items have no "itemCode"; check \[kros\.fields\] code/);
  match(problems[1], /2 of 2 KROS items have no "warehouses" list; check \[kros\.fields\] warehouses/);
});
