/**
 * The schema of config.toml, version 1. `config.example.toml` documents every key; a test keeps the
 * two in step. Secrets are stored sealed (see `secret.ts`) and arrive in memory as {@linkcode Secret}.
 *
 * @module
 */

import { z } from "zod";
import { isIcoFormat } from "./ico.ts";
import { looksEncrypted, type Secret } from "./secret.ts";
import type { SecretUrl } from "./secret_url.ts";

/** The config format version this program reads and writes. */
export const CONFIG_VERSION = 1;

/** A secret as it sits in config.toml, still encrypted. */
export class Sealed {
  constructor(readonly text: string) {}
}

const sealed = z
  .string()
  .refine(looksEncrypted, {
    error: "is not an encrypted value: secrets are stored only encrypted; run spojka init to change it",
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
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** An http(s) URL; `example` appears in the error message. */
function httpUrl(example: string): z.ZodString {
  return z.string().refine(isHttpUrl, { error: `must be an http:// or https:// URL such as ${example}` });
}

const nonEmpty = z.string().trim().min(1, { error: "must not be empty" });

/** Default FLOWii API address. */
const FLOWII_URL = "https://api.flowii.com";
/** Default mServer address: 127.0.0.1, not localhost, which may resolve to IPv6 where mServer does not listen. */
const MSERVER_URL = "http://127.0.0.1:444/xml";

const count = (min: number, max: number) =>
  z.number().int({ error: "must be a whole number" }).min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const path = z.string().startsWith("/", { error: 'must start with "/"' });

/**
 * `[flowii.endpoints]`: FLOWii does not publish its export API, so paths and parameter names are
 * settings, with the best known values as defaults (see README, "What is not verified").
 */
export const flowiiEndpointsSchema = z.strictObject({
  token: path.default("/token"),
  partners: path.default("/partners/pohoda-export"),
  documents: path.default("/documents/pohoda-export"),
  since_param: z.string().min(1).default("from"),
  company_param: z.string().min(1).default("companyId"),
});

/** `[flowii]`: the FLOWii account the documents come from. */
export const flowiiSchema = z.strictObject({
  base_url: httpUrl(FLOWII_URL).default(FLOWII_URL),
  user: nonEmpty,
  password: sealed,
  api_key: sealed,
  company_id: z.string().trim().optional(),
  overlap_minutes: count(0, 24 * 60).default(5),
  timeout_seconds: count(5, 3600).default(120),
  max_attempts: count(1, 10).default(5),
  max_zip_entries: count(1, 100_000).default(100),
  max_unzipped_mb: count(1, 10_000).default(512),
  // Bounded by the heap spojka runs with (deno.json: --max-old-space-size), which holds a record a few times over.
  max_item_mb: count(1, 16).default(4),
  ext_system: z.string().trim().min(1).max(64).default("FLOWii"),
  interval_minutes: count(1, 24 * 60).default(30),
  endpoints: flowiiEndpointsSchema.prefault({}),
});

/** `[pohoda]`: the POHODA the documents go to, through mServer or Pohoda.exe's `/XML` file exchange. */
export const pohodaSchema = z.strictObject({
  transport: z.enum(["mserver", "xml-folder"]).default("mserver"),
  url: httpUrl(MSERVER_URL).default(MSERVER_URL),
  user: nonEmpty,
  password: sealed,
  ico: z.string().refine(isIcoFormat, { error: 'must be 8 digits in quotes, e.g. ico = "12345678"' }),
  batch_size: count(1, 1000).default(50),
  batch_max_kb: count(16, 16 * 1024).default(4096),
  timeout_seconds: count(5, 3600).default(300),
  status_timeout_seconds: count(1, 600).default(10),
  max_attempts: count(1, 10).default(3),
  credentials_encoding: z.enum(["utf-8", "windows-1250"]).default("utf-8"),
  unsupported_characters: z.enum(["reject", "transliterate"]).default("reject"),
  // transport = "xml-folder": a relative folder is inside the data folder; absent, its default is.
  exe: z.string().trim().min(1).optional(),
  input_dir: z.string().trim().min(1).optional(),
  response_dir: z.string().trim().min(1).optional(),
  database: z.string().trim().min(1).optional(),
  exe_timeout_seconds: count(10, 24 * 3600).default(600),
  resend_after_minutes: count(1, 30 * 24 * 60).default(120),
});

/** Default KROS API address. */
export const KROS_URL = "https://api-economy.kros.sk/api";
/** Shoptet's API address, the same for every shop (the token names the shop). */
export const SHOPTET_URL = "https://api.myshoptet.com";

/**
 * `[kros.fields]`: KROS does not publish the shape of its catalogue items, so the field names are
 * settings, with the best known names as defaults (see README, "What is not verified").
 */
export const krosFieldsSchema = z.strictObject({
  code: z.string().min(1).default("itemCode"),
  ean: z.string().min(1).default("ean"),
  name: z.string().min(1).default("name"),
  warehouses: z.string().min(1).default("warehouses"),
  warehouse_code: z.string().min(1).default("code"),
  quantity: z.string().min(1).default("quantityOnHand"),
});

/** `[kros]`: the KROS Fakturácia company the stock comes from. */
export const krosSchema = z.strictObject({
  base_url: httpUrl(KROS_URL).default(KROS_URL),
  token: sealed,
  /** The authorisation key KROS signs its notifications with; generated by `init`. */
  notify_key: sealed,
  page_size: count(1, 100).default(100),
  only_marked_for_eshop: z.boolean().default(false),
  /** KROS's limits per token: 10 requests a second and 300 a minute; spojka never exceeds them. */
  rate_limits: z.array(z.strictObject({ requests: count(1, 100_000), seconds: count(1, 86_400) })).min(1)
    .default([{ requests: 10, seconds: 1 }, { requests: 300, seconds: 60 }]),
  timeout_seconds: count(5, 3600).default(60),
  max_attempts: count(1, 10).default(5),
  fields: krosFieldsSchema.prefault({}),
});

/**
 * Why `url` will not do for WooCommerce, if it will not: its key and secret travel in every request,
 * so only https is acceptable (plain http only on this machine itself, for tests).
 */
export function wooUrlProblem(url: string): string | undefined {
  const { protocol, hostname } = new URL(url);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  return protocol === "https:" || loopback
    ? undefined
    : "must be https:// for WooCommerce: its key and secret travel in every request";
}

/** `[eshop]`: the shop whose stock is written. */
export const eshopSchema = z
  .strictObject({
    platform: z.enum(["shoptet", "woocommerce"]),
    url: httpUrl("https://www.mojobchod.sk"),
    shoptet_token: sealed.optional(),
    shoptet_stock_id: count(1, 1e9).optional(),
    shoptet_field: z.enum(["realStock", "quantity"]).default("realStock"),
    woo_key: sealed.optional(),
    woo_secret: sealed.optional(),
    batch_size: count(1, 300).optional(),
    timeout_seconds: count(5, 3600).default(60),
    max_attempts: count(1, 10).default(5),
  })
  .superRefine((shop, ctx) => {
    const need = (key: "shoptet_token" | "woo_key" | "woo_secret") => {
      if (!shop[key]) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is missing for ${shop.platform}; run spojka init`,
        });
      }
    };
    if (shop.platform === "shoptet") need("shoptet_token");
    if (shop.platform === "woocommerce") {
      need("woo_key");
      need("woo_secret");
      const problem = wooUrlProblem(shop.url);
      if (problem) ctx.addIssue({ code: "custom", path: ["url"], message: problem });
      if ((shop.batch_size ?? 0) > 100) {
        ctx.addIssue({
          code: "custom",
          path: ["batch_size"],
          message: "must be at most 100 for WooCommerce",
        });
      }
    }
  });

/** `[stock]`: how KROS stock becomes the shop's stock. */
export const stockSchema = z.strictObject({
  match_by: z.enum(["code", "ean"]).default("code"),
  quantity: z.enum(["max", "sum"]).default("max"),
  warehouse: z.string().trim().optional(),
  fractions: z.enum(["down", "nearest", "keep"]).default("down"),
  interval_minutes: count(1, 24 * 60).default(30),
});

/** `[serve]`: the long-running `spojka serve`. */
export const serveSchema = z.strictObject({
  listen: z.string().regex(/^[\w.:[\]-]+:\d{1,5}$/, { error: 'must be host:port, e.g. "127.0.0.1:8787"' })
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
    error: "must be an http:// or https:// URL, stored encrypted; run spojka init to enter it",
  })
  .transform((text) => looksEncrypted(text) ? new SealedUrl(text) : new PlainUrl(text));

/** One or more e-mail addresses separated by commas. */
const emailList = z.string().trim().refine((value) => value.split(",").every(isEmail), {
  error: "must be e-mail addresses separated by commas, e.g. uctovnik@firma.cz, spravce@firma.cz",
});

/**
 * `[alerts]`: who hears of a failed run or rejected items, by e-mail and/or a webhook (optional as a
 * whole). Ports and repeat are coerced so that `init`, which collects text, can write them.
 */
export const alertsSchema = z
  .strictObject({
    email_to: emailList.optional(),
    email_from: z.string().trim().refine(isEmail, {
      error: "must be one e-mail address, e.g. spojka@firma.cz",
    })
      .optional(),
    smtp_host: z.string().trim().regex(/^[\w.-]+$|^\[[\d:a-fA-F]+\]$/, {
      error: 'must be a host name or IP address without "smtp://" or a port, e.g. smtp.firma.cz',
    }).optional(),
    smtp_security: z.enum(["starttls", "tls", "none"]).default("starttls"),
    smtp_port: z.coerce.number<string | number>().pipe(count(1, 65535)).optional(),
    smtp_user: z.string().trim().optional(),
    smtp_password: sealed.optional(),
    webhook_url: sealedUrl.optional(),
    webhook_secret: sealed.optional(),
    repeat_hours: z.coerce.number<string | number>().pipe(count(1, 24 * 30)).default(24),
    timeout_seconds: count(5, 600).default(30),
  })
  .superRefine((alerts, ctx) => {
    const problem = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    if (!alerts.email_to && !alerts.webhook_url) {
      problem("email_to", "or webhook_url is needed: where should alerts go? Run spojka init");
    }
    if (alerts.email_to) {
      if (!alerts.smtp_host) problem("smtp_host", "is missing: e-mail alerts need the SMTP server");
      if (!alerts.email_from) problem("email_from", "is missing: e-mail alerts need a sender address");
    }
    if (alerts.smtp_user && !alerts.smtp_password) {
      problem("smtp_password", "is missing for smtp_user; run spojka init");
    }
    if (alerts.smtp_password && alerts.smtp_security === "none" && !isLoopback(alerts.smtp_host ?? "")) {
      problem(
        "smtp_security",
        'is "none", which would send the SMTP password unencrypted; use "starttls" or "tls"',
      );
    }
  });

/** The connectors by id, and the config sections each is made of: all present, or none. */
const CONNECTORS = {
  flowii: { title: "FLOWii → POHODA", sections: ["flowii", "pohoda"] },
  stock: { title: "KROS → e-shop", sections: ["kros", "eshop", "stock"] },
} as const;
/** A connector's id, as `spojka sync <id>` takes it. */
export type ConnectorId = keyof typeof CONNECTORS;
/** Every connector id, in the order connectors run. */
export const CONNECTOR_IDS = Object.keys(CONNECTORS) as ConnectorId[];

/** What the user calls connector `id`, e.g. "FLOWii → POHODA". */
export function connectorTitle(id: ConnectorId): string {
  return CONNECTORS[id].title;
}

/** Whether every section of connector `id` is present in `config`. */
export function isConfigured(config: object | null, id: ConnectorId): boolean {
  return CONNECTORS[id].sections.every((section) =>
    (config as Record<string, unknown> | null)?.[section] !== undefined
  );
}

/** The whole of config.toml. */
export const configSchema = z
  .strictObject({
    version: z.literal(CONFIG_VERSION, {
      error: `must be ${CONFIG_VERSION}; this config was written for another version of spojka`,
    }),
    language: z.enum(["cs", "sk", "en"]).optional(),
    flowii: flowiiSchema.optional(),
    pohoda: pohodaSchema.optional(),
    kros: krosSchema.optional(),
    eshop: eshopSchema.optional(),
    stock: stockSchema.optional(),
    serve: serveSchema.optional(),
    alerts: alertsSchema.optional(),
  })
  .superRefine((config, ctx) => {
    for (const { title: connector, sections } of Object.values(CONNECTORS)) {
      const missingSections = sections.filter((s) => config[s] === undefined);
      if (missingSections.length === 0 || missingSections.length === sections.length) continue;
      for (const missing of missingSections) {
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is missing: the ${connector} connector needs ${
            sections.map((s) => `[${s}]`).join(", ")
          }; run spojka init`,
        });
      }
    }
    if (config.eshop?.platform === "woocommerce" && config.stock?.fractions === "keep") {
      ctx.addIssue({
        code: "custom",
        path: ["stock", "fractions"],
        message: 'cannot be "keep" for WooCommerce, whose stock is whole numbers; use "down" or "nearest"',
      });
    }
  });

/** config.toml as read from disk, secrets still sealed. */
export type ConfigFile = z.output<typeof configSchema>;

/** `T` with every sealed secret replaced by its decrypted {@linkcode Secret}. */
export type Unsealed<T> = T extends SealedUrl | PlainUrl ? SecretUrl
  : T extends Sealed ? Secret
  : T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]: Unsealed<T[K]> }
  : T;

/** The configuration in memory, secrets decrypted. */
export type Config = Unsealed<ConfigFile>;

/** `[flowii]` in memory. */
export type FlowiiConfig = NonNullable<Config["flowii"]>;
/** `[pohoda]` in memory. */
export type PohodaConfig = NonNullable<Config["pohoda"]>;
/** `[kros]` in memory. */
export type KrosConfig = NonNullable<Config["kros"]>;
/** `[eshop]` in memory. */
export type EshopConfig = NonNullable<Config["eshop"]>;
/** `[stock]` in memory. */
export type StockConfig = NonNullable<Config["stock"]>;
/** `[alerts]` in memory. */
export type AlertsConfig = NonNullable<Config["alerts"]>;

/** Environment variables that override stored secrets at run time (and are never written). */
export const SECRET_ENV: Readonly<Record<string, string>> = {
  "flowii.password": "SPOJKA_FLOWII_PASSWORD",
  "flowii.api_key": "SPOJKA_FLOWII_API_KEY",
  "pohoda.password": "SPOJKA_POHODA_PASSWORD",
  "kros.token": "SPOJKA_KROS_TOKEN",
  "kros.notify_key": "SPOJKA_KROS_NOTIFY_KEY",
  "eshop.shoptet_token": "SPOJKA_SHOPTET_TOKEN",
  "eshop.woo_key": "SPOJKA_WOO_KEY",
  "eshop.woo_secret": "SPOJKA_WOO_SECRET",
  "alerts.smtp_password": "SPOJKA_SMTP_PASSWORD",
  "alerts.webhook_secret": "SPOJKA_ALERT_WEBHOOK_SECRET",
  "alerts.webhook_url": "SPOJKA_ALERT_WEBHOOK_URL",
};

/**
 * Secrets that are URLs, by config key, with the check their plain text passes when entered,
 * decrypted or taken from a variable; in memory a {@linkcode SecretUrl}, shown as its origin.
 */
export const SECRET_URLS: Readonly<Record<string, z.ZodType<string, string>>> = {
  "alerts.webhook_url": webhookUrl,
};
