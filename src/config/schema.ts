/**
 * The schema of config.toml, version 1. `config.example.toml` documents every key; a test keeps the
 * two in step. Secrets are stored sealed (see `secret.ts`) and arrive in memory as {@linkcode Secret}.
 *
 * @module
 */

import { z } from "zod";
import { isIcoFormat } from "./ico.ts";
import { looksEncrypted, type Secret } from "./secret.ts";

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

/** An http(s) URL; `example` appears in the error message. */
export function httpUrl(example: string): z.ZodString {
  return z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, { error: `must be an http:// or https:// URL such as ${example}` });
}

const nonEmpty = z.string().trim().min(1, { error: "must not be empty" });

/** Default FLOWii API address. */
export const FLOWII_URL = "https://api.flowii.com";
/** Default mServer address: 127.0.0.1, not localhost, which may resolve to IPv6 where mServer does not listen. */
export const MSERVER_URL = "http://127.0.0.1:444/xml";

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
  ext_system: z.string().trim().min(1).max(64).default("FLOWii"),
  endpoints: flowiiEndpointsSchema.prefault({}),
});

/** `[pohoda]`: the POHODA mServer the documents go to. */
export const pohodaSchema = z.strictObject({
  url: httpUrl(MSERVER_URL).default(MSERVER_URL),
  user: nonEmpty,
  password: sealed,
  ico: z.string().refine(isIcoFormat, { error: 'must be 8 digits in quotes, e.g. ico = "12345678"' }),
  batch_size: count(1, 1000).default(50),
  timeout_seconds: count(5, 3600).default(300),
  status_timeout_seconds: count(1, 600).default(10),
  max_attempts: count(1, 10).default(3),
  credentials_encoding: z.enum(["utf-8", "windows-1250"]).default("utf-8"),
  unsupported_characters: z.enum(["reject", "transliterate"]).default("reject"),
});

/** The whole of config.toml. */
export const configSchema = z
  .strictObject({
    version: z.literal(CONFIG_VERSION, {
      error: `must be ${CONFIG_VERSION}; this config was written for another version of spojka`,
    }),
    flowii: flowiiSchema.optional(),
    pohoda: pohodaSchema.optional(),
  })
  .superRefine((config, ctx) => {
    if (Boolean(config.flowii) !== Boolean(config.pohoda)) {
      const missing = config.flowii ? "pohoda" : "flowii";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "is missing: the FLOWii → POHODA connector needs both [flowii] and [pohoda]; run spojka init",
      });
    }
  });

/** config.toml as read from disk, secrets still sealed. */
export type ConfigFile = z.output<typeof configSchema>;

/** `T` with every sealed secret replaced by its decrypted {@linkcode Secret}. */
export type Unsealed<T> = T extends Sealed ? Secret
  : T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]: Unsealed<T[K]> }
  : T;

/** The configuration in memory, secrets decrypted. */
export type Config = Unsealed<ConfigFile>;

/** `[flowii]` in memory. */
export type FlowiiConfig = NonNullable<Config["flowii"]>;
/** `[pohoda]` in memory. */
export type PohodaConfig = NonNullable<Config["pohoda"]>;

/** Environment variables that override stored secrets at run time (and are never written). */
export const SECRET_ENV: Readonly<Record<string, string>> = {
  "flowii.password": "SPOJKA_FLOWII_PASSWORD",
  "flowii.api_key": "SPOJKA_FLOWII_API_KEY",
  "pohoda.password": "SPOJKA_POHODA_PASSWORD",
};
