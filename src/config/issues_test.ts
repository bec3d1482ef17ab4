import { match } from "node:assert/strict";
import type { ConfigError } from "../core/errors.ts";
import { type Language, setLanguage } from "../i18n/mod.ts";
import { setups } from "../connectors/config.ts";
import { parseConfigText } from "./file.ts";
import { checkAnswer } from "./questions.ts";
import { configText } from "./_testing.ts";

/** The message of the error `text` is refused with, in `language`. */
function refusal(text: string, language: Language = "en"): string {
  setLanguage(language);
  try {
    parseConfigText(text, "config.toml");
  } catch (e) {
    return (e as ConfigError).message + "\n" + (e as ConfigError).hint;
  } finally {
    setLanguage("en");
  }
  throw new Error("the config was accepted");
}

Deno.test("a value out of range, a fraction, an empty text and a wrong path say what the value must be", () => {
  const message = refusal(configText({
    flowii: 'max_attempts = 11\nmax_item_mb = 1.5\next_system = ""\n[flowii.endpoints]\ntoken = "token"',
    pohoda: "batch_size = 0",
  }));
  match(message, /config\.toml has 5 errors:/);
  match(message, /\[flowii\] max_attempts: must be at most 10\n/);
  match(message, /\[flowii\] max_item_mb: must be a whole number, not the number 1\.5\n/);
  match(message, /\[flowii\] ext_system: must not be empty\n/);
  match(message, /\[flowii\.endpoints\] token: must start with "\/"\n/);
  match(message, /\[pohoda\] batch_size: must be at least 1\n/);
});

Deno.test("in Czech: an unknown key, a wrong type and a value out of range, with how to fix each", () => {
  const message = refusal(
    configText({ pohoda: 'batch_sise = 10\nmax_attempts = "3"\ntimeout_seconds = 1' }),
    "cs",
  );
  match(message, /^config\.toml obsahuje 3 chyby:/);
  match(message, /neznámý klíč „batch_sise“ v \[pohoda\]: nemysleli jste „batch_size“\?/);
  match(message, /\[pohoda\] max_attempts: musí být číslo bez uvozovek, ne text „3“/);
  match(message, /\[pohoda\] timeout_seconds: musí být alespoň 5/);
  match(message, /spojka help config popisuje každý klíč/);
});

Deno.test("in Slovak: a missing key, a fraction and a rule of the section", () => {
  const message = refusal(
    configText({ pohoda: "max_attempts = 2.5" }).replace('user = "spojka"\n', "") +
      '[alerts]\nemail_to = "uctovnik@firma.sk"\nsmtp_host = "smtp.firma.sk"\n',
    "sk",
  );
  match(message, /^config\.toml obsahuje 3 chyby:/);
  match(message, /\[pohoda\] user: chýba/);
  match(message, /\[pohoda\] max_attempts: musí byť celé číslo, nie číslo 2\.5/);
  match(message, /\[alerts\] email_from: chýba: upozornenia e-mailom potrebujú adresu odosielateľa/);
});

Deno.test("init's answers are refused in the user's words too", () => {
  const question = (key: string) => setups().flatMap((s) => s.questions).find((q) => q.key === key)!;
  setLanguage("cs");
  try {
    match(
      checkAnswer(question("platform"), "magento", {})!,
      /^musí být jedna z hodnot "shoptet", "woocommerce"$/,
    );
    match(checkAnswer(question("user"), "  ", {})!, /^nesmí být prázdné$/);
  } finally {
    setLanguage("en");
  }
  match(checkAnswer(question("user"), "  ", {})!, /^must not be empty$/);
});
