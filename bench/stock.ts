/**
 * KROS → e-shop stock at scale: `init`, then two `sync stock` runs straight after each other, against
 * a KROS catalogue and a shop of the same products. Every request is counted against the fewest the
 * page and batch sizes allow, and KROS counts every request that broke its rate limits.
 *
 * @module
 */

import { MAX_TOP } from "../tests/emulators/kros/mod.ts";
import { DEFAULT_MAX_ITEMS_PER_PAGE, MAX_MOVEMENTS } from "../tests/emulators/shoptet/mod.ts";
import { BATCH_LIMIT, MAX_PER_PAGE } from "../tests/emulators/woocommerce/mod.ts";
import { type Article, articles, startStockWorld } from "../tests/helpers/stock_world.ts";
import type { Progress } from "./scale.ts";

/** The shop platforms. */
export type Platform = "shoptet" | "woocommerce";

/** One `sync stock` run. */
export interface StockRun {
  label: string;
  code: number;
  wallMs: number;
  krosRequests: number;
  krosMinimum: number;
  shopRequests: number;
  shopMinimum: number;
  /** KROS rate-limit violations during the run (for the first run: `init` included). */
  violations: number;
}

/** The figures of one platform. */
export interface StockResult {
  platform: Platform;
  products: number;
  runs: StockRun[];
}

/** Sets up KROS and the shop, runs `init` and two syncs, and counts their requests. */
export async function measureStock(
  platform: Platform,
  products: number,
  progress: Progress,
): Promise<StockResult> {
  progress(`stock: ${products} products, ${platform}: init`);
  const catalogue = articles(products);
  const world = await startStockWorld({ platform, catalogue });
  try {
    // The shop starts at 0: the first run writes every product whose stock is not 0, the second nothing.
    const changes = [catalogue.filter((a) => shopQuantity(a) !== 0).length, 0];
    const runs: StockRun[] = [];
    let violationsBefore = 0;
    for (const [i, writes] of changes.entries()) {
      const label = `sync ${i + 1}`;
      progress(`stock: ${products} products, ${platform}: ${label}`);
      const before = { kros: world.kros.requests.length, shop: world.shop.requests.length };
      const started = performance.now();
      const run = await world.spojka("sync", "stock");
      const violations = world.kros.limiter.violations().length;
      runs.push({
        label,
        code: run.code,
        wallMs: performance.now() - started,
        krosRequests: world.kros.requests.length - before.kros,
        krosMinimum: krosMinimum(products),
        shopRequests: world.shop.requests.length - before.shop,
        shopMinimum: shopMinimum(platform, products, writes),
        violations: violations - violationsBefore,
      });
      violationsBefore = violations;
      if (run.code !== 0) {
        progress(`  spojka exited with ${run.code}: ${run.stderr.trim().split("\n").at(-1)}`);
      }
    }
    return { platform, products, runs };
  } finally {
    await world.close();
    await Deno.remove(world.dir, { recursive: true });
  }
}

/**
 * KROS sends pages of at most `MAX_TOP` items and no total, so only a short page ends the catalogue:
 * a catalogue of whole pages needs one more, empty, page.
 */
function krosMinimum(products: number): number {
  return Math.floor(products / MAX_TOP) + 1;
}

/**
 * Shoptet: the warehouse list (for the default warehouse), the supplies in pages, the movements in
 * batches. WooCommerce: the products in pages (its headers give the page count), stock in batches.
 */
function shopMinimum(platform: Platform, products: number, writes: number): number {
  return platform === "shoptet"
    ? 1 + Math.ceil(products / DEFAULT_MAX_ITEMS_PER_PAGE) + Math.ceil(writes / MAX_MOVEMENTS)
    : Math.ceil(products / MAX_PER_PAGE) + Math.ceil(writes / BATCH_LIMIT);
}

/** What the shop should show: the largest stock over the warehouses, whole pieces, never below 0. */
function shopQuantity(article: Article): number {
  return Math.floor(Math.max(0, ...Object.values(article.stock)) + 1e-9);
}
