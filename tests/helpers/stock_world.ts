/**
 * A KROS company, an e-shop (Shoptet or WooCommerce) and a spojka data folder set up with
 * `init --non-interactive`, on 127.0.0.1: what the stock tests and the demo run against.
 *
 * @module
 */

import {
  DEFAULT_KROS_TOKEN,
  type KrosCatalogItemInput,
  type KrosEmulator,
  type RateLimit,
  startKros,
} from "../emulators/kros/mod.ts";
import { DEFAULT_SHOPTET_TOKEN, type ShoptetEmulator, startShoptet } from "../emulators/shoptet/mod.ts";
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  startWooCommerce,
  type WooCommerceEmulator,
} from "../emulators/woocommerce/mod.ts";
import { type CliResult, runCli, tempDataDir } from "./cli.ts";

/** A valid KROS token of a company without the paid API module (KROS answers 402). */
export const UNPAID_KROS_TOKEN = "kros-unpaid-token";

/** A catalogue item: code, EAN, name and stock per warehouse (BA, KE, ZA). */
export interface Article {
  code: string;
  ean: string;
  name: string;
  stock: Record<string, number>;
}

/** `count` articles with codes `A0001…`, EANs and stock in three warehouses, from a fixed pattern. */
export function articles(count: number): Article[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `A${String(i + 1).padStart(4, "0")}`,
    ean: `859${String(4000000000 + i * 7).padStart(10, "0")}`,
    name: ["Káva zrnková 1 kg", "Čaj zelený", "Hrnček smaltovaný", "Šálka porcelánová"][i % 4] + ` ${i + 1}`,
    stock: { BA: (i * 7) % 13, KE: (i * 5) % 11 - 2, ZA: i % 3 === 0 ? 0.5 : 4 },
  }));
}

/** KROS's view of the articles. */
export function krosItems(list: Article[]): KrosCatalogItemInput[] {
  return list.map((a) => ({
    itemCode: a.code,
    ean: a.ean,
    name: a.name,
    warehouses: Object.entries(a.stock).map(([code, quantity]) => ({
      code,
      name: `Sklad ${code}`,
      quantityOnHand: quantity,
    })),
  }));
}

/** The emulators and a configured data folder. */
export interface StockWorld {
  kros: KrosEmulator;
  shop: ShoptetEmulator | WooCommerceEmulator;
  dir: string;
  /** The variables `init --non-interactive` was given. */
  env: Record<string, string>;
  init: CliResult;
  spojka(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** Options for {@linkcode startStockWorld}. */
export interface StockWorldOptions {
  platform: "shoptet" | "woocommerce";
  /** What KROS holds; the shop gets the same products with zero stock unless `shopStock` says otherwise. */
  catalogue: Article[];
  /** Shop stock per code at the start (default 0 for every product). */
  shopStock?: Record<string, number>;
  /** Codes the shop does not sell. */
  notInShop?: string[];
  /** Extra products only the shop sells. */
  shopOnly?: { code: string; ean: string; name: string }[];
  krosLimits?: RateLimit[];
  /** Extra variables for `init --non-interactive` (match by, quantity mode, warehouse, …). */
  initEnv?: Record<string, string>;
  dir?: string;
  output?: "piped" | "inherit";
}

/** Starts KROS and the shop and sets up a data folder for them. */
export async function startStockWorld(options: StockWorldOptions): Promise<StockWorld> {
  const kros = startKros({
    items: krosItems(options.catalogue),
    limits: options.krosLimits,
    unpaidTokens: [UNPAID_KROS_TOKEN],
  });
  const sold = [
    ...options.catalogue.filter((a) => !options.notInShop?.includes(a.code)),
    ...(options.shopOnly ?? []),
  ];
  const stockOf = (code: string) => options.shopStock?.[code] ?? 0;
  const shop = options.platform === "shoptet"
    ? startShoptet({
      products: sold.map((a) => ({
        name: a.name,
        variants: [{ code: a.code, ean: a.ean, amount: stockOf(a.code) }],
      })),
    })
    : startWooCommerce({
      products: sold.map((a) => ({
        name: a.name,
        sku: a.code,
        global_unique_id: a.ean,
        manage_stock: true,
        stock_quantity: stockOf(a.code),
      })),
    });
  const dir = options.dir ?? await tempDataDir();
  const spojka = (...args: string[]) => runCli(["--dir", dir, ...args], { output: options.output });
  const credentials: Record<string, string> = options.platform === "shoptet"
    ? { SPOJKA_SHOPTET_TOKEN: DEFAULT_SHOPTET_TOKEN, SPOJKA_ESHOP_URL: shop.url }
    : {
      SPOJKA_WOO_KEY: DEFAULT_CONSUMER_KEY,
      SPOJKA_WOO_SECRET: DEFAULT_CONSUMER_SECRET,
      SPOJKA_ESHOP_URL: shop.url,
    };
  const env = {
    SPOJKA_KROS_URL: kros.apiUrl,
    SPOJKA_KROS_TOKEN: DEFAULT_KROS_TOKEN,
    SPOJKA_ESHOP_PLATFORM: options.platform,
    ...credentials,
    ...options.initEnv,
  };
  const init = await runCli(["--dir", dir, "init", "--non-interactive"], { output: options.output, env });
  // 4: a check failed, as a test that changes init's variables may intend; the settings are saved.
  if (init.code !== 0 && !(init.code === 4 && options.initEnv)) {
    throw new Error(`init failed (${init.code}): ${init.stderr}`);
  }
  return {
    kros,
    shop,
    dir,
    env,
    init,
    spojka,
    close: async () => {
      await kros.close();
      await shop.close();
    },
  };
}

/** The shop's stock of `code`: Shoptet's real stock, WooCommerce's stock quantity. */
export function shopStock(world: StockWorld, code: string): number | null | undefined {
  return "stockOf" in world.shop
    ? (world.shop as ShoptetEmulator).stockOf(code)?.realStock
    : (world.shop as WooCommerceEmulator).stockBySku(code)?.stock_quantity;
}

/** What the shop should show for an article: max or sum over warehouses, ≥ 0, rounded down. */
export function expected(article: Article, mode: "max" | "sum" = "max", warehouse?: string): number {
  const stocks = Object.entries(article.stock).filter(([w]) => !warehouse || w === warehouse).map(([, q]) =>
    q
  );
  return shownQuantity(stocks, mode);
}

/** The quantity a shop should show for warehouse `stocks`: their max or sum, not below 0, rounded down. */
export function shownQuantity(stocks: readonly number[], mode: "max" | "sum"): number {
  const figure = stocks.length === 0
    ? 0
    : mode === "max"
    ? Math.max(...stocks)
    : stocks.reduce((a, b) => a + b, 0);
  return Math.floor(Math.max(0, figure) + 1e-9);
}

/** The number of write requests the shop has received. */
export function writes(world: StockWorld): number {
  return "movements" in world.shop ? world.shop.movements.length : world.shop.batches.length;
}
