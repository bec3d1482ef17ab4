/**
 * Shoptet's variant of `[eshop]`, beside its target (shoptet.ts).
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import { z } from "zod";
import { count, secretField, type SecretSpec, type Unsealed } from "../config/schema.ts";
import { missingSecrets, shopCommonShape, type ShopPlatform } from "./platform.ts";
import { ShoptetTarget } from "./shoptet.ts";

/** Shoptet's API address, the same for every shop (the token names the shop). */
export const SHOPTET_URL = "https://api.myshoptet.com";

const SECRETS = {
  shoptet_token: { env: "SPOJKA_SHOPTET_TOKEN", label: () => m.wizard.ask.shoptetToken },
} as const satisfies Record<string, SecretSpec>;

/** `[eshop]` for Shoptet. */
export const shoptetSchema = z.strictObject({
  platform: z.literal("shoptet"),
  ...shopCommonShape,
  shoptet_token: secretField(SECRETS.shoptet_token).optional(),
  shoptet_stock_id: count(1, 1e9).optional(),
  shoptet_field: z.enum(["realStock", "quantity"]).default("realStock"),
}).superRefine((shop, ctx) => missingSecrets(shoptet, shop, ctx));

/** `[eshop]` for Shoptet, in memory. */
export type ShoptetConfig = Unsealed<z.output<typeof shoptetSchema>>;

/** Shoptet as a shop platform. */
export const shoptet: ShopPlatform<ShoptetConfig> = {
  id: "shoptet",
  name: "Shoptet",
  schema: shoptetSchema,
  secrets: SECRETS,
  decimalQuantities: true,
  defaultUrl: SHOPTET_URL,
  open: (config, log) => new ShoptetTarget(config, log),
};
