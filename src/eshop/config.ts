/**
 * `[eshop]`: the shop whose stock is written, with its secrets and setup questions. It belongs to
 * the shop target: valid on its own, and shared by every connector that writes stock to a shop.
 *
 * @module
 */

import { z } from "zod";
import type { Answers } from "../config/questions.ts";
import { count, httpUrl, secretField, type SecretSpec, type Unsealed } from "../config/schema.ts";
import { type ConfigSection, secretQuestion } from "../config/section.ts";
import { openShop } from "./open.ts";

/** Shoptet's API address, the same for every shop (the token names the shop). */
export const SHOPTET_URL = "https://api.myshoptet.com";

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

/** The secrets of `[eshop]`. */
const SECRETS = {
  shoptet_token: { env: "SPOJKA_SHOPTET_TOKEN", label: "Shoptet private API token" },
  woo_key: { env: "SPOJKA_WOO_KEY", label: "WooCommerce consumer key (ck_…)" },
  woo_secret: { env: "SPOJKA_WOO_SECRET", label: "WooCommerce consumer secret (cs_…)" },
} as const satisfies Record<string, SecretSpec>;

/** `[eshop]`: the shop whose stock is written. */
export const eshopSchema = z
  .strictObject({
    platform: z.enum(["shoptet", "woocommerce"]),
    url: httpUrl("https://www.mojobchod.sk"),
    shoptet_token: secretField(SECRETS.shoptet_token).optional(),
    shoptet_stock_id: count(1, 1e9).optional(),
    shoptet_field: z.enum(["realStock", "quantity"]).default("realStock"),
    woo_key: secretField(SECRETS.woo_key).optional(),
    woo_secret: secretField(SECRETS.woo_secret).optional(),
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

/** `[eshop]` in memory. */
export type EshopConfig = Unsealed<z.output<typeof eshopSchema>>;

const platform = (answers: Answers) => answers.eshop?.platform;

/** `[eshop]` as the registry assembles it. */
export const eshopSection = {
  name: "eshop",
  schema: eshopSchema,
  secrets: SECRETS,
  target: true,
  questions: [
    {
      section: "eshop",
      key: "platform",
      label: "E-shop platform",
      env: "SPOJKA_ESHOP_PLATFORM",
      choices: eshopSchema.shape.platform.options,
      schema: eshopSchema.shape.platform,
    },
    {
      section: "eshop",
      key: "url",
      label: "E-shop address (WooCommerce: https://your-shop; Shoptet: its API address)",
      env: "SPOJKA_ESHOP_URL",
      default: (answers) => platform(answers) === "shoptet" ? SHOPTET_URL : undefined,
      schema: eshopSchema.shape.url,
      check: (url, answers) => platform(answers) === "woocommerce" ? wooUrlProblem(url) : undefined,
    },
    secretQuestion("eshop", "shoptet_token", SECRETS.shoptet_token, {
      when: (answers) => platform(answers) === "shoptet",
    }),
    secretQuestion("eshop", "woo_key", SECRETS.woo_key, {
      when: (answers) => platform(answers) === "woocommerce",
    }),
    secretQuestion("eshop", "woo_secret", SECRETS.woo_secret, {
      when: (answers) => platform(answers) === "woocommerce",
    }),
  ],
  check: (config: EshopConfig, { log, once }) => {
    const shop = openShop({ ...config, ...once }, log);
    return { service: shop.name, run: async () => [await shop.check()] };
  },
} as const satisfies ConfigSection<"eshop", typeof eshopSchema>;
