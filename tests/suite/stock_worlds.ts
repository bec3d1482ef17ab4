/**
 * KROS → e-shop stock for the connector suite, into Shoptet and into WooCommerce
 * (tests/helpers/stock_world.ts).
 *
 * @module
 */

import { editConfig, runCli } from "../helpers/cli.ts";
import { articles, expected, shopStock, startStockWorld, writes } from "../helpers/stock_world.ts";
import { type ConnectorWorld, SLOW_WRITE_MS, until, type WorldKind, type WrongCredential } from "./world.ts";

/** Writes of 3 products: several per run, so that a run can be killed between them. */
const BATCH_SIZE = 3;

/** A KROS → `platform` world. */
function stockKind(platform: "shoptet" | "woocommerce"): WorldKind {
  return {
    name: `kros-${platform}`,
    start: async (): Promise<ConnectorWorld> => {
      const catalogue = articles(14);
      const world = await startStockWorld({ platform, catalogue });
      await editConfig(world.dir, (config) => void (config.eshop.batch_size = BATCH_SIZE));
      const { kros, shop, dir } = world;
      const shopName = platform === "shoptet" ? "Shoptet" : "WooCommerce";
      const wrongShop: WrongCredential = platform === "shoptet"
        ? {
          label: "Shoptet token",
          env: { SPOJKA_SHOPTET_TOKEN: "zly-token-4410" },
          message: /Shoptet refused the API token \(HTTP 401\)/,
        }
        : {
          label: "WooCommerce secret",
          env: { SPOJKA_WOO_SECRET: "cs_zly-4410" },
          message: /WooCommerce refused the consumer key or secret \(HTTP 401\)/,
        };
      return {
        dir,
        env: world.env,
        init: world.init,
        secretVariables: platform === "shoptet"
          ? ["SPOJKA_KROS_TOKEN", "SPOJKA_SHOPTET_TOKEN"]
          : ["SPOJKA_KROS_TOKEN", "SPOJKA_WOO_KEY", "SPOJKA_WOO_SECRET"],
        initChecks: [/KROS: OK/, new RegExp(`${shopName}: OK`)],
        connector: "stock",
        spojka: (args, env) => runCli(["--dir", dir, ...args], { env }),
        wrongCredentials: () => [{
          label: "KROS token",
          env: { SPOJKA_KROS_TOKEN: "not-a-token-4410" },
          message: /KROS refused the token \(HTTP 401\)/,
        }, wrongShop],
        // A product whose shop stock is already right is not written.
        sourceCount: () => catalogue.filter((a) => expected(a) !== 0).length,
        moved: (counts) => counts.products.written,
        targetStore: () =>
          Promise.resolve(catalogue.map((a) => `${a.code} ${shopStock(world, a.code)}`).sort()),
        expectedStore: () => catalogue.map((a) => `${a.code} ${expected(a)}`).sort(),
        // A new BA quantity above the others, so that the shop's figure changes too.
        changeSource: (count) => {
          for (const [i, article] of catalogue.slice(0, count).entries()) {
            article.stock.BA = Math.max(...Object.values(article.stock)) + 10 + i;
            kros.catalog.setQuantity(i + 1, "BA", article.stock.BA);
          }
        },
        writesSeen: () => Promise.resolve(writes(world)),
        slowDown: () => Promise.resolve(void (shop.latencyMs = SLOW_WRITE_MS)),
        writing: () =>
          until(
            `${shopName} has taken a write and is taking another`,
            () => writes(world) >= 1 && shop.open > 0,
          ),
        recover: async () => {
          shop.latencyMs = 0;
          await until(`${shopName} has answered every request`, () => shop.open === 0);
        },
        stop: world.close,
      };
    },
  };
}

/** KROS → Shoptet. */
export const krosShoptet: WorldKind = stockKind("shoptet");
/** KROS → WooCommerce. */
export const krosWooCommerce: WorldKind = stockKind("woocommerce");
