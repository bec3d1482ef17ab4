import { deepEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import { join } from "node:path";
import type { ConfigError } from "../core/errors.ts";
import { parseConfigText, readConfig, writeConfig } from "./file.ts";
import { createKey } from "./keyfile.ts";
import type { Config } from "../connectors/config.ts";
import { testConfig } from "./_testing.ts";
import { setLanguage } from "../i18n/mod.ts";

async function folder() {
  const dir = await Deno.makeTempDir({ prefix: "spojka-config-" });
  return { dir, config: join(dir, "config.toml"), key: join(dir, "spojka.key") };
}

const sample = (): Config => testConfig();

const noEnv = () => undefined;

Deno.test("a written config reads back the same and holds no secret in plain text", async () => {
  const paths = await folder();
  const key = await createKey(paths.key);
  await writeConfig(paths.config, sample(), key);
  const text = await Deno.readTextFile(paths.config);
  for (const plain of ["flowii-password-1", "flowii-api-key-2", "pohoda-password-3"]) {
    ok(!text.includes(plain), plain);
  }
  match(text, /password = "enc:v1:/);
  const back = (await readConfig(paths, { env: noEnv }))!;
  equal(back.flowii!.password.reveal(), "flowii-password-1");
  equal(back.flowii!.api_key.reveal(), "flowii-api-key-2");
  equal(back.pohoda!.password.reveal(), "pohoda-password-3");
  equal(back.pohoda!.ico, "12345679");
  equal(back.pohoda!.batch_size, 50);
});

Deno.test("a config without a key file cannot be read, and the message says what to do", async () => {
  const paths = await folder();
  await writeConfig(paths.config, sample(), await createKey(paths.key));
  await Deno.remove(paths.key);
  await rejects(readConfig(paths, { env: noEnv }), (e: ConfigError) => {
    match(e.message, /spojka\.key is missing/);
    match(e.hint!, /spojka init/);
    return true;
  });
});

Deno.test("a hand-edited secret is refused with its key and the way out", async () => {
  const paths = await folder();
  await writeConfig(paths.config, sample(), await createKey(paths.key));
  const text = await Deno.readTextFile(paths.config);
  const start = text.indexOf("enc:v1:", text.indexOf("[pohoda]")) + 10;
  await Deno.writeTextFile(
    paths.config,
    text.slice(0, start) + (text[start] === "A" ? "B" : "A") + text.slice(start + 1),
  );
  await rejects(readConfig(paths, { env: noEnv }), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /\[pohoda\] password .*cannot be decrypted/);
    match(e.hint!, /run spojka init to change it/i);
    return true;
  });
});

Deno.test("a secret typed into the file in plain text is refused", () => {
  const text = `version = 1
[flowii]
user = "u"
password = "plain"
api_key = "enc:v1:AAAA"
[pohoda]
user = "u"
password = "enc:v1:AAAA"
ico = "12345679"
`;
  throws(() => parseConfigText(text, "config.toml"), (e: ConfigError) => {
    match(e.message, /\[flowii\] password: is not an encrypted value.*run spojka init/);
    return true;
  });
});

Deno.test("schema errors name the key and how to fix it", () => {
  const text = `version = 1
[flowii]
base_url = "ftp://example.com"
user = "u"
password = "enc:v1:AAAA"
api_key = "enc:v1:AAAA"
compnay_id = "7"
[pohoda]
user = "u"
password = "enc:v1:AAAA"
ico = 12345679
`;
  throws(() => parseConfigText(text, "config.toml"), (e: ConfigError) => {
    const message = e.message;
    match(message, /config\.toml has 3 errors/);
    match(
      message,
      /\[flowii\] base_url: must be an http:\/\/ or https:\/\/ URL such as https:\/\/api\.flowii\.com/,
    );
    match(message, /unknown key "compnay_id" in \[flowii\]: did you mean "company_id"\?/);
    match(message, /\[pohoda\] ico: must be text; put the value in quotes: ico = "12345679"/);
    return true;
  });
});

Deno.test("a TOML syntax error names the line", () => {
  throws(() => parseConfigText('version = 1\n[pohoda\nuser = "x"\n', "config.toml"), (e: ConfigError) => {
    match(e.message, /config\.toml is not valid TOML \(line 2, column \d+\)/);
    return true;
  });
});

Deno.test("in Czech, a TOML syntax error says where without the parser's English", () => {
  setLanguage("cs");
  try {
    throws(() => parseConfigText('version = 1\n[pohoda\nuser = "x"\n', "config.toml"), (e: ConfigError) => {
      match(e.message, /^config\.toml není platný TOML: chyba zápisu na řádku 2, ve sloupci \d+$/);
      match(e.hint!, /Opravte tento řádek/);
      return true;
    });
  } finally {
    setLanguage("en");
  }
});

Deno.test("FLOWii without POHODA is reported as incomplete", () => {
  const text = 'version = 1\n[flowii]\nuser = "u"\npassword = "enc:v1:AAAA"\napi_key = "enc:v1:AAAA"\n';
  throws(() => parseConfigText(text, "config.toml"), (e: ConfigError) => {
    match(
      e.message,
      /pohoda: is missing: the FLOWii → POHODA connector needs \[flowii\], \[pohoda\]; run spojka init/,
    );
    return true;
  });
});

Deno.test("[pohoda] alone is valid: it belongs to the POHODA target, which waits for a source", () => {
  const text = 'version = 1\n[pohoda]\nuser = "spojka"\npassword = "enc:v1:AAAA"\nico = "12345679"\n';
  const config = parseConfigText(text, "config.toml");
  equal(config.pohoda?.ico, "12345679");
  equal(config.flowii, undefined);
});

Deno.test("[eshop] alone is valid too; KROS without the shop is incomplete", () => {
  const eshop =
    '[eshop]\nplatform = "shoptet"\nurl = "https://api.myshoptet.com"\nshoptet_token = "enc:v1:AAAA"\n';
  equal(parseConfigText(`version = 1\n${eshop}`, "config.toml").eshop?.platform, "shoptet");
  const kros = '[kros]\ntoken = "enc:v1:AAAA"\nnotify_key = "enc:v1:AAAA"\n';
  throws(() => parseConfigText(`version = 1\n${kros}`, "config.toml"), (e: ConfigError) => {
    match(e.message, /eshop: is missing: the KROS → e-shop connector needs \[kros\], \[eshop\], \[stock\]/);
    match(e.message, /stock: is missing: the KROS → e-shop connector needs/);
    return true;
  });
});

Deno.test("a WooCommerce [eshop] as the previous version wrote it, with Shoptet's shoptet_field, still loads", () => {
  const woo = '[eshop]\nplatform = "woocommerce"\nurl = "https://obchod.sk"\nshoptet_field = "realStock"\n' +
    'woo_key = "enc:v1:AAAA"\nwoo_secret = "enc:v1:AAAA"\n';
  const config = parseConfigText(`version = 1\n${woo}`, "config.toml");
  deepEqual(config.eshop && Object.keys(config.eshop).sort(), [
    "max_attempts",
    "platform",
    "timeout_seconds",
    "url",
    "woo_key",
    "woo_secret",
  ]);
});

Deno.test("[eshop] names an unknown platform, and a typo with the key of any platform it probably means", () => {
  const shop = (lines: string) => `version = 1\n[eshop]\nurl = "https://obchod.sk"\n${lines}`;
  throws(() => parseConfigText(shop('platform = "magento"\n'), "config.toml"), (e: ConfigError) => {
    match(e.message, /\[eshop\] platform: must be one of "shoptet", "woocommerce"/);
    return true;
  });
  throws(
    () => parseConfigText(shop('platform = "shoptet"\nshoptet_tokn = "enc:v1:AAAA"\n'), "config.toml"),
    (e: ConfigError) => {
      match(e.message, /unknown key "shoptet_tokn" in \[eshop\]: did you mean "shoptet_token"\?/);
      match(e.message, /\[eshop\] shoptet_token: is missing for shoptet; run spojka init/);
      return true;
    },
  );
});

Deno.test("SPOJKA_* secret variables override stored secrets in memory, never on disk", async () => {
  const paths = await folder();
  await writeConfig(paths.config, sample(), await createKey(paths.key));
  const before = await Deno.readTextFile(paths.config);
  const env = (name: string) =>
    ({ SPOJKA_POHODA_PASSWORD: "from-the-environment" } as Record<string, string>)[name];
  const config = (await readConfig(paths, { env }))!;
  equal(config.pohoda!.password.reveal(), "from-the-environment");
  equal(config.flowii!.password.reveal(), "flowii-password-1");
  equal(await Deno.readTextFile(paths.config), before);
});

Deno.test("init can read a config whose secrets are lost, to ask for them again", async () => {
  const paths = await folder();
  await writeConfig(paths.config, sample(), await createKey(paths.key));
  await Deno.remove(paths.key);
  const config = (await readConfig(paths, { env: noEnv, unreadableSecrets: "drop" }))!;
  equal(config.pohoda!.password, undefined);
  deepEqual({ user: config.pohoda!.user, ico: config.pohoda!.ico }, { user: "spojka", ico: "12345679" });
});

Deno.test("no config file reads as null", async () => {
  equal(await readConfig(await folder(), { env: noEnv }), null);
});
