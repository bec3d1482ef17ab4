import { equal } from "node:assert/strict";
import { chooseLanguage, configLanguage, localeLanguage, optionValue, posixLocale } from "./choose.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];
const ui = (language: string) => () => Promise.resolve(language);

Deno.test("--lang beats the config, the config beats the locale", async () => {
  equal(await chooseLanguage({ option: "sk", config: "cs", env: env({ LANG: "en_US.UTF-8" }) }), "sk");
  equal(await chooseLanguage({ config: "cs", env: env({ LANG: "sk_SK.UTF-8" }) }), "cs");
  equal(await chooseLanguage({ env: env({ LANG: "sk_SK.UTF-8" }) }), "sk");
});

Deno.test("the system locale: LC_ALL, then LC_MESSAGES, then LANG, then the runtime's locale", async () => {
  equal(await chooseLanguage({ env: env({ LC_ALL: "cs_CZ.UTF-8", LANG: "sk_SK" }) }), "cs");
  equal(await chooseLanguage({ env: env({ LC_ALL: "", LC_MESSAGES: "sk_SK", LANG: "cs_CZ" }) }), "sk");
  equal(await chooseLanguage({ env: env({ LANG: "C" }), intlLocale: "cs-CZ" }), "en");
  equal(await chooseLanguage({ env: env({}), intlLocale: "cs-CZ" }), "cs");
  equal(await chooseLanguage({ env: env({}), intlLocale: "de-AT" }), "en");
  equal(await chooseLanguage({ env: env({}) }), "en");
});

Deno.test("the POSIX locale is the first non-empty variable; none set leaves the choice to Windows", () => {
  equal(posixLocale(env({ LC_ALL: "", LC_MESSAGES: "sk_SK", LANG: "cs_CZ" })), "sk_SK");
  equal(posixLocale(env({ LANG: "C" })), "C");
  equal(posixLocale(env({ LC_ALL: "", LANG: "" })), undefined);
});

Deno.test("on Windows the display language goes before the regional format", async () => {
  equal(await chooseLanguage({ env: env({}), uiLanguage: ui("sk-SK"), intlLocale: "cs-CZ" }), "sk");
  equal(await chooseLanguage({ env: env({}), uiLanguage: ui("en-US"), intlLocale: "cs-CZ" }), "en");
  equal(await chooseLanguage({ env: env({ LANG: "cs_CZ" }), uiLanguage: ui("en-US") }), "cs");
  equal(await chooseLanguage({ config: "cs", env: env({}), uiLanguage: ui("sk-SK") }), "cs");
  // The registry is read only when nothing before it decides.
  let asked = 0;
  const counted = () => (asked++, Promise.resolve("sk-SK"));
  await chooseLanguage({ option: "cs", env: env({}), uiLanguage: counted });
  await chooseLanguage({ config: "cs", env: env({}), uiLanguage: counted });
  await chooseLanguage({ env: env({ LANG: "cs_CZ" }), uiLanguage: counted });
  equal(asked, 0);
  equal(await chooseLanguage({ env: env({}), uiLanguage: counted }), "sk");
  equal(asked, 1);
});

Deno.test("locale names in their usual spellings", () => {
  equal(localeLanguage("cs_CZ.UTF-8"), "cs");
  equal(localeLanguage("sk-SK"), "sk");
  equal(localeLanguage("cs"), "cs");
  equal(localeLanguage("POSIX"), "en");
  equal(localeLanguage("de_DE@euro"), "en");
  equal(localeLanguage(""), undefined);
});

Deno.test("language is read from config.toml even when the rest of it is wrong", () => {
  equal(configLanguage('language = "sk"\nversion = 99\n[nonsense]\n'), "sk");
  equal(configLanguage('language = "de"\n'), undefined);
  equal(configLanguage("language = \n"), undefined);
});

Deno.test("global options are found before the command line is parsed", () => {
  equal(optionValue(["status", "--lang", "cs"], "--lang"), "cs");
  equal(optionValue(["--lang=sk", "sync"], "--lang"), "sk");
  equal(optionValue(["outbox", "show", "--", "--lang"], "--lang"), undefined);
});
