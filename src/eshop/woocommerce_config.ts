/**
 * WooCommerce's variant of `[eshop]`, beside its target (woocommerce.ts).
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import { z } from "zod";
import { secretField, type SecretSpec, type Unsealed } from "../config/schema.ts";
import { missingSecrets, shopCommonShape, type ShopPlatform } from "./platform.ts";
import { WooCommerceTarget } from "./woocommerce.ts";

const SECRETS = {
  woo_key: { env: "SPOJKA_WOO_KEY", label: () => m.wizard.ask.wooKey },
  woo_secret: { env: "SPOJKA_WOO_SECRET", label: () => m.wizard.ask.wooSecret },
} as const satisfies Record<string, SecretSpec>;

/**
 * Why `url` will not do for WooCommerce, if it will not: its key and secret travel in every request,
 * so only https is acceptable (plain http only on this machine itself, for tests).
 */
export function wooUrlProblem(url: string): string | undefined {
  const { protocol, hostname } = new URL(url);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  return protocol === "https:" || loopback ? undefined : m.wizard.wooHttps;
}

/** `[eshop]` for WooCommerce. */
export const wooSchema = z.strictObject({
  platform: z.literal("woocommerce"),
  ...shopCommonShape,
  woo_key: secretField(SECRETS.woo_key).optional(),
  woo_secret: secretField(SECRETS.woo_secret).optional(),
}).superRefine((shop, ctx) => {
  missingSecrets(woocommerce, shop, ctx);
  const problem = wooUrlProblem(shop.url);
  if (problem) ctx.addIssue({ code: "custom", path: ["url"], message: problem });
  if ((shop.batch_size ?? 0) > 100) {
    ctx.addIssue({ code: "custom", path: ["batch_size"], message: m.configIssue.wooBatchSize });
  }
});

/** `[eshop]` for WooCommerce, in memory. */
export type WooConfig = Unsealed<z.output<typeof wooSchema>>;

/** WooCommerce as a shop platform. */
export const woocommerce: ShopPlatform<WooConfig> = {
  id: "woocommerce",
  name: "WooCommerce",
  schema: wooSchema,
  secrets: SECRETS,
  // WooCommerce keeps stock in whole numbers.
  decimalQuantities: false,
  urlProblem: wooUrlProblem,
  open: (config, log) => new WooCommerceTarget(config, log),
};
