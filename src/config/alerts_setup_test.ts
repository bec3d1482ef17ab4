import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import type { ConfigError } from "../core/errors.ts";
import { setups } from "../connectors/config.ts";
import { checkAnswer } from "./questions.ts";
import { configSchema } from "../connectors/config.ts";
import { SecretUrl } from "./secret_url.ts";
import { askConfig, configFromEnv, type Prompter } from "./setup.ts";
import { describeIssues } from "./issues.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

const emailEnv = {
  SPOJKA_ALERT_EMAIL_TO: "uctovnik@firma.cz, spravce@firma.cz",
  SPOJKA_ALERT_EMAIL_FROM: "spojka@firma.cz",
  SPOJKA_SMTP_HOST: "smtp.firma.cz",
  SPOJKA_SMTP_USER: "spojka@firma.cz",
  SPOJKA_SMTP_PASSWORD: "smtp-Heslo-42",
};

/** The config as `init` writes it: validated (and coerced) by the schema, secrets still in memory. */
function validate(config: unknown) {
  return configSchema().safeParse(JSON.parse(JSON.stringify(config, (_key, value) =>
    // A secret serialises as a mask (a URL as its origin); as written it is sealed, which the schema
    // checks by shape only.
    value === "********" || String(value).endsWith("/…") ? "enc:v1:AAAA" : value)));
}

Deno.test("alerts from SPOJKA_* variables: STARTTLS on 587 unless told otherwise, the password kept secret", () => {
  const { config, connectors } = configFromEnv(envOf(emailEnv), null);
  deepEqual(connectors, ["alerts"]);
  equal(config.alerts!.smtp_security, "starttls");
  equal(String(config.alerts!.smtp_port), "587");
  equal(config.alerts!.smtp_password!.reveal(), "smtp-Heslo-42");
  ok(!JSON.stringify(config).includes("smtp-Heslo-42"));
  const written = validate(config);
  ok(written.success, JSON.stringify(written.error?.issues));
  equal(written.data.alerts!.smtp_port, 587, "written as a number");
  equal(written.data.alerts!.repeat_hours, 24);
});

Deno.test("alerts need somewhere to go, and a password never travels unencrypted off this machine", () => {
  const nowhere = validate({ version: 1, alerts: { repeat_hours: 24 } });
  ok(!nowhere.success);
  equal(
    describeIssues(nowhere.error.issues, configSchema())[0],
    "[alerts] email_to: is missing, and so is webhook_url: where should alerts go? Run spojka init",
  );
  const env = { ...emailEnv, SPOJKA_SMTP_SECURITY: "none", SPOJKA_SMTP_PORT: "25" };
  const remote = validate(configFromEnv(envOf(env), null).config);
  ok(!remote.success);
  match(remote.error.issues[0].message, /would send the SMTP password unencrypted/);
  ok(validate(configFromEnv(envOf({ ...env, SPOJKA_SMTP_HOST: "127.0.0.1" }), null).config).success);
  const webhookOnly = configFromEnv(envOf({ SPOJKA_ALERT_WEBHOOK_URL: "https://hooks.firma.cz/x" }), null);
  ok(validate(webhookOnly.config).success);
  equal(webhookOnly.config.alerts!.smtp_host, undefined, "no e-mail questions without an address");
});

Deno.test("the wizard offers alerts unticked on a first setup, and asks the webhook secret only for a URL", async () => {
  const offered: { value: string; checked: boolean }[] = [];
  const answers: (string | string[])[] = [["alerts"], "", "https://hooks.firma.cz/spojka", "hook-secret-9"];
  const asked: string[] = [];
  const hidden: string[] = [];
  const next = (message: string) => (asked.push(message), Promise.resolve(answers.shift()!));
  const prompter: Prompter = {
    text: (message) => next(message) as Promise<string>,
    secret: (message) => (hidden.push(message), next(message) as Promise<string>),
    select: (message) => next(message) as Promise<string>,
    yesNo: () => Promise.reject(new Error("nothing to change on a first setup")),
    choose: (_message, choices) => (offered.push(...choices), next("choose") as Promise<string[]>),
  };
  const { config } = await askConfig(prompter, null, () => {});
  deepEqual(offered.map((c) => [c.value, c.checked]), [["flowii", true], ["stock", true], ["alerts", false]]);
  equal(asked.length, 4, asked.join(" | "));
  deepEqual(hidden.map((label) => label.split(" ")[1]), ["URL", "secret"], "the URL is typed hidden too");
  ok(config.alerts!.webhook_url instanceof SecretUrl);
  equal(config.alerts!.webhook_url.reveal(), "https://hooks.firma.cz/spojka");
  equal(config.alerts!.webhook_secret!.reveal(), "hook-secret-9");
  equal(config.alerts!.email_to, undefined);
});

Deno.test("the webhook URL is a secret: checked as a URL when entered, and kept out of the config's text", () => {
  const question = setups().flatMap((s) => s.questions).find((q) => q.key === "webhook_url")!;
  equal(question.secret, true);
  equal(checkAnswer(question, "", {}), undefined, "no webhook");
  equal(checkAnswer(question, "https://hooks.slack.com/services/T1/B2/abc", {}), undefined);
  match(
    checkAnswer(question, "hooks.slack.com/services/T1/B2/abc", {})!,
    /must be an http:\/\/ or https:\/\/ URL/,
  );
  throws(
    () => configFromEnv(envOf({ SPOJKA_ALERT_WEBHOOK_URL: "ftp://hooks.firma.cz/Token-31" }), null),
    (e: ConfigError) => {
      match(e.message, /SPOJKA_ALERT_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/);
      ok(!e.message.includes("Token-31"));
      return true;
    },
  );
  const url = "https://outlook.office.com/webhook/abc-Token-32/IncomingWebhook/def";
  const { config } = configFromEnv(envOf({ SPOJKA_ALERT_WEBHOOK_URL: url }), null);
  equal(config.alerts!.webhook_url!.reveal(), url);
  equal(JSON.stringify(config).includes("Token-32"), false);
  match(JSON.stringify(config), /"webhook_url":"https:\/\/outlook\.office\.com\/…"/);
});
