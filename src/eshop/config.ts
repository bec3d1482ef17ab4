/**
 * `[eshop]`: the shop whose stock is written. Its keys depend on the platform: a discriminated union
 * of the platforms' variants, each declared beside its target. It belongs to the shop target: valid
 * on its own, and shared by every connector that writes stock to a shop.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";
import { z } from "zod";
import type { Answers } from "../config/questions.ts";
import type { SecretSpec } from "../config/schema.ts";
import { type ConfigSection, secretQuestion } from "../config/section.ts";
import { shopCommonShape, type ShopPlatform } from "./platform.ts";
import { shoptet, type ShoptetConfig, shoptetSchema } from "./shoptet_config.ts";
import type { ShopTarget } from "./target.ts";
import { woocommerce, type WooConfig, wooSchema } from "./woocommerce_config.ts";

/** Every platform, in the order `init` offers them. */
const PLATFORMS = [shoptet, woocommerce] as const;

const ids = PLATFORMS.map((p) => p.id) as [string, ...string[]];
const platformKeys = [...new Set(PLATFORMS.flatMap((p) => Object.keys(p.schema.shape)))]
  .filter((key) => key !== "platform");

const variants = z.discriminatedUnion("platform", [shoptetSchema, wooSchema]);

/**
 * `[eshop]`: first the platform and the keys any platform knows (so a typo is named with the key it
 * probably means), then the platform's own variant.
 */
export const eshopSchema = z
  .strictObject({
    platform: z.enum(ids),
    ...Object.fromEntries(platformKeys.map((key) => [key, z.unknown().optional()])),
  })
  .pipe(variants as unknown as z.ZodType<z.output<typeof variants>, { platform: string }>);

/** `[eshop]` in memory: one platform's variant. */
export type EshopConfig = ShoptetConfig | WooConfig;

/** The platform of `shop`. */
export function platformOf(shop: { platform: string }): ShopPlatform<EshopConfig> {
  return PLATFORMS.find((p) => p.id === shop.platform)! as ShopPlatform<EshopConfig>;
}

/** The target for the shop `config` names. */
export function openShop(config: EshopConfig, log: { detail(message: string): void }): ShopTarget {
  return platformOf(config).open(config, log);
}

const platform = (answers: Answers) => answers.eshop?.platform as string | undefined;

/** `[eshop]` as the registry assembles it. */
export const eshopSection = {
  name: "eshop",
  schema: eshopSchema,
  secrets: Object.assign({}, ...PLATFORMS.map((p) => p.secrets)) as Record<string, SecretSpec>,
  target: true,
  questions: [
    {
      key: "platform",
      label: () => m.wizard.ask.eshopPlatform,
      env: "SPOJKA_ESHOP_PLATFORM",
      choices: ids,
      schema: z.enum(ids),
    },
    {
      key: "url",
      label: (answers) => m.wizard.ask.shopUrl[platform(answers) ?? ""] ?? m.wizard.ask.eshopUrl,
      env: "SPOJKA_ESHOP_URL",
      default: (answers) => PLATFORMS.find((p) => p.id === platform(answers))?.defaultUrl,
      schema: shopCommonShape.url,
      check: (url, answers) => PLATFORMS.find((p) => p.id === platform(answers))?.urlProblem?.(url),
    },
    ...PLATFORMS.flatMap((p) =>
      Object.entries(p.secrets).map(([key, spec]) =>
        secretQuestion(key, spec, { when: (answers) => platform(answers) === p.id })
      )
    ),
  ],
  check: (config: EshopConfig, { log, once }) => {
    const shop = openShop({ ...config, ...once }, log);
    return { service: shop.name, run: async () => [await shop.check()] };
  },
  migrate: (eshop: Record<string, unknown>) => {
    // spojka wrote every platform's keys with their defaults (shoptet_field for WooCommerce too)
    // before each platform had its own: keys of another platform are dropped, as they never applied.
    const own = PLATFORMS.find((p) => p.id === eshop.platform);
    if (!own) return;
    for (const key of platformKeys) if (!(key in own.schema.shape)) delete eshop[key];
  },
} as const satisfies ConfigSection<"eshop", typeof eshopSchema>;
