/**
 * KROS → e-shop stock end to end: the real CLI as a subprocess against the KROS, Shoptet and
 * WooCommerce emulators.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { sendNotification } from "./emulators/kros/mod.ts";
import type { ShoptetEmulator } from "./emulators/shoptet/mod.ts";
import { editConfig, runCli, spawnCli } from "./helpers/cli.ts";
import {
  articles,
  expected,
  krosItems,
  shopStock,
  startStockWorld,
  type StockWorld,
  type StockWorldOptions,
  UNPAID_KROS_TOKEN,
  writes,
} from "./helpers/stock_world.ts";

async function withStock(
  options: StockWorldOptions,
  body: (world: StockWorld) => Promise<void>,
): Promise<void> {
  const world = await startStockWorld(options);
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

for (const platform of ["shoptet", "woocommerce"] as const) {
  Deno.test(`${platform}: the first sync sets every product, an unchanged catalogue writes nothing, a KROS change arrives`, async () => {
    const catalogue = articles(30);
    await withStock({ platform, catalogue }, async (world) => {
      const first = await world.spojka("sync", "stock");
      equal(first.code, 0, first.stderr);
      for (const article of catalogue) equal(shopStock(world, article.code), expected(article), article.code);
      const writesAfterFirst = writes(world);
      ok(writesAfterFirst > 0);

      const second = await world.spojka("sync");
      equal(second.code, 0, second.stderr);
      equal(writes(world), writesAfterFirst, "an unchanged catalogue writes nothing");
      match(second.stdout, /written 0, unchanged 30/);

      world.kros.catalog.setQuantity(1, "BA", 57);
      const third = await world.spojka("sync", "stock");
      equal(third.code, 0, third.stderr);
      equal(shopStock(world, "A0001"), 57);
      match(third.stdout, /written 1, unchanged 29/);
      equal(world.kros.limiter.violations().length, 0);
    });
  });
}

Deno.test("sum instead of max, and only one warehouse", async () => {
  const catalogue = articles(12);
  await withStock(
    { platform: "shoptet", catalogue, initEnv: { SPOJKA_STOCK_QUANTITY: "sum" } },
    async (world) => {
      equal((await world.spojka("sync", "stock")).code, 0);
      for (const article of catalogue) {
        equal(
          shopStock(world, article.code),
          expected(article, "sum"),
          article.code,
        );
      }
      ok(
        catalogue.some((a) => expected(a, "sum") !== expected(a, "max")),
        "the data tells max and sum apart",
      );
    },
  );
  await withStock(
    { platform: "shoptet", catalogue, initEnv: { SPOJKA_STOCK_WAREHOUSE: "KE" } },
    async (world) => {
      equal((await world.spojka("sync", "stock")).code, 0);
      for (const article of catalogue) {
        equal(
          shopStock(world, article.code),
          expected(article, "max", "KE"),
          article.code,
        );
      }
      ok(catalogue.some((a) => a.stock.KE < 0), "negative KROS stock is in the data, and shows as 0");
    },
  );
});

Deno.test("matching by EAN, when the shop's codes differ from KROS's", async () => {
  const catalogue = articles(8);
  for (const platform of ["shoptet", "woocommerce"] as const) {
    // The shop sells the same goods under its own codes; only the EANs tie them to KROS.
    const renamed = catalogue.map((a) => ({ ...a, code: `SHOP-${a.code}` }));
    await withStock(
      { platform, catalogue: renamed, initEnv: { SPOJKA_STOCK_MATCH: "ean" } },
      async (world) => {
        // KROS spells the EANs with a leading zero, as UPC-A and EAN-13 may spell the same product.
        world.kros.catalog.replace(krosItems(catalogue.map((a) => ({ ...a, ean: `0${a.ean}` }))));
        const result = await world.spojka("sync", "stock");
        equal(result.code, 0, result.stderr);
        for (const article of catalogue) {
          equal(shopStock(world, `SHOP-${article.code}`), expected(article), platform);
        }
      },
    );
  }
});

Deno.test("products on one side only are listed, not errors; duplicates are reported and skipped", async () => {
  const catalogue = articles(6);
  await withStock({
    platform: "woocommerce",
    catalogue,
    notInShop: ["A0002"],
    shopOnly: [{ code: "SHOP-ONLY", ean: "123", name: "Darčeková poukážka" }],
  }, async (world) => {
    world.kros.catalog.add({ itemCode: "A0003", name: "Duplicitný kód", warehouses: [] });
    const result = await world.spojka("sync", "stock");
    equal(result.code, 0, result.stderr);
    match(result.stdout, /Only in KROS: 1[\s\S]*A0002/);
    match(result.stdout, /Only in WooCommerce: 1[\s\S]*SHOP-ONLY {2}Darčeková poukážka/);
    match(result.stderr, /code A0003 appears 2 times in KROS/);
    equal(shopStock(world, "A0003"), 0, "a duplicate is never guessed");
  });
});

Deno.test("sync stock --dry-run prints the changes as a table and writes nothing", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(5), shopStock: { A0002: 3 } }, async (world) => {
    const result = await world.spojka("sync", "stock", "--dry-run");
    equal(result.code, 0, result.stderr);
    match(result.stdout, /code\s+name\s+KROS\s+shop\s+new/);
    match(result.stdout, /A0002\s+Čaj zelený 2\s+7\s+3\s+7/);
    equal(writes(world), 0);
  });
});

Deno.test("KROS's rate limits hold over many pages and across processes: init, then two syncs in a row", async () => {
  const limits = [{ requests: 5, perMs: 1000 }, { requests: 12, perMs: 3000 }];
  await withStock({ platform: "shoptet", catalogue: articles(50), krosLimits: limits }, async (world) => {
    await editConfig(world.dir, (config) => {
      config.kros.page_size = 2;
      config.kros.rate_limits = limits.map((l) => ({ requests: l.requests, seconds: l.perMs / 1000 }));
    });
    // init's connection check has just made a request from another process; the state remembers it.
    for (const run of [1, 2]) {
      const result = await world.spojka("sync", "stock");
      equal(result.code, 0, `run ${run}: ${result.stderr}`);
    }
    deepEqual(world.kros.limiter.violations(), []);
    // The test is tight: the 3-second window, which sets the pace, was full, yet never over.
    const [perSecond, perThree] = world.kros.limiter.stats().map((s) => s.maxObserved);
    ok(perSecond <= 5);
    equal(perThree, 12);
  });
});

Deno.test("a Shoptet product set, whose stock follows its items, is skipped with the reason", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(4) }, async (world) => {
    (world.shop as ShoptetEmulator).store.add({
      name: "Sada",
      type: "product-set",
      variants: [{ code: "SET-1" }],
    });
    world.kros.catalog.add({
      itemCode: "SET-1",
      name: "Sada",
      warehouses: [{ code: "BA", name: "BA", quantityOnHand: 3 }],
    });
    const result = await world.spojka("sync", "stock");
    equal(result.code, 0, "a product set is known read-only and skipped, not a failure");
    match(result.stderr, /SET-1 \(SET-1\): a product set, whose stock follows its items; skipped/);
    const slovak = await world.spojka("--lang", "sk", "sync", "stock");
    equal(slovak.code, 0, slovak.stderr);
    match(
      slovak.stderr,
      /SET-1 \(SET-1\): sada produktov, ktorej zásoba sa riadi jej položkami; preskočené\./,
    );
  });
});

Deno.test("init's check of the shop says what it found in the chosen language", async () => {
  const found = {
    shoptet: /Shoptet: v pořádku, 1 sklad; zásoby se zapisují do skladu 1, výchozího skladu e-shopu/,
    woocommerce: /WooCommerce: v pořádku, 3 produkty/,
  };
  for (const platform of ["shoptet", "woocommerce"] as const) {
    await withStock({ platform, catalogue: articles(3) }, async (world) => {
      const init = await runCli(["--lang", "cs", "--dir", world.dir, "init", "--non-interactive"], {
        env: world.env,
      });
      equal(init.code, 0, init.stderr);
      match(init.stdout, found[platform]);
      match(init.stdout, /KROS: v pořádku/);
    });
  }
});

Deno.test("KROS refusing the token, or the API module not paid, exits 4 with what to do", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(2) }, async (world) => {
    const unpaid = await runWithToken(world, "unpaid");
    equal(unpaid.code, 4);
    match(unpaid.stderr, /This company's KROS plan does not include the API module \(HTTP 402\)/);
    ok(!unpaid.stderr.includes("KROS: KROS:"), unpaid.stderr);
    const wrong = await runWithToken(world, "wrong");
    equal(wrong.code, 4);
    match(wrong.stderr, /KROS refused the token \(HTTP 401\)[\s\S]*Vygenerovať token/);
  });
});

Deno.test("when Shoptet cannot be read, the last quantities sent are the baseline; a refused product means exit 1", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(6) }, async (world) => {
    equal((await world.spojka("sync", "stock")).code, 0);
    const writesBefore = writes(world);
    world.kros.catalog.setQuantity(2, "BA", 91);
    world.kros.catalog.add({
      itemCode: "GHOST",
      name: "Nie je v obchode",
      warehouses: [{ code: "BA", name: "BA", quantityOnHand: 1 }],
    });
    // Every attempt to read the shop fails (5 attempts, each told to wait 0 s); then writing works again.
    (world.shop as ShoptetEmulator).failNext(5, 0);
    const result = await world.spojka("sync", "stock");
    equal(result.code, 1, result.stderr);
    match(result.stderr, /Shoptet cannot be read .*; comparing with the quantities spojka last sent/);
    match(result.stderr, /Shoptet refused GHOST: Product "GHOST" does not exist/);
    equal(shopStock(world, "A0002"), 91);
    equal(
      writes(world),
      writesBefore + 1,
      "one write: the changed product and the unknown one, nothing unchanged",
    );
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    deepEqual(
      status.lastRuns.find((r: { connector: string }) => r.connector === "stock").counts.products.failed,
      1,
    );
  });
});

/** `sync stock` with the KROS token overridden from the environment, as SPOJKA_KROS_TOKEN allows. */
async function runWithToken(world: StockWorld, kind: "unpaid" | "wrong") {
  const token = kind === "unpaid" ? UNPAID_KROS_TOKEN : "not-a-token";
  const child = spawnCli(["--dir", world.dir, "sync", "stock"], { env: { SPOJKA_KROS_TOKEN: token } });
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("serve: a signed KROS notification triggers a sync, a forged one is refused; /healthz; clean stop", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(5) }, async (world) => {
    const key = /Autorizačný kľúč k zadanej URL:\s+(\S+)/.exec(world.init.stdout)?.[1];
    ok(key, "init shows the authorisation key to enter in KROS");
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${listener.addr.port}`;
    listener.close();
    await editConfig(world.dir, (config) => {
      config.serve = { listen: base.slice("http://".length), debounce_seconds: 0 };
    });
    const server = spawnCli(["--dir", world.dir, "serve"]);
    try {
      const health = await until(async () => {
        const body = await fetch(`${base}/healthz`).then((r) => r.json()).catch(() => null);
        return body?.lastRuns?.stock ? body : null;
      });
      equal(health.lastRuns.stock.result, "ok");
      const writesBefore = writes(world);

      world.kros.catalog.setQuantity(1, "BA", 77);
      equal(await sendNotification(`${base}/kros/notify`, "not-the-key"), 401);
      equal(await sendNotification(`${base}/kros/notify`, key!, undefined, { signature: null }), 401);
      await new Promise((resolve) => setTimeout(resolve, 500));
      equal(writes(world), writesBefore, "a forged notification triggers nothing");

      equal(await sendNotification(`${base}/kros/notify`, key!), 200);
      await until(() => Promise.resolve(shopStock(world, "A0001") === 77 || null));
      // Between runs serve holds no lock: a scheduled `spojka sync` runs beside it.
      equal((await world.spojka("sync", "stock")).code, 0);
    } finally {
      server.kill("SIGTERM");
      const stopped = await server.output();
      equal(stopped.code, 0);
      match(new TextDecoder().decode(stopped.stdout), /Stopped\./);
    }
  });
});

/** Polls `probe` until it returns something, for at most 10 s. */
async function until<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
}

Deno.test("a mistyped warehouse or a wrong field name stops the sync before anything is written", async () => {
  await withStock({
    platform: "shoptet",
    catalogue: articles(5),
    initEnv: { SPOJKA_STOCK_WAREHOUSE: "HLAVNÝ" },
  }, async (world) => {
    const typo = await world.spojka("sync", "stock");
    equal(typo.code, 2);
    match(
      typo.stderr,
      /\[stock\] warehouse is "HLAVNÝ", but no KROS item has a warehouse with that code \(codes seen: BA, KE, ZA\)/,
    );
    equal(writes(world), 0);
    await editConfig(world.dir, (config) => {
      delete config.stock.warehouse;
      (config.kros.fields as Record<string, string>) = { warehouses: "stocks" };
    });
    const field = await world.spojka("sync", "stock");
    equal(field.code, 2);
    match(field.stderr, /No KROS item has stock spojka can read\. 5 of 5 KROS items have no "stocks" list/);
    equal(writes(world), 0);
  });
});
