import { deepEqual, equal, match, ok } from "node:assert/strict";
import { DEFAULT_SHOPTET_TOKEN, type ShoptetOptions, startShoptet, TOKEN_HEADER } from "./mod.ts";

const catalogue: ShoptetOptions = {
  stocks: [{ id: 1, title: "Hlavní sklad" }, { id: 2, title: "Prodejna" }],
  products: [
    {
      name: "Tričko",
      variants: [{ code: "T-S", ean: "8590000000011", amount: 5, claim: 1, location: "A1" }, {
        code: "T-M",
        ean: "8590000000028",
      }],
    },
    { name: "Hrnek", variants: [{ code: "HRN", amount: 2.5 }] },
    { name: "Sada", type: "product-set", variants: [{ code: "SADA" }] },
  ],
};

async function call(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
) {
  const token = init.token === undefined ? DEFAULT_SHOPTET_TOKEN : init.token;
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { "Content-Type": "application/json", ...(token === null ? {} : { [TOKEN_HEADER]: token }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const json = response.headers.get("Content-Type")?.startsWith("application/json") ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: json };
}

const patch = (base: string, data: unknown[], stockId = 1) =>
  call(base, `/api/stocks/${stockId}/movements`, { method: "PATCH", body: { data } });

Deno.test("a missing or wrong token is 401 in Shoptet's error envelope", async () => {
  const shop = startShoptet(catalogue);
  try {
    const missing = await call(shop.url, "/api/stocks", { token: null });
    equal(missing.status, 401);
    equal(missing.body.data, null);
    equal(missing.body.errors[0].errorCode, "missing-access-token");
    equal(missing.body.metadata.requestId, missing.headers.get("X-Request-ID"));
    const wrong = await call(shop.url, "/api/stocks", { token: "wrong" });
    equal(wrong.status, 401);
    deepEqual(Object.keys(wrong.body.errors[0]), ["errorCode", "message", "instance"]);
  } finally {
    await shop.close();
  }
});

Deno.test("GET /api/stocks lists all stocks and the default one", async () => {
  const shop = startShoptet(catalogue);
  try {
    const { status, body } = await call(shop.url, "/api/stocks");
    equal(status, 200);
    equal(body.errors, null);
    equal(body.data.defaultStockId, 1);
    deepEqual(body.data.stocks.map((s: { id: number }) => s.id), [1, 2]);
  } finally {
    await shop.close();
  }
});

Deno.test("supplies are paged, with amounts as three-decimal strings", async () => {
  const shop = startShoptet({ ...catalogue, maxItemsPerPage: 3 });
  try {
    const first = await call(shop.url, "/api/stocks/1/supplies");
    deepEqual(first.body.data.paginator, {
      totalCount: 4,
      page: 1,
      pageCount: 2,
      itemsOnPage: 3,
      itemsPerPage: 3,
    });
    deepEqual(first.body.data.supplies[0], {
      productGuid: "00000000-0000-4000-8000-000000000001",
      code: "T-S",
      amount: "5.000",
      claim: "1.000",
      location: "A1",
    });
    equal(first.body.data.supplies[2].amount, "2.500");
    const second = await call(shop.url, "/api/stocks/1/supplies?page=2");
    deepEqual(second.body.data.supplies.map((s: { code: string; amount: null }) => [s.code, s.amount]), [[
      "SADA",
      null,
    ]]);
    const filtered = await call(shop.url, "/api/stocks/2/supplies?code=T-M");
    deepEqual(filtered.body.data.supplies.map((s: { code: string }) => s.code), ["T-M"]);
    equal((await call(shop.url, "/api/stocks/9/supplies")).status, 404);
    equal((await call(shop.url, "/api/stocks/1/supplies?page=0")).status, 400);
  } finally {
    await shop.close();
  }
});

Deno.test("products list has no variants; the detail has codes and EANs", async () => {
  const shop = startShoptet({ ...catalogue, maxItemsPerPage: 2 });
  try {
    const list = await call(shop.url, "/api/products?page=2");
    equal(list.body.data.paginator.pageCount, 2);
    equal(list.body.data.products.length, 1);
    equal(list.body.data.products[0].variants, undefined);
    const guid = (await call(shop.url, "/api/products")).body.data.products[0].guid;
    const detail = await call(shop.url, `/api/products/${guid}`);
    equal(detail.body.data.guid, guid);
    deepEqual(detail.body.data.variants.map((v: { code: string; ean: string }) => [v.code, v.ean]), [
      ["T-S", "8590000000011"],
      ["T-M", "8590000000028"],
    ]);
    equal(detail.body.data.variants[0].stock, "5.000");
    const missing = await call(shop.url, "/api/products/nope");
    equal(missing.status, 404);
    equal(missing.body.errors[0].errorCode, "product-not-found");
  } finally {
    await shop.close();
  }
});

Deno.test("movements apply per item and report skipped ones with 200", async () => {
  const shop = startShoptet(catalogue);
  try {
    const response = await patch(shop.url, [
      { productCode: "T-S", realStock: 7 },
      { productCode: "T-M", quantity: 3 },
      { productCode: "HRN", amountChange: -1 },
      { productCode: "GONE", realStock: 1 },
      { productCode: "SADA", realStock: 1 },
    ]);
    equal(response.status, 200);
    equal(response.body.data, null);
    deepEqual(
      response.body.errors.map((e: { errorCode: string; instance: string }) => [e.errorCode, e.instance]),
      [
        ["unknown-product", "GONE"],
        ["stock-change-not-allowed", "SADA"],
      ],
    );
    deepEqual(shop.stockOf("T-S"), { realStock: 7, claim: 1, quantity: 6 });
    deepEqual(shop.stockOf("T-M"), { realStock: 3, claim: 0, quantity: 3 });
    equal(shop.stockOf("HRN")!.realStock, 1.5);
    equal(shop.movements.length, 1);
    equal(shop.movements[0].status, 200);
    equal(shop.movements[0].errors!.length, 2);
    equal((await patch(shop.url, [{ productCode: "T-S", realStock: 7 }])).body.errors, null);
  } finally {
    await shop.close();
  }
});

Deno.test("a movements request whose every item fails is 400", async () => {
  const shop = startShoptet(catalogue);
  try {
    const response = await patch(shop.url, [{ productCode: "GONE", realStock: 1 }]);
    equal(response.status, 400);
    equal(response.body.errors[0].message, 'Product "GONE" does not exist. Skipped.');
  } finally {
    await shop.close();
  }
});

Deno.test("schema violations are 422 and over 300 items is 413; nothing is written", async () => {
  const shop = startShoptet(catalogue);
  try {
    const two = await patch(shop.url, [{ productCode: "T-S", realStock: 1 }, {
      productCode: "T-M",
      realStock: 1,
      quantity: 1,
    }]);
    equal(two.status, 422);
    equal(two.body.errors[0].instance, "data[1]");
    equal((await patch(shop.url, [{ productCode: "T-S" }])).status, 422);
    equal((await patch(shop.url, [{ productCode: "T-S", realStock: "1" }])).status, 422);
    equal((await patch(shop.url, [{ productCode: "T-S", realStock: 1, note: "x" }])).status, 422);
    const many = Array.from({ length: 301 }, () => ({ productCode: "T-S", realStock: 1 }));
    equal((await patch(shop.url, many)).status, 413);
    equal((await patch(shop.url, many.slice(0, 300))).status, 200);
    const bad = await call(shop.url, "/api/stocks/1/movements", { method: "PATCH", body: { items: [] } });
    equal(bad.status, 422);
    equal(shop.stockOf("T-M")!.realStock, 0);
  } finally {
    await shop.close();
  }
});

Deno.test("more than 3 open requests per token get nginx's 429", async () => {
  const shop = startShoptet({ ...catalogue, latencyMs: 150 });
  try {
    const results = await Promise.all(Array.from({ length: 4 }, () => call(shop.url, "/api/stocks")));
    deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 429]);
    match(results.find((r) => r.status === 429)!.body, /429 Too Many Requests/);
    equal(shop.counters.tooManyConnections, 1);
    equal(shop.counters.maxConcurrent, 4);
    equal((await call(shop.url, "/api/stocks")).status, 200);
  } finally {
    await shop.close();
  }
});

Deno.test("a write to a URL that is still being written is 423", async () => {
  const shop = startShoptet({ ...catalogue, latencyMs: 150 });
  try {
    const body = [{ productCode: "T-S", realStock: 2 }];
    const [a, b, other] = await Promise.all([
      patch(shop.url, body),
      patch(shop.url, body),
      patch(shop.url, body, 2),
    ]);
    deepEqual([a.status, b.status].sort(), [200, 423]);
    equal(other.status, 200);
    equal(shop.counters.locked, 1);
    equal(shop.movements.length, 2);
    equal((await patch(shop.url, body)).status, 200, "the lock ends with the request");
  } finally {
    await shop.close();
  }
});

Deno.test("failNext answers 429 with an HTTP-date Retry-After", async () => {
  const shop = startShoptet(catalogue);
  try {
    shop.failNext(1, 2);
    const limited = await call(shop.url, "/api/stocks");
    equal(limited.status, 429);
    const retryAt = Date.parse(limited.headers.get("Retry-After")!);
    ok(retryAt > Date.now() && retryAt <= Date.now() + 3000);
    equal(limited.headers.get("X-RateLimit-Bucket-Filling"), "200/200");
    equal((await call(shop.url, "/api/stocks")).status, 200);
    deepEqual(shop.requests.map((r) => r.status), [429, 200]);
  } finally {
    await shop.close();
  }
});
