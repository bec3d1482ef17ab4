/**
 * The target for the configured platform.
 *
 * @module
 */

import type { EshopConfig } from "./config.ts";
import { ShoptetTarget } from "./shoptet.ts";
import type { ShopTarget } from "./target.ts";
import { WooCommerceTarget } from "./woocommerce.ts";

/** The shop `config` names. */
export function openShop(config: EshopConfig, log: { detail(message: string): void }): ShopTarget {
  return config.platform === "shoptet" ? new ShoptetTarget(config, log) : new WooCommerceTarget(config, log);
}
