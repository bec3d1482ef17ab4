/**
 * Bad answers from KROS and the shops, and an oversized notification to `spojka serve`, end to end
 * through the CLI: rows of docs/bad-input.md that no other test covered. A refused credential or an
 * unreachable service is exit 4, recorded, and writes nothing to the shop.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { ShoptetEmulator } from "./emulators/shoptet/mod.ts";
import { type CliResult, editConfig, runCli, spawnCli } from "./helpers/cli.ts";
import { articles, startStockWorld, type StockWorld, type StockWorldOptions } from "./helpers/stock_world.ts";

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

/** `sync stock`, with secret variables overriding the stored ones as SPOJKA_* allows. */
function syncStock(world: StockWorld, env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(["--dir", world.dir, "sync", "stock"], { env });
}

/** The number of write requests the shop has received. */
function writes(world: StockWorld): number {
  return "movements" in world.shop ? world.shop.movements.length : world.shop.batches.length;
}

/** The last stock run, as `spojka status --json` reports it. */
async function lastStockRun(world: StockWorld) {
  const status = JSON.parse((await world.spojka("status", "--json")).stdout);
  return status.lastRuns.find((r: { connector: string }) => r.connector === "stock");
}

Deno.test("a wrong Shoptet token or WooCommerce secret exits 4 saying where to make one; nothing is written", async () => {
  const cases = [
    [
      "shoptet",
      { SPOJKA_SHOPTET_TOKEN: "zly-token-4410" },
      /Shoptet refused the API token \(HTTP 401\): “Invalid access token”[\s\S]*Přístup k API/,
    ],
    [
      "woocommerce",
      { SPOJKA_WOO_SECRET: "cs_zly-4410" },
      /WooCommerce refused the consumer key or secret \(HTTP 401\): “Consumer secret is invalid”[\s\S]*REST API/,
    ],
  ] as const;
  for (const [platform, env, message] of cases) {
    await withStock({ platform, catalogue: articles(3) }, async (world) => {
      const result = await syncStock(world, env);
      equal(result.code, 4, result.stderr);
      match(result.stderr, message);
      ok(!result.stderr.includes("4410"), "the secret is not echoed");
      equal(writes(world), 0);
      equal((await lastStockRun(world)).exitCode, 4);
    });
  }
});

Deno.test("in Czech, a refused Shoptet token and WooCommerce secret say in Czech where to make new ones", async () => {
  const cases = [
    [
      "shoptet",
      { SPOJKA_SHOPTET_TOKEN: "zly-token-4410" },
      /Shoptet odmítl API token \(HTTP 401\)[\s\S]*Zkontrolujte soukromý API token/,
    ],
    [
      "woocommerce",
      { SPOJKA_WOO_SECRET: "cs_zly-4410" },
      /WooCommerce odmítl consumer key nebo consumer secret \(HTTP 401\)[\s\S]*Vytvořte klíč REST API/,
    ],
  ] as const;
  for (const [platform, env, message] of cases) {
    await withStock({ platform, catalogue: articles(3) }, async (world) => {
      const result = await runCli(["--lang", "cs", "--dir", world.dir, "sync", "stock"], { env });
      equal(result.code, 4, result.stderr);
      match(result.stderr, message);
      ok(!/refused|Check the|Create a/.test(result.stderr), result.stderr);
    });
  }
});

Deno.test("an unreachable KROS or shop exits 4 naming its address; nothing is written", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(3) }, async (world) => {
    await editConfig(world.dir, (config) => config.kros.max_attempts = 1);
    await world.kros.close();
    const result = await syncStock(world);
    equal(result.code, 4, result.stderr);
    match(result.stderr, /cannot connect to KROS at http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
    equal(writes(world), 0);
    match((await lastStockRun(world)).message, /cannot connect to KROS/);
  });
  await withStock({ platform: "woocommerce", catalogue: articles(3) }, async (world) => {
    await editConfig(world.dir, (config) => config.eshop.max_attempts = 1);
    await world.shop.close();
    const result = await syncStock(world);
    equal(result.code, 4, result.stderr);
    match(
      result.stderr,
      /cannot connect to WooCommerce at http:\/\/127\.0\.0\.1:\d+: the connection was refused/,
    );
    equal((await lastStockRun(world)).exitCode, 4);
  });
});

Deno.test("KROS's 429 is waited out by its Retry-After, and the sync completes", async () => {
  // KROS stricter than spojka's configured limits: one request a second.
  await withStock(
    { platform: "shoptet", catalogue: articles(250), krosLimits: [{ requests: 1, perMs: 1000 }] },
    async (world) => {
      const result = await syncStock(world);
      equal(result.code, 0, result.stderr);
      match(result.stdout, /KROS: 250 catalogue items/);
      const statuses = world.kros.requests.map((r) => r.status);
      ok(statuses.includes(429), `KROS said 429: ${statuses}`);
      equal(statuses.filter((s) => s === 200).length, 1 + 3, "the init check, then three pages");
      const last = articles(250)[249];
      equal(
        (world.shop as ShoptetEmulator).stockOf(last.code)?.realStock,
        Math.floor(Math.max(...Object.values(last.stock))),
      );
    },
  );
});

Deno.test("serve refuses an oversized notification with 413, by its length or as it arrives, and syncs nothing", async () => {
  await withStock({ platform: "shoptet", catalogue: articles(3) }, async (world) => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${listener.addr.port}`;
    listener.close();
    await editConfig(world.dir, (config) => {
      config.serve = { listen: base.slice("http://".length), debounce_seconds: 0 };
    });
    const server = spawnCli(["--dir", world.dir, "serve"]);
    try {
      const health = () => fetch(`${base}/healthz`).then((r) => r.json());
      const first = await until(async () => (await health().catch(() => null))?.lastRuns?.stock?.id);
      const big = new Uint8Array(2 * 1024 * 1024).fill(0x20);
      const statuses = [];
      for (const body of [big, new Blob([big]).stream()]) {
        const response = await fetch(`${base}/kros/notify`, {
          method: "POST",
          headers: { "X-Kros-Signature-256": "Zm9yZ2Vk", "Content-Type": "application/json" },
          body,
        }).catch((e) => e);
        statuses.push(response instanceof Response ? response.status : "reset");
        if (response instanceof Response) await response.body?.cancel();
      }
      deepEqual(statuses, [413, 413]);
      const after = await health();
      deepEqual([after.running, after.pending, after.lastRuns.stock.id], [false, [], first]);
    } finally {
      server.kill("SIGTERM");
      await server.output();
    }
  });
});

/** Polls `probe` until it returns something, for at most 20 s. */
async function until<T>(probe: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
}
