/**
 * `init` checks each connection and says precisely what is wrong, but saves the settings anyway;
 * a failed check ends `init --non-interactive` with exit code 4, so a script can tell.
 */
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

/** `init --non-interactive`; `code` 4 when a check should fail (the settings are saved all the same). */
async function init(world: World, extra?: Record<string, string>, code: 0 | 4 = 0) {
  const dir = await tempDataDir();
  const result = await runCli(["--dir", dir, "init", "--non-interactive"], { env: env(world, extra) });
  equal(result.code, code, result.stderr);
  ok(await Deno.stat(join(dir, "config.toml")), "the settings are saved whatever the checks find");
  if (code === 4) {
    match(result.stderr, /checks? failed; the settings are saved anyway:\n {2}- /);
    match(result.stderr, /init --non-interactive ends with exit code 4/);
  }
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
      const result = await init(world, { SPOJKA_POHODA_URL: `http://127.0.0.1:${closedPort()}/xml` }, 4);
      match(
        result.stderr,
        /cannot connect to POHODA mServer at .*: the connection was refused \(is it running, on this port\?\)/,
      );
      match(result.stderr, /This check failed; the settings are saved anyway:\n {2}- POHODA mServer: cannot/);
      ok(!result.stderr.includes("FLOWii:"), "only the failed check is listed");
    });

    await t.step("localhost may be IPv6, where mServer does not listen", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: `http://localhost:${closedPort()}/xml` }, 4);
      match(result.stderr, /localhost may resolve to the IPv6 address ::1.*Use 127\.0\.0\.1/);
    });

    await t.step("a URL without /xml is refused as it is given, before the password is tried", async () => {
      const dir = await tempDataDir();
      const before = world.mserver.requests.length;
      const result = await runCli(["--dir", dir, "init", "--non-interactive"], {
        env: env(world, { SPOJKA_POHODA_URL: world.mserver.url }),
      });
      equal(result.code, 2);
      match(result.stderr, /SPOJKA_POHODA_URL http:\/\/127\.0\.0\.1:\d+ does not end with \/xml/);
      equal(world.mserver.requests.length, before, "mServer was not asked");
      await Deno.stat(join(dir, "config.toml")).then(() => ok(false, "nothing saved"), () => {});
    });

    await t.step("a config.toml edited to a URL without /xml: the check says so first", async () => {
      const dir = await tempDataDir();
      equal((await runCli(["--dir", dir, "init", "--non-interactive"], { env: env(world) })).code, 0);
      const path = join(dir, "config.toml");
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(path, text.replace(world.mserver.xmlUrl, world.mserver.url));
      const before = world.mserver.requests.length;
      const sync = await runCli(["--dir", dir, "sync", "flowii"]);
      equal(sync.code, 2, sync.stderr);
      match(sync.stderr, /\[pohoda\] url .* does not end with \/xml/);
      match(sync.stderr, /enter the URL with \/xml at the end/);
      equal(world.mserver.requests.length, before, "the password was not tried");
    });

    await t.step("mServer of another company", async () => {
      const result = await init(world, { SPOJKA_POHODA_ICO: "45274649" }, 4);
      match(
        result.stderr,
        new RegExp(`serves the accounting unit with IČO ${ICO}.*but \\[pohoda\\] ico is 45274649`),
      );
    });

    await t.step("wrong passwords and API key", async () => {
      const result = await init(world, {
        SPOJKA_POHODA_PASSWORD: "spatne-heslo",
        SPOJKA_FLOWII_API_KEY: "spatny-kluc",
      }, 4);
      match(result.stderr, /These 2 checks failed/);
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
      const init = async (extra: Record<string, string>, code: 0 | 4 = 4) => {
        const result = await runCli(["--dir", await tempDataDir(), "init", "--non-interactive"], {
          env: { ...base, ...extra },
        });
        equal(result.code, code, result.stderr);
        return result;
      };
      await t.step(`${platform}: both answer, and the notification URL and key are shown`, async () => {
        const result = await init({}, 0);
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
