/** `init` checks each connection and says precisely what is wrong, but saves the settings anyway. */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempDataDir } from "./helpers/cli.ts";
import { ICO, startWorld, type World } from "./helpers/world.ts";
import { DEFAULT_KROS_TOKEN } from "./emulators/kros/mod.ts";
import { DEFAULT_SHOPTET_TOKEN } from "./emulators/shoptet/mod.ts";
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from "./emulators/woocommerce/mod.ts";
import { articles, startStockWorld, UNPAID_KROS_TOKEN } from "./helpers/stock_world.ts";

const env = (world: World, extra: Record<string, string> = {}) => ({
  SPOJKA_FLOWII_URL: world.flowii.url,
  SPOJKA_FLOWII_USER: world.flowii.credentials.user,
  SPOJKA_FLOWII_PASSWORD: world.flowii.credentials.password,
  SPOJKA_FLOWII_API_KEY: world.flowii.credentials.apiKey,
  SPOJKA_POHODA_URL: world.mserver.xmlUrl,
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-1",
  SPOJKA_POHODA_ICO: ICO,
  ...extra,
});

async function init(world: World, extra?: Record<string, string>) {
  const dir = await tempDataDir();
  const result = await runCli(["--dir", dir, "init", "--non-interactive"], { env: env(world, extra) });
  equal(result.code, 0, "the settings are saved whatever the checks find");
  ok(await Deno.stat(join(dir, "config.toml")));
  return result;
}

/** A port on 127.0.0.1 where nothing listens. */
function closedPort(): number {
  // Port 2 has no listener on these machines, and fetch does not block it (as it does 1); a port freed
  // by a listener could be taken by another test running at the same time.
  return 2;
}

Deno.test("init checks FLOWii and mServer", async (t) => {
  const world = await startWorld({ flowii: { dataset: { seed: 1, partners: 2, documents: 2 } } });
  try {
    await t.step("both answer: the accounting unit is named", async () => {
      const result = await init(world);
      match(result.stdout, /FLOWii: OK, signed in as /);
      match(result.stdout, new RegExp(`POHODA mServer: OK, answers for .*IČO ${ICO}, StwPh_${ICO}_\\d{4}`));
      equal(result.stderr, "");
    });

    await t.step("mServer not running", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: `http://127.0.0.1:${closedPort()}/xml` });
      match(
        result.stderr,
        /cannot connect to POHODA mServer at .*: the connection was refused \(is it running, on this port\?\)/,
      );
      match(result.stderr, /The settings are saved anyway/);
    });

    await t.step("localhost may be IPv6, where mServer does not listen", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: `http://localhost:${closedPort()}/xml` });
      match(result.stderr, /localhost may resolve to the IPv6 address ::1.*Use 127\.0\.0\.1/);
    });

    await t.step("a URL without /xml", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: world.mserver.url });
      match(result.stdout, /does not end with \/xml; mServer takes imports only at \/xml/);
    });

    await t.step("mServer of another company", async () => {
      const result = await init(world, { SPOJKA_POHODA_ICO: "45274649" });
      match(
        result.stderr,
        new RegExp(`serves the accounting unit with IČO ${ICO}.*but \\[pohoda\\] ico is 45274649`),
      );
    });

    await t.step("wrong passwords and API key", async () => {
      const result = await init(world, {
        SPOJKA_POHODA_PASSWORD: "spatne-heslo",
        SPOJKA_FLOWII_API_KEY: "spatny-kluc",
      });
      match(result.stderr, /FLOWii refused the API key/);
      match(result.stderr, /POHODA refused the user name or password \(HTTP 401\)/);
      ok(!result.stderr.includes("spatne-heslo") && !result.stderr.includes("spatny-kluc"));
    });
  } finally {
    await world.close();
  }
});

Deno.test("init checks KROS and the shop, and names each failure", async (t) => {
  const catalogue = articles(2);
  for (const platform of ["shoptet", "woocommerce"] as const) {
    const world = await startStockWorld({ platform, catalogue });
    try {
      const base = {
        SPOJKA_KROS_URL: world.kros.apiUrl,
        SPOJKA_KROS_TOKEN: DEFAULT_KROS_TOKEN,
        SPOJKA_ESHOP_PLATFORM: platform,
        SPOJKA_ESHOP_URL: world.shop.url,
        ...(platform === "shoptet"
          ? { SPOJKA_SHOPTET_TOKEN: DEFAULT_SHOPTET_TOKEN }
          : { SPOJKA_WOO_KEY: DEFAULT_CONSUMER_KEY, SPOJKA_WOO_SECRET: DEFAULT_CONSUMER_SECRET }),
      };
      const init = async (extra: Record<string, string>) => {
        const result = await runCli(["--dir", await tempDataDir(), "init", "--non-interactive"], {
          env: { ...base, ...extra },
        });
        equal(result.code, 0);
        return result;
      };
      await t.step(`${platform}: both answer, and the notification URL and key are shown`, async () => {
        const result = await init({});
        match(result.stdout, /KROS: OK/);
        match(result.stdout, /URL pre príjem notifikácií z API:\s+http:\/\/127\.0\.0\.1:8787\/kros\/notify/);
        match(result.stdout, /Autorizačný kľúč k zadanej URL:\s+[A-Za-z0-9_-]{48}/);
      });
      await t.step(`${platform}: a wrong KROS token (401), an unpaid API module (402)`, async () => {
        match((await init({ SPOJKA_KROS_TOKEN: "zly-token" })).stderr, /KROS refused the token \(HTTP 401\)/);
        const unpaid = await init({ SPOJKA_KROS_TOKEN: UNPAID_KROS_TOKEN });
        match(unpaid.stderr, /does not include the API module \(HTTP 402\)/);
        ok(
          !unpaid.stdout.includes("Autorizačný kľúč"),
          "no KROS settings to enter while the connection fails",
        );
      });
      await t.step(`${platform}: wrong shop credentials`, async () => {
        const wrong: Record<string, string> = platform === "shoptet"
          ? { SPOJKA_SHOPTET_TOKEN: "zly" }
          : { SPOJKA_WOO_SECRET: "cs_zly" };
        match(
          (await init(wrong)).stderr,
          platform === "shoptet"
            ? /Shoptet refused the API token \(HTTP 401\)/
            : /WooCommerce refused the consumer key or secret \(HTTP 401\)/,
        );
      });
      await t.step(`${platform}: an unknown host`, async () => {
        match(
          (await init({ SPOJKA_KROS_URL: "https://kros.invalid/api" })).stderr,
          /cannot find KROS's server kros\.invalid/,
        );
      });
    } finally {
      await world.close();
    }
  }
});
