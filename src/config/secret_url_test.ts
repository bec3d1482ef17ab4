import { doesNotMatch, equal, match, ok, rejects, throws } from "node:assert/strict";
import { join } from "node:path";
import { stringify } from "smol-toml";
import type { ConfigError } from "../core/errors.ts";
import { redact } from "../core/redact.ts";
import { readConfig, writeConfig } from "./file.ts";
import { createKey } from "./keyfile.ts";
import { seal, Secret } from "./secret.ts";
import { openSecret, SecretUrl } from "./secret_url.ts";
import { testConfig } from "./_testing.ts";

/** A Slack-style webhook: the path is the token. */
const TOKEN_PATH = "/services/T0SPOJKA1/B0ALERTS2/q7Xn3vKd9PzLw2Rt";
const URL_TEXT = `https://hooks.slack.com${TOKEN_PATH}`;

async function folder() {
  const dir = await Deno.makeTempDir({ prefix: "spojka-webhook-url-" });
  return { dir, config: join(dir, "config.toml"), key: join(dir, "spojka.key") };
}

const noEnv = () => undefined;

Deno.test("a secret URL shows only its origin, and its path is masked wherever it travels", () => {
  const url = new SecretUrl(URL_TEXT);
  equal(url.reveal(), URL_TEXT);
  equal(String(url), "https://hooks.slack.com/…");
  equal(JSON.stringify({ webhook_url: url }), '{"webhook_url":"https://hooks.slack.com/…"}');
  equal(Deno.inspect(url), "SecretUrl(https://hooks.slack.com/…)");
  const seen = [
    `error sending request for url (${URL_TEXT}): connection refused`,
    // A redirect names the same path under another origin; a server may echo it encoded.
    `redirects to http://hooks.slack.com${TOKEN_PATH}/`,
    `{"url":"${encodeURIComponent(URL_TEXT)}"}`,
    JSON.stringify({ url: URL_TEXT }).replaceAll("/", "\\/"),
  ];
  for (const text of seen) doesNotMatch(redact(text), /q7Xn3vKd9PzLw2Rt|T0SPOJKA1/, text);
});

Deno.test("a URL key's text that is not a URL is refused with the key or the variable, never the value", () => {
  equal(openSecret(["alerts", "webhook_secret"], "any text", { config: "encrypted" }).constructor, Secret);
  ok(openSecret(["alerts", "webhook_url"], URL_TEXT, { config: "encrypted" }) instanceof SecretUrl);
  throws(
    () => openSecret(["alerts", "webhook_url"], "hooks.slack.com/xyz-Token-91", { config: "encrypted" }),
    (
      e: ConfigError,
    ) => {
      match(
        e.message,
        /^\[alerts\] webhook_url in config\.toml, once decrypted, must be an http:\/\/ or https:\/\/ URL/,
      );
      match(e.hint!, /spojka init/);
      doesNotMatch(e.message + e.hint, /xyz-Token-91/);
      return true;
    },
  );
  throws(
    () =>
      openSecret(["alerts", "webhook_url"], "ftp://x/xyz-Token-91", { variable: "SPOJKA_ALERT_WEBHOOK_URL" }),
    (
      e: ConfigError,
    ) => {
      match(e.message, /^SPOJKA_ALERT_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/);
      doesNotMatch(e.message + e.hint, /xyz-Token-91/);
      return true;
    },
  );
});

Deno.test("webhook_url is written encrypted and read back whole; the variable overrides it, checked", async () => {
  const paths = await folder();
  const key = await createKey(paths.key);
  const config = testConfig();
  config.alerts = {
    webhook_url: new SecretUrl(URL_TEXT),
    smtp_security: "starttls",
    repeat_hours: 24,
    timeout_seconds: 30,
  };
  await writeConfig(paths.config, config, key);
  const text = await Deno.readTextFile(paths.config);
  match(text, /webhook_url = "enc:v1:/);
  ok(!text.includes("hooks.slack.com") && !text.includes("T0SPOJKA1"), text);
  const back = (await readConfig(paths, { env: noEnv }))!;
  ok(back.alerts!.webhook_url instanceof SecretUrl);
  equal(back.alerts!.webhook_url.reveal(), URL_TEXT);
  equal(back.alerts!.webhook_url.unencrypted, false);

  const other = "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k-1&token=t-2";
  const overridden = await readConfig(paths, { env: (name) => ({ SPOJKA_ALERT_WEBHOOK_URL: other })[name] });
  equal(overridden!.alerts!.webhook_url!.reveal(), other);
  equal(String(overridden!.alerts!.webhook_url), "https://chat.googleapis.com/…");
  await rejects(
    readConfig(paths, { env: (name) => ({ SPOJKA_ALERT_WEBHOOK_URL: "chat.googleapis.com/v1" })[name] }),
    /SPOJKA_ALERT_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/,
  );
});

Deno.test("an encrypted webhook_url that is not a URL stops a run, and init asks for it again", async () => {
  const paths = await folder();
  const key = await createKey(paths.key);
  await writeConfig(paths.config, testConfig(), key);
  const sealed = await seal(key, "alerts.webhook_url", "not-a-url-Token-55");
  // E-mail alerts besides, so that only webhook_url is wrong and init keeps the section.
  const alerts = {
    webhook_url: sealed,
    email_to: "uctovnik@firma.cz",
    email_from: "spojka@firma.cz",
    smtp_host: "smtp.firma.cz",
  };
  await Deno.writeTextFile(
    paths.config,
    `${await Deno.readTextFile(paths.config)}\n${stringify({ alerts })}\n`,
  );
  await rejects(readConfig(paths, { env: noEnv }), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /\[alerts\] webhook_url in config\.toml, once decrypted, must be an http/);
    doesNotMatch(e.message, /Token-55/);
    return true;
  });
  const forInit = await readConfig(paths, { env: noEnv, unreadableSecrets: "drop" });
  equal(forInit!.alerts!.webhook_url, undefined);
  equal(forInit!.alerts!.email_to, "uctovnik@firma.cz");
});

Deno.test("a plain webhook_url, as the previous version wrote it, still works and is encrypted by the next write", async () => {
  const paths = await folder();
  const key = await createKey(paths.key);
  await writeConfig(paths.config, testConfig(), key);
  await Deno.writeTextFile(
    paths.config,
    `${await Deno.readTextFile(paths.config)}\n[alerts]\nwebhook_url = "${URL_TEXT}"\n`,
  );
  const config = (await readConfig(paths, { env: noEnv }))!;
  const url = config.alerts!.webhook_url!;
  equal(url.reveal(), URL_TEXT);
  equal(url.unencrypted, true);
  equal(JSON.stringify(url), '"https://hooks.slack.com/… (not encrypted yet: run spojka init)"');

  await writeConfig(paths.config, config, key);
  const text = await Deno.readTextFile(paths.config);
  match(text, /webhook_url = "enc:v1:/);
  ok(!text.includes("T0SPOJKA1"), text);
  const back = (await readConfig(paths, { env: noEnv }))!;
  equal(back.alerts!.webhook_url!.reveal(), URL_TEXT);
  equal(back.alerts!.webhook_url!.unencrypted, false);
});

Deno.test("a plain webhook_url that is not a URL is refused without quoting it", async () => {
  const paths = await folder();
  await writeConfig(paths.config, testConfig(), await createKey(paths.key));
  await Deno.writeTextFile(
    paths.config,
    `${await Deno.readTextFile(paths.config)}\n[alerts]\nwebhook_url = "hooks.slack.com/Token-66"\n`,
  );
  await rejects(readConfig(paths, { env: noEnv }), (e: ConfigError) => {
    match(e.message, /\[alerts\] webhook_url: must be an http:\/\/ or https:\/\/ URL, stored encrypted/);
    doesNotMatch(e.message, /Token-66/);
    return true;
  });
});
