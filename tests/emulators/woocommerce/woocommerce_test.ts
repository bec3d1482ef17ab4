import { deepEqual, equal, match, ok } from "node:assert/strict";
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  startWooCommerce,
  type WooCommerceOptions,
  type WooProductInput,
} from "./mod.ts";

const basic = (key = DEFAULT_CONSUMER_KEY, secret = DEFAULT_CONSUMER_SECRET) =>
  `Basic ${btoa(`${key}:${secret}`)}`;

async function call(url: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const auth = init.auth === undefined ? basic() : init.auth;
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: { "Content-Type": "application/json", ...(auth === null ? {} : { Authorization: auth }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = response.headers.get("Content-Type")?.includes("json") ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body };
}

const simple = (n: number): WooProductInput => ({ name: `P${n}`, sku: `SKU-${n}`, stock_quantity: n });

const shop: WooCommerceOptions = {
  products: [
    { name: "Hrnek", sku: "HRN", global_unique_id: "8580000000011", manage_stock: true, stock_quantity: 3 },
    {
      name: "Tričko",
      sku: "T",
      variations: [{ sku: "T-S", global_unique_id: "8580000000028", stock_quantity: 1 }, { sku: "T-M" }],
    },
  ],
};

Deno.test("wrong or missing credentials are 401 with a WP error body", async () => {
  const woo = startWooCommerce(shop);
  try {
    const none = await call(`${woo.apiUrl}/products`, { auth: null });
    deepEqual(none.body, {
      code: "woocommerce_rest_cannot_view",
      message: "Sorry, you cannot list resources.",
      data: { status: 401 },
    });
    equal(none.status, 401);
    const key = await call(`${woo.apiUrl}/products`, { auth: basic("ck_wrong") });
    deepEqual([key.status, key.body.message], [401, "Consumer key is invalid."]);
    const secret = await call(`${woo.apiUrl}/products`, { auth: basic(DEFAULT_CONSUMER_KEY, "cs_wrong") });
    deepEqual([secret.status, secret.body.message], [401, "Consumer secret is invalid."]);
    const batch = await call(`${woo.apiUrl}/products/batch`, {
      method: "POST",
      body: { update: [] },
      auth: null,
    });
    equal(batch.body.code, "woocommerce_rest_cannot_batch");
    equal(woo.batches.length, 0);
  } finally {
    await woo.close();
  }
});

Deno.test("products are paged with X-WP-Total, X-WP-TotalPages and Link", async () => {
  const woo = startWooCommerce({ products: Array.from({ length: 25 }, (_, i) => simple(i + 1)) });
  try {
    const first = await call(`${woo.apiUrl}/products`);
    equal(first.body.length, 10, "per_page defaults to 10");
    equal(first.headers.get("X-WP-Total"), "25");
    equal(first.headers.get("X-WP-TotalPages"), "3");
    match(first.headers.get("Link")!, /page=2>; rel="next"/);
    const skus: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await call(`${woo.apiUrl}/products?per_page=10&page=${page}`);
      skus.push(...response.body.map((p: { sku: string }) => p.sku));
    }
    equal(new Set(skus).size, 25);
    equal((await call(`${woo.apiUrl}/products?per_page=100&page=2`)).body.length, 0);
    const tooBig = await call(`${woo.apiUrl}/products?per_page=101`);
    deepEqual([tooBig.status, tooBig.body.code], [400, "rest_invalid_param"]);
    equal((await call(`${woo.apiUrl}/products?page=0`)).status, 400);
  } finally {
    await woo.close();
  }
});

Deno.test("products carry stock fields, EAN and variation ids; variations are listed per product", async () => {
  const woo = startWooCommerce(shop);
  try {
    const products = (await call(`${woo.apiUrl}/products?per_page=100`)).body;
    const tricko = products.find((p: { sku: string }) => p.sku === "T");
    deepEqual([tricko.type, tricko.variations], ["variable", [102, 103]]);
    const hrnek = products.find((p: { sku: string }) => p.sku === "HRN");
    deepEqual(
      [hrnek.type, hrnek.manage_stock, hrnek.stock_quantity, hrnek.stock_status, hrnek.global_unique_id],
      ["simple", true, 3, "instock", "8580000000011"],
    );
    const variations = await call(`${woo.apiUrl}/products/101/variations?per_page=1`);
    equal(variations.headers.get("X-WP-TotalPages"), "2");
    deepEqual(
      [variations.body[0].sku, variations.body[0].global_unique_id, variations.body[0].stock_quantity],
      ["T-S", "8580000000028", 1],
    );
    equal((await call(`${woo.apiUrl}/products/999/variations`)).status, 404);
    deepEqual((await call(`${woo.apiUrl}/products?sku=HRN`)).body.map((p: { id: number }) => p.id), [100]);
  } finally {
    await woo.close();
  }
});

Deno.test("batch updates write stock and report unknown ids per item", async () => {
  const woo = startWooCommerce(shop);
  try {
    const response = await call(`${woo.apiUrl}/products/batch`, {
      method: "POST",
      body: { update: [{ id: 100, manage_stock: true, stock_quantity: 0 }, { id: 999, stock_quantity: 1 }] },
    });
    equal(response.status, 200);
    deepEqual([response.body.update[0].id, response.body.update[0].stock_status], [100, "outofstock"]);
    deepEqual(response.body.update[1], {
      id: 999,
      error: { code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 400 } },
    });
    deepEqual(woo.stockBySku("HRN"), { id: 100, manage_stock: true, stock_quantity: 0 });
    const variations = await call(`${woo.apiUrl}/products/101/variations/batch`, {
      method: "POST",
      body: { update: [{ id: 103, manage_stock: true, stock_quantity: 4 }, { id: 100, stock_quantity: 1 }] },
    });
    equal(variations.body.update[0].stock_quantity, 4);
    equal(variations.body.update[1].error.code, "woocommerce_rest_product_variation_invalid_id");
    deepEqual(woo.stockBySku("T-M"), { id: 103, manage_stock: true, stock_quantity: 4 });
    deepEqual(woo.batches.map((b) => [b.scope, b.update.length, b.status, b.failedIds]), [
      [{ kind: "products" }, 2, 200, [999]],
      [{ kind: "variations", productId: 101 }, 2, 200, [100]],
    ]);
  } finally {
    await woo.close();
  }
});

Deno.test("more than 100 objects in a batch is 413 and writes nothing", async () => {
  const woo = startWooCommerce({ products: Array.from({ length: 101 }, (_, i) => simple(i + 1)) });
  try {
    const update = woo.store.products().map((p) => ({ id: p.id, stock_quantity: 50 }));
    const response = await call(`${woo.apiUrl}/products/batch`, { method: "POST", body: { update } });
    deepEqual([response.status, response.body], [413, {
      code: "woocommerce_rest_request_entity_too_large",
      message: "Unable to accept more than 100 items for this request.",
      data: { status: 413 },
    }]);
    equal(woo.stockBySku("SKU-1")!.stock_quantity, 1);
    const hundred = update.filter((u) => u.id !== woo.stockBySku("SKU-1")!.id);
    equal(
      (await call(`${woo.apiUrl}/products/batch`, { method: "POST", body: { update: hundred } })).status,
      200,
    );
    equal(woo.stockBySku("SKU-1")!.stock_quantity, 1);
    equal(woo.stockBySku("SKU-2")!.stock_quantity, 50);
  } finally {
    await woo.close();
  }
});

Deno.test("failNext answers HTML 429 or 503 with Retry-After", async () => {
  const woo = startWooCommerce(shop);
  try {
    woo.failNext(1, 429, 3);
    const limited = await call(`${woo.apiUrl}/products`);
    deepEqual([limited.status, limited.headers.get("Retry-After")], [429, "3"]);
    woo.failNext(1);
    const maintenance = await call(`${woo.apiUrl}/products`);
    equal(maintenance.status, 503);
    ok(String(maintenance.body).includes("maintenance"));
    equal((await call(`${woo.apiUrl}/products`)).status, 200);
    deepEqual(woo.requests.map((r) => r.status), [429, 503, 200]);
  } finally {
    await woo.close();
  }
});

Deno.test("bad JSON and unknown routes get WP errors", async () => {
  const woo = startWooCommerce(shop);
  try {
    const bad = await fetch(`${woo.apiUrl}/products/batch`, {
      method: "POST",
      headers: { Authorization: basic(), "Content-Type": "application/json" },
      body: "{",
    });
    deepEqual([bad.status, (await bad.json()).code], [400, "rest_invalid_json"]);
    equal((await call(`${woo.apiUrl}/orders`)).body.code, "rest_no_route");
  } finally {
    await woo.close();
  }
});
