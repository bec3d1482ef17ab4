/**
 * What an in-process run needs besides the emulators: settings built as `config.toml` would give
 * them (the schema's defaults), a data folder, and a log and progress that write nothing to the
 * console, so hundreds of runs side by side stay quiet (each still keeps its `log.txt`).
 *
 * @module
 */

import type { z } from "zod";
import { type DataPaths, dataPaths } from "../../src/core/datadir.ts";
import { Log } from "../../src/core/log.ts";
import { Progress } from "../../src/core/progress.ts";
import { type EshopConfig, eshopSchema } from "../../src/eshop/config.ts";
import { type FlowiiConfig, flowiiSchema } from "../../src/connectors/flowii_pohoda/config.ts";
import {
  type KrosConfig,
  krosSchema,
  type StockConfig,
  stockSchema,
} from "../../src/connectors/kros_stock/config.ts";
import { type PohodaConfig, pohodaSchema } from "../../src/pohoda/config.ts";
import { Secret } from "../../src/config/secret.ts";

/** Stands in for a sealed secret while the schema fills in the defaults. */
const SEALED = "enc:v1:AAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Settings as the schema makes them from `plain` (defaults filled in), with `secrets` as in memory
 * after decryption. Values outside the schema's bounds may be given in `overrides`: a faulty run
 * times out in a second, where a user's config cannot go below five.
 */
function settings<T>(
  schema: z.ZodType,
  plain: Record<string, unknown>,
  secrets: Record<string, string>,
  overrides: Record<string, unknown> = {},
): T {
  const sealed = Object.fromEntries(Object.keys(secrets).map((key) => [key, SEALED]));
  const parsed = schema.parse({ ...plain, ...sealed }) as Record<string, unknown>;
  const unsealed = Object.fromEntries(
    Object.entries(secrets).map(([key, value]) => [key, new Secret(value)]),
  );
  return { ...parsed, ...unsealed, ...overrides } as T;
}

/** `[flowii]` for an emulator. */
export function flowiiSettings(
  url: string,
  credentials: { user: string; password: string; apiKey: string },
  overrides?: Partial<FlowiiConfig>,
): FlowiiConfig {
  return settings(flowiiSchema, { base_url: url, user: credentials.user }, {
    password: credentials.password,
    api_key: credentials.apiKey,
  }, overrides);
}

/** `[pohoda]` for an emulator. */
export function pohodaSettings(
  url: string,
  credentials: { user: string; password: string; ico: string },
  overrides?: Partial<PohodaConfig>,
): PohodaConfig {
  return settings(pohodaSchema, { url, user: credentials.user, ico: credentials.ico }, {
    password: credentials.password,
  }, overrides);
}

/** `[kros]` for an emulator. */
export function krosSettings(url: string, token: string, overrides?: Partial<KrosConfig>): KrosConfig {
  return settings(krosSchema, { base_url: url }, { token, notify_key: "kros-notify-key" }, overrides);
}

/** `[eshop]` for a Shoptet or WooCommerce emulator. */
export function eshopSettings(
  platform: "shoptet" | "woocommerce",
  url: string,
  secrets: Record<string, string>,
  overrides?: Partial<EshopConfig>,
): EshopConfig {
  return settings(eshopSchema, { platform, url }, secrets, overrides);
}

/** `[stock]`. */
export function stockSettings(plain: Partial<StockConfig>): StockConfig {
  return settings(stockSchema, plain, {});
}

/** A data folder, with the log and progress of runs in it that keep quiet on the console. */
export interface Folder {
  paths: DataPaths;
  log: Log;
  progress: Progress;
  /** Removes the folder. */
  remove(): Promise<void>;
}

/**
 * Where data folders go: memory (`/dev/shm`) where there is one. Every state commit is synced to
 * disk, and all runs share one thread, so on a disk they would mostly wait for each other's syncs.
 * A simulated crash loses what a real one loses either way: nothing committed.
 */
export function scratchRoot(): string | undefined {
  try {
    return Deno.statSync("/dev/shm").isDirectory ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh temporary data folder. */
export async function quietFolder(): Promise<Folder> {
  const dir = await Deno.makeTempDir({ prefix: "spojka-chaos-", dir: scratchRoot() });
  const paths = dataPaths(dir);
  const log = new Log({ file: paths.log, echo: false });
  // Warnings go to the console through this hook; here they go to log.txt only.
  log.attach({ interrupt: () => {} });
  const progress = new Progress({ output: { write: () => {}, isTerminal: () => false, columns: () => 80 } });
  return {
    paths,
    log,
    progress,
    remove: async () => {
      progress.stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
