import { deepEqual, equal, match, notEqual, ok, throws } from "node:assert/strict";
import type { ConfigError } from "../core/errors.ts";
import { parseYesNo } from "./questions.ts";
import { testConfig } from "./_testing.ts";
import { askConfig, configFromEnv, type Prompter } from "./setup.ts";

const fullEnv: Record<string, string> = {
  SPOJKA_FLOWII_USER: "uctovnik@firma.sk",
  SPOJKA_FLOWII_PASSWORD: "fp",
  SPOJKA_FLOWII_API_KEY: "fk",
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_PASSWORD: "pp",
  SPOJKA_POHODA_ICO: "12345679",
};
const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("non-interactive setup takes every value from SPOJKA_* variables, with defaults for URLs", () => {
  const { config, connectors, warnings } = configFromEnv(envOf(fullEnv), null);
  deepEqual(connectors, ["flowii"]);
  deepEqual(warnings, []);
  equal(config.flowii!.base_url, "https://api.flowii.com");
  equal(config.pohoda!.url, "http://127.0.0.1:444/xml");
  equal(config.pohoda!.password.reveal(), "pp");
  equal(config.flowii!.company_id, undefined);
});

Deno.test("POHODA without mServer from SPOJKA_* variables: Pohoda.exe to start, folders by default in the data folder", () => {
  const env = {
    ...fullEnv,
    SPOJKA_POHODA_TRANSPORT: "xml-folder",
    SPOJKA_POHODA_EXE: "C:\\POHODA\\Pohoda.exe",
  };
  const { config } = configFromEnv(envOf(env), null);
  const { transport, exe, input_dir, response_dir, database, url } = config.pohoda!;
  deepEqual({ transport, exe, input_dir, response_dir, database, url }, {
    transport: "xml-folder",
    exe: "C:\\POHODA\\Pohoda.exe",
    input_dir: undefined,
    response_dir: undefined,
    database: undefined,
    url: undefined,
  });
  const folders = configFromEnv(envOf({ ...env, SPOJKA_POHODA_INPUT_DIR: "D:\\xml\\in" }), null).config;
  equal(folders.pohoda!.input_dir, "D:\\xml\\in");
  throws(
    () => configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_TRANSPORT: "files" }), null),
    /SPOJKA_POHODA_TRANSPORT/,
  );
});

Deno.test("a missing variable is named", () => {
  const { SPOJKA_POHODA_ICO: _, ...rest } = fullEnv;
  throws(() => configFromEnv(envOf(rest), null), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /SPOJKA_POHODA_ICO is not set/);
    return true;
  });
});

Deno.test("an invalid value is named with its variable", () => {
  throws(
    () => configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_URL: "127.0.0.1:444" }), null),
    /SPOJKA_POHODA_URL must be an http/,
  );
  throws(
    () => configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_ICO: "1234" }), null),
    /SPOJKA_POHODA_ICO must be 8 digits, e\.g\. 12345678/,
  );
});

Deno.test("no variables at all is an error listing what to set", () => {
  throws(() => configFromEnv(envOf({}), null), (e: ConfigError) => {
    match(e.message, /no SPOJKA_\* variables are set/);
    match(e.hint!, /SPOJKA_FLOWII_USER/);
    return true;
  });
});

Deno.test("an IČO with a wrong check digit is accepted with a warning", () => {
  const { config, warnings } = configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_ICO: "12345678" }), null);
  equal(config.pohoda!.ico, "12345678");
  equal(warnings.length, 1);
  match(warnings[0], /12345678 fails the mod-11 check/);
});

Deno.test("yes and no in English, Czech and Slovak", () => {
  for (const yes of ["y", "Yes", "a", "ANO", "áno"]) equal(parseYesNo(yes), true, yes);
  for (const no of ["n", "no", "ne", "Nie"]) equal(parseYesNo(no), false, no);
  equal(parseYesNo("maybe"), undefined);
});

/** Answers questions from a script and records what was asked. */
function scripted(answers: (string | boolean | string[])[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    return Promise.resolve(answers.shift()!);
  };
  return {
    asked,
    text: (message, { validate }) =>
      next(message).then((a) => {
        equal(validate(a as string), undefined, `answer to ${message} should be valid`);
        return a as string;
      }),
    secret: (message) => next(message) as Promise<string>,
    yesNo: (message) => next(message) as Promise<boolean>,
    select: (message, choices) =>
      next(message).then((a) => {
        equal(choices.includes(a as string), true, `${a} is one of ${choices}`);
        return a as string;
      }),
    choose: (message) => next(message) as Promise<string[]>,
  };
}

Deno.test("the wizard asks every value on first use", async () => {
  const prompter = scripted([
    ["flowii"],
    "https://api.flowii.com",
    "uctovnik@firma.sk",
    "fp",
    "fk",
    "",
    "mserver",
    "http://127.0.0.1:444/xml",
    "spojka",
    "pp",
    "12345679",
  ]);
  const { config } = await askConfig(prompter, null, () => {});
  equal(prompter.asked.length, 11);
  equal(config.flowii!.api_key.reveal(), "fk");
  equal(config.pohoda!.ico, "12345679");
});

Deno.test("on a second run the wizard shows each value, secrets masked, and changes only what the user asks", async () => {
  const current = testConfig({ flowiiPassword: "old-flowii-password", pohodaPassword: "old-pohoda" });
  current.flowii!.user = "old@firma.sk";
  // Keep everything except the POHODA password; the unset company id is offered like the others.
  const prompter = scripted([
    ["flowii"],
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    true,
    "new-pohoda",
    false,
  ]);
  const shown: string[] = [];
  const { config } = await askConfig(prompter, current, (line) => shown.push(line));
  equal(config.pohoda!.password.reveal(), "new-pohoda");
  equal(config.flowii!.password.reveal(), "old-flowii-password");
  equal(config.flowii!.user, "old@firma.sk");
  ok(shown.some((line) => line.includes("FLOWii password: ********")));
  ok(!shown.join("\n").includes("old-flowii-password"));
});

const stockEnv: Record<string, string> = {
  SPOJKA_KROS_TOKEN: "kros-token",
  SPOJKA_ESHOP_PLATFORM: "shoptet",
  SPOJKA_SHOPTET_TOKEN: "shoptet-token",
};

Deno.test("the stock connector from SPOJKA_* variables: Shoptet's address and the rest have defaults", () => {
  const { config, connectors } = configFromEnv(envOf(stockEnv), null);
  deepEqual(connectors, ["stock"]);
  equal(config.eshop!.url, "https://api.myshoptet.com");
  equal(config.eshop?.platform === "shoptet" && config.eshop.shoptet_token!.reveal(), "shoptet-token");
  deepEqual({ match: config.stock!.match_by, quantity: config.stock!.quantity }, {
    match: "code",
    quantity: "max",
  });
  equal(config.flowii, undefined);
});

Deno.test("the notification key is generated once and kept on later runs", () => {
  const first = configFromEnv(envOf(stockEnv), null).config;
  const key = first.kros!.notify_key.reveal();
  match(key, /^[A-Za-z0-9_-]{48}$/);
  equal(configFromEnv(envOf(stockEnv), first).config.kros!.notify_key.reveal(), key);
  notEqual(configFromEnv(envOf(stockEnv), null).config.kros!.notify_key.reveal(), key);
});

Deno.test("WooCommerce needs its key and secret, and https", () => {
  const woo = { ...stockEnv, SPOJKA_ESHOP_PLATFORM: "woocommerce", SPOJKA_ESHOP_URL: "https://obchod.sk" };
  throws(() => configFromEnv(envOf(woo), null), /SPOJKA_WOO_KEY, SPOJKA_WOO_SECRET are not set/);
  throws(
    () => configFromEnv(envOf({ ...woo, SPOJKA_ESHOP_PLATFORM: "woocommerce" }), null),
    /SPOJKA_WOO_KEY/,
  );
  const full = { ...woo, SPOJKA_WOO_KEY: "ck_1", SPOJKA_WOO_SECRET: "cs_1" };
  equal(
    "shoptet_token" in configFromEnv(envOf(full), null).config.eshop!,
    false,
    "no Shoptet token for WooCommerce",
  );
  throws(
    () => configFromEnv(envOf({ ...full, SPOJKA_ESHOP_URL: "http://obchod.sk" }), null),
    /SPOJKA_ESHOP_URL must be https:\/\/ for WooCommerce/,
  );
  throws(
    () => configFromEnv(envOf({ ...full, SPOJKA_STOCK_QUANTITY: "avg" }), null),
    /SPOJKA_STOCK_QUANTITY/,
  );
});

Deno.test("the wizard asks only what the chosen platform needs, and drops the other platform's credentials", async () => {
  const shoptet = configFromEnv(envOf(stockEnv), null).config;
  // Keep KROS; switch the platform to WooCommerce and answer its questions; keep the stock settings.
  const prompter = scripted([
    ["stock"],
    false,
    false,
    true,
    "woocommerce",
    true,
    "https://obchod.sk",
    "ck_1",
    "cs_1",
    false,
    false,
    false,
  ]);
  const { config } = await askConfig(prompter, shoptet, () => {});
  equal(config.eshop!.platform, "woocommerce");
  ok(!("shoptet_token" in config.eshop!));
  equal(config.eshop?.platform === "woocommerce" && config.eshop.woo_secret!.reveal(), "cs_1");
  ok(!prompter.asked.includes("Shoptet private API token"), "no Shoptet token asked for WooCommerce");
  const address = prompter.asked.find((q) => q.includes("address"))!;
  match(address, /WooCommerce shop address/);
  ok(!address.includes("Shoptet"), `the address prompt speaks of the chosen platform only: ${address}`);
});

Deno.test("Shoptet's address prompt does not mention WooCommerce", async () => {
  const prompter = scripted([
    ["stock"],
    "https://api-economy.kros.sk/api",
    "kros-token",
    "shoptet",
    "https://api.myshoptet.com",
    "shoptet-token",
    "code",
    "max",
    "",
  ]);
  await askConfig(prompter, null, () => {});
  const address = prompter.asked.find((q) => q.includes("address"))!;
  match(address, /Shoptet API address/);
  ok(!prompter.asked.some((q) => q.includes("WooCommerce")), prompter.asked.join(" | "));
});

Deno.test("an optional value is offered like the others: n keeps it, - clears it, and n is never its value", async () => {
  const stock = configFromEnv(envOf({ ...stockEnv, SPOJKA_STOCK_WAREHOUSE: "HLAVNY" }), null).config;
  equal(stock.stock!.warehouse, "HLAVNY");
  const keepAllBut = (
    warehouse: (string | boolean)[],
  ) => [["stock"], false, false, false, false, false, false, false, ...warehouse];
  const shown: string[] = [];
  const kept = await askConfig(scripted(keepAllBut([false])), stock, (line) => shown.push(line));
  equal(kept.config.stock!.warehouse, "HLAVNY");
  ok(shown.some((line) => /Only this KROS warehouse .*: HLAVNY/.test(line)));
  const prompter = scripted(keepAllBut([true, "-"]));
  const cleared = (await askConfig(prompter, stock, () => {})).config;
  equal(cleared.stock!.warehouse, undefined);
  match(prompter.asked.at(-1)!, /\(- clears it\)/, "the prompt says how to clear it");
  // Unset, it is still offered with "Change it?", so "n" is an answer to that question.
  const unset = await askConfig(scripted(keepAllBut([false])), cleared, (line) => shown.push(line));
  equal(unset.config.stock!.warehouse, undefined);
  ok(shown.some((line) => /Only this KROS warehouse .*: \(not set\)/.test(line)));
  // The same way from a script: "-" clears.
  equal(
    configFromEnv(envOf({ ...stockEnv, SPOJKA_STOCK_WAREHOUSE: "-" }), stock).config.stock!.warehouse,
    undefined,
  );
});

Deno.test("an IČO typed with spaces is taken as its 8 digits; a wrong one is told as an answer, not as TOML", () => {
  const { config } = configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_ICO: " 123 45 679 " }), null);
  equal(config.pohoda!.ico, "12345679");
  throws(() => configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_ICO: "123 45" }), null), (e: ConfigError) => {
    match(e.message, /SPOJKA_POHODA_ICO must be 8 digits/);
    ok(!e.message.includes("ico ="), e.message);
    return true;
  });
});

Deno.test("an mServer URL without /xml is refused as it is typed", () => {
  throws(
    () => configFromEnv(envOf({ ...fullEnv, SPOJKA_POHODA_URL: "http://127.0.0.1:444" }), null),
    /SPOJKA_POHODA_URL http:\/\/127\.0\.0\.1:444 does not end with \/xml/,
  );
});
