/**
 * The schema of config.toml, version 1. `config.example.toml` documents every key; a test keeps the
 * two in step. Secrets are stored sealed (see `secret.ts`) and arrive in memory as {@linkcode Secret}.
 *
 * @module
 */

import { z } from "zod";
import { m } from "../i18n/mod.ts";
import { looksEncrypted, type Secret } from "./secret.ts";
import type { SecretUrl } from "./secret_url.ts";

/** The config format version this program reads and writes. */
export const CONFIG_VERSION = 1;

/** A secret as it sits in config.toml, still encrypted. */
export class Sealed {
  constructor(readonly text: string) {}
}

/** A secret's key in its section's schema: text stored only encrypted. */
export const sealed = z
  .string()
  .refine(looksEncrypted, {
    error: () => m.configIssue.notEncrypted,
  })
  .transform((text) => new Sealed(text));

/** A sealed URL whose path is a secret (a chat webhook's token); in memory a {@linkcode SecretUrl}. */
export class SealedUrl extends Sealed {
  declare readonly kind: "url";
}

/**
 * A secret URL in plain text, as spojka wrote `webhook_url` before it was a secret: still read, so
 * alerts keep working after an update, and encrypted by the next `spojka init`.
 */
export class PlainUrl {
  declare readonly kind: "plain url";
  constructor(readonly text: string) {}
}

/** Whether `value` is an http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** An http(s) URL; `example` appears in the error message. */
export function httpUrl(example: string): z.ZodString {
  return z.string().refine(isHttpUrl, { error: () => m.configIssue.httpUrl(example) });
}

/** Text that is not blank (what it must be is said by src/config/issues.ts, in the user's language). */
export const nonEmpty = z.string().trim().min(1);

/** A whole number from `min` to `max`. */
export const count = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max);

/**
 * A secret, declared once: the schema of its key ({@linkcode secretField}), the variable that
 * overrides it at run time (and sets it for `init --non-interactive`) and `init`'s question all
 * derive from it.
 */
export interface SecretSpec {
  /** The `SPOJKA_*` variable. */
  env: string;
  /** What `init` shows when it asks, in the current language; absent for a secret `init` generates itself. */
  label?: () => string;
  /** May be left empty in `init`. */
  optional?: boolean;
  /** A secret URL: the check its plain text passes; in memory a {@linkcode SecretUrl}. */
  url?: z.ZodType<string, string>;
}

/** The schema of a secret's key (a URL secret's is `sealedUrl`, which also reads an old plain URL). */
export function secretField(_spec: SecretSpec): typeof sealed {
  return sealed;
}

/** `[serve]`: the long-running `spojka serve`. */
export const serveSchema = z.strictObject({
  listen: z.string().regex(/^[\w.:[\]-]+:\d{1,5}$/, { error: () => m.configIssue.listen })
    .default("127.0.0.1:8787"),
  public_url: httpUrl("https://spojka.mojafirma.sk").optional(),
  debounce_seconds: count(0, 3600).default(10),
});

/** How the SMTP connection is protected, and the port each way uses unless `smtp_port` says otherwise. */
export const SMTP_PORTS = { starttls: 587, tls: 465, none: 25 } as const;

/** Whether `host` is this machine, where nothing travels over a network. */
function isLoopback(host: string): boolean {
  return ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host.toLowerCase());
}

/** The shape of an e-mail address; the mail server has the last word. */
const isEmail = (text: string) => /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(text.trim());

/** A webhook's address as typed: a chat webhook's path is its token, so it is stored as a secret. */
export const webhookUrl = httpUrl("https://hooks.slack.com/services/…");

/** `webhook_url` in config.toml: sealed, or a plain URL as an earlier spojka wrote it. */
const sealedUrl = z.string()
  .refine((text) => looksEncrypted(text) || isHttpUrl(text), {
    error: () => m.configIssue.sealedUrl,
  })
  .transform((text) => looksEncrypted(text) ? new SealedUrl(text) : new PlainUrl(text));

/** One or more e-mail addresses separated by commas. */
const emailList = z.string().trim().refine((value) => value.split(",").every(isEmail), {
  error: () => m.configIssue.emailList,
});

/** The secrets of `[alerts]`. */
export const ALERTS_SECRETS = {
  smtp_password: { env: "SPOJKA_SMTP_PASSWORD", label: () => m.wizard.ask.smtpPassword },
  webhook_url: {
    env: "SPOJKA_ALERT_WEBHOOK_URL",
    label: () => m.wizard.ask.webhookUrl,
    optional: true,
    url: webhookUrl,
  },
  webhook_secret: {
    env: "SPOJKA_ALERT_WEBHOOK_SECRET",
    label: () => m.wizard.ask.webhookSecret,
    optional: true,
  },
} as const satisfies Record<string, SecretSpec>;

/**
 * `[alerts]`: who hears of a failed run or rejected items, by e-mail and/or a webhook (optional as a
 * whole). Ports and repeat are coerced so that `init`, which collects text, can write them.
 */
export const alertsSchema = z
  .strictObject({
    email_to: emailList.optional(),
    email_from: z.string().trim().refine(isEmail, { error: () => m.configIssue.emailFrom }).optional(),
    smtp_host: z.string().trim().regex(/^[\w.-]+$|^\[[\d:a-fA-F]+\]$/, {
      error: () => m.configIssue.smtpHost,
    })
      .optional(),
    smtp_security: z.enum(["starttls", "tls", "none"]).default("starttls"),
    smtp_port: z.coerce.number<string | number>().pipe(count(1, 65535)).optional(),
    smtp_user: z.string().trim().optional(),
    smtp_password: secretField(ALERTS_SECRETS.smtp_password).optional(),
    webhook_url: sealedUrl.optional(),
    webhook_secret: secretField(ALERTS_SECRETS.webhook_secret).optional(),
    repeat_hours: z.coerce.number<string | number>().pipe(count(1, 24 * 30)).default(24),
    timeout_seconds: count(5, 600).default(30),
  })
  .superRefine((alerts, ctx) => {
    const problem = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    const say = m.configIssue;
    if (!alerts.email_to && !alerts.webhook_url) problem("email_to", say.alertsNowhere);
    if (alerts.email_to) {
      if (!alerts.smtp_host) problem("smtp_host", say.smtpHostMissing);
      if (!alerts.email_from) problem("email_from", say.emailFromMissing);
    }
    if (alerts.smtp_user && !alerts.smtp_password) problem("smtp_password", say.smtpPasswordMissing);
    if (alerts.smtp_password && alerts.smtp_security === "none" && !isLoopback(alerts.smtp_host ?? "")) {
      problem("smtp_security", say.smtpUnencrypted);
    }
  });

/** The language of spojka's messages (`--lang` overrides it; without either, the system's). */
export const languageSchema = z.enum(["cs", "sk", "en"]);

/** config.toml's own keys around the sections: the format version. */
export const versionSchema = z.literal(CONFIG_VERSION, {
  error: () => m.configIssue.version(CONFIG_VERSION),
});

/** `T` with every sealed secret replaced by its decrypted {@linkcode Secret}. */
export type Unsealed<T> = T extends SealedUrl | PlainUrl ? SecretUrl
  : T extends Sealed ? Secret
  : T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]: Unsealed<T[K]> }
  : T;

/** `[serve]` in memory. */
export type ServeConfig = z.output<typeof serveSchema>;
/** `[alerts]` in memory. */
export type AlertsConfig = Unsealed<z.output<typeof alertsSchema>>;
