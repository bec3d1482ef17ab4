import { deepEqual, equal, ok } from "node:assert/strict";
import { DEFAULT_KROS_TOKEN, type KrosCatalogItemInput, startKros } from "./mod.ts";

const items = (count: number): KrosCatalogItemInput[] =>
  Array.from({ length: count }, (_, i) => ({
    itemCode: `ITEM-${i + 1}`,
    name: `Položka ${i + 1}`,
    warehouses: [{ code: "HL", name: "Hlavný sklad", quantityOnHand: i }],
  }));

async function get(url: string, token: string | null = DEFAULT_KROS_TOKEN) {
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

Deno.test("unknown or missing token is 401, an unpaid company's token is 402", async () => {
  const kros = startKros({ unpaidTokens: ["unpaid"] });
  try {
    const missing = await get(`${kros.apiUrl}/catalog-items`, null);
    equal(missing.status, 401);
    equal(missing.body.status, 401);
    equal((await get(`${kros.apiUrl}/catalog-items`, "wrong")).status, 401);
    const unpaid = await get(`${kros.apiUrl}/catalog-items`, "unpaid");
    equal(unpaid.status, 402);
    equal(unpaid.body.status, 402);
    equal((await get(`${kros.apiUrl}/auth/check`)).status, 200);
  } finally {
    await kros.close();
  }
});

Deno.test("catalog-items pages with Top/Skip until a short page", async () => {
  const kros = startKros({ items: items(120) });
  try {
    const first = await get(`${kros.apiUrl}/catalog-items`);
    equal(first.status, 200);
    equal(first.body.data.length, 50, "Top defaults to 50");
    deepEqual(first.body.data[0], {
      id: 1,
      itemCode: "ITEM-1",
      name: "Položka 1",
      ean: null,
      unit: "ks",
      markedForEshop: true,
      lastModifiedTimestamp: first.body.data[0].lastModifiedTimestamp,
      warehouses: [{ code: "HL", name: "Hlavný sklad", quantityOnHand: 0 }],
    });
    const codes: string[] = [];
    for (let skip = 0;; skip += 100) {
      const page = await get(`${kros.apiUrl}/catalog-items?Top=100&Skip=${skip}`);
      codes.push(...page.body.data.map((i: { itemCode: string }) => i.itemCode));
      if (page.body.data.length < 100) break;
    }
    equal(codes.length, 120);
    equal(new Set(codes).size, 120);
    const filtered = await get(`${kros.apiUrl}/catalog-items?ItemCode=ITEM-7&OnlyMarkedForEshop=true`);
    deepEqual(filtered.body.data.map((i: { id: number }) => i.id), [7]);
  } finally {
    await kros.close();
  }
});

Deno.test("Top above 100 is a 400 validation problem", async () => {
  const kros = startKros();
  try {
    const response = await get(`${kros.apiUrl}/catalog-items?Top=101`);
    equal(response.status, 400);
    ok(Array.isArray(response.body.errors.Top));
  } finally {
    await kros.close();
  }
});

Deno.test("changes to the catalogue show in the next response", async () => {
  const kros = startKros({ items: items(1) });
  try {
    kros.catalog.setQuantity(1, "HL", -3.5);
    const response = await get(`${kros.apiUrl}/catalog-items`);
    equal(response.body.data[0].warehouses[0].quantityOnHand, -3.5);
  } finally {
    await kros.close();
  }
});

Deno.test("requests over a limit get 429 with Retry-After and are recorded as violations", async () => {
  const kros = startKros({ limits: [{ requests: 3, perMs: 300 }] });
  try {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`${kros.apiUrl}/catalog-items`)).status);
    deepEqual(statuses, [200, 200, 200, 429]);
    const refused = kros.requests.at(-1)!;
    equal(refused.status, 429);
    equal(kros.limiter.violations().length, 1);
    equal(kros.limiter.stats()[0].maxObserved, 4);
    await new Promise((resolve) => setTimeout(resolve, 320));
    const after = await get(`${kros.apiUrl}/catalog-items`);
    equal(after.status, 200);
  } finally {
    await kros.close();
  }
});

Deno.test("the 429 response carries Retry-After in whole seconds", async () => {
  const kros = startKros({ limits: [{ requests: 1, perMs: 60_000 }] });
  try {
    await get(`${kros.apiUrl}/catalog-items`);
    const refused = await get(`${kros.apiUrl}/catalog-items`);
    equal(refused.status, 429);
    ok(Number(refused.headers.get("Retry-After")) >= 59);
  } finally {
    await kros.close();
  }
});

Deno.test("failNext makes the next requests fail with the chosen status", async () => {
  const kros = startKros();
  try {
    kros.failNext(2, 500);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`${kros.apiUrl}/catalog-items`)).status);
    deepEqual(statuses, [500, 500, 200]);
    kros.failNext(1);
    equal((await get(`${kros.apiUrl}/catalog-items`)).status, 503);
    deepEqual(kros.requests.map((r) => r.status), [500, 500, 200, 503]);
    equal(kros.requests[0].url, "/api/catalog-items");
  } finally {
    await kros.close();
  }
});

Deno.test("unknown paths are 404", async () => {
  const kros = startKros();
  try {
    equal((await get(`${kros.apiUrl}/warehouses`)).status, 404);
  } finally {
    await kros.close();
  }
});
