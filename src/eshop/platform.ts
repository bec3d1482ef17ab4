/**
 * What an e-shop platform brings to the shop target: its variant of `[eshop]` (the keys only it
 * has, its secrets), its capabilities, and how to open it. The platforms are listed in
 * src/eshop/config.ts; each variant sits beside its target (shoptet_config.ts, woocommerce_config.ts).
 *
 * @module
 */

import type { z } from "zod";
import { count, httpUrl, type SecretSpec } from "../config/schema.ts";
import type { ShopTarget } from "./target.ts";
import { m } from "../i18n/mod.ts";

/** The keys of `[eshop]` every platform has, beside `platform`. */
export const shopCommonShape = {
  url: httpUrl("https://www.mojobchod.sk"),
  batch_size: count(1, 300).optional(),
  timeout_seconds: count(5, 3600).default(60),
  max_attempts: count(1, 10).default(5),
};

/** One platform; `C` is its variant of `[eshop]` in memory. */
export interface ShopPlatform<C = never> {
  /** `[eshop] platform`, e.g. `shoptet`. */
  readonly id: string;
  /** What the user calls it, e.g. `WooCommerce`. */
  readonly name: string;
  /** Its variant of `[eshop]`: `platform` as its id, the common keys and its own. */
  readonly schema: z.ZodObject;
  /** Its secrets by key, each declared once; all required for this platform. */
  readonly secrets: Readonly<Record<string, SecretSpec>>;
  /** Whether its stock may hold fractions (`[stock] fractions = "keep"`). */
  readonly decimalQuantities: boolean;
  /** The address `init` offers, if the platform has one for every shop. */
  readonly defaultUrl?: string;
  /** Why `url` will not do for this platform, if it will not. */
  urlProblem?(url: string): string | undefined;
  /** The target for a shop on this platform. */
  open(config: C, log: { detail(message: string): void }): ShopTarget;
}

/** Reports each of `platform`'s secrets missing from `shop` as a problem of its key. */
export function missingSecrets(
  platform: ShopPlatform<unknown>,
  shop: Record<string, unknown>,
  ctx: z.RefinementCtx,
): void {
  for (const key of Object.keys(platform.secrets)) {
    if (!shop[key]) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: m.configIssue.missingSecret(platform.id),
      });
    }
  }
}
