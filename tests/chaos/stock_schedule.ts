/**
 * A KROS → e-shop schedule in process: a small KROS catalogue and a Shoptet or WooCommerce shop of
 * its own, a clean run first or not, then one to three runs with faults (each may die on the way),
 * stock moving in KROS in between and during the runs, and a clean run. Then every product both
 * sides sell must have the quantity KROS gives it now.
 *
 * @module
 */

import { syncStock } from "../../src/connectors/kros_stock/sync.ts";
import { Random } from "../emulators/flowii/random.ts";
import { DEFAULT_KROS_TOKEN, type KrosCatalogItem, startKros } from "../emulators/kros/mod.ts";
import { DEFAULT_SHOPTET_TOKEN, type ShoptetEmulator, startShoptet } from "../emulators/shoptet/mod.ts";
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  startWooCommerce,
  type WooCommerceEmulator,
} from "../emulators/woocommerce/mod.ts";
import { type Article, articles, krosItems, shownQuantity } from "../helpers/stock_world.ts";
import {
  changeStock,
  CRASH_AT_REQUEST,
  drawDeath,
  drawFaults,
  KROS,
  type StockTarget,
  TRANSPORT,
} from "./faults.ts";
import { describeRun, ending, type RunPlan, runUnder } from "./harness.ts";
import { eshopSettings, krosSettings, quietFolder, stockSettings } from "./inprocess.ts";
import { checkStock } from "./invariant.ts";
import { newOutcome, type Outcome } from "./outcome.ts";
import { FaultProxy, type ProxiedRequest } from "./proxy.ts";

/** Runs the schedule of `seed` and reports what it found. */
export async function stockSchedule(seed: number): Promise<Outcome> {
  const rng = new Random(seed * 2_246_822_519);
  const outcome = newOutcome(`stock:${seed}`);
  const platform = rng.pick(["shoptet", "woocommerce"] as const);
  const catalogue = shuffleStock(rng, articles(rng.int(3, 30)));
  const notInShop = catalogue.filter(() => rng.chance(0.1)).map((a) => a.code);
  const sold = catalogue.filter((a) => !notInShop.includes(a.code));
  const initial = () => rng.chance(0.5) ? 0 : rng.int(0, 20);
  const kros = startKros({ items: krosItems(catalogue) });
  const shop = platform === "shoptet"
    ? startShoptet({
      products: sold.map((a) => ({
        name: a.name,
        variants: [{ code: a.code, ean: a.ean, amount: initial() }],
      })),
      maxItemsPerPage: rng.int(5, 50),
    })
    : startWooCommerce({
      products: sold.map((a) => ({
        name: a.name,
        sku: a.code,
        global_unique_id: a.ean,
        manage_stock: true,
        stock_quantity: initial(),
      })),
    });
  const shopService = platform === "shoptet" ? "Shoptet" : "WooCommerce";
  const proxies = { KROS: new FaultProxy(kros.url), [shopService]: new FaultProxy(shop.url) };
  const folder = await quietFolder();
  const quantity = rng.pick(["max", "sum"] as const);
  const pageSize = rng.int(2, 20);
  outcome.story.push(
    `${catalogue.length} KROS items, ${sold.length} in ${shopService}, ${quantity} over warehouses, pages of ${pageSize}`,
  );
  try {
    const pages = Math.ceil(catalogue.length / pageSize);
    const target: StockTarget = {
      kros,
      aims: {
        kros: { service: "KROS", statuses: [429, 500, 503], requests: pages + 1 },
        // Reading the products page by page, then writing.
        shop: {
          service: shopService,
          statuses: platform === "shoptet" ? [423, 429, 503] : [429, 502, 503],
          requests: 3 + Math.ceil(sold.length / 10),
        },
      },
    };
    const run = (plan: RunPlan, faulty: boolean) =>
      runUnder(proxies, plan, () =>
        syncStock({
          kros: krosSettings(`${proxies.KROS.url}/api`, DEFAULT_KROS_TOKEN, {
            page_size: pageSize,
            ...(faulty ? FAULTY : {}),
          }),
          eshop: eshopSettings(
            platform,
            proxies[shopService].url,
            platform === "shoptet"
              ? { shoptet_token: DEFAULT_SHOPTET_TOKEN }
              : { woo_key: DEFAULT_CONSUMER_KEY, woo_secret: DEFAULT_CONSUMER_SECRET },
            faulty ? FAULTY : {},
          ),
          stock: stockSettings({ quantity }),
          ...folder,
        }));

    if (rng.chance(0.4)) {
      outcome.story.push(describeRun("first run", await run({ events: [] }, false)));
      changeStock(rng, kros);
    }
    const faultyRuns = rng.pick([1, 1, 1, 2, 2, 3]);
    for (let i = 1; i <= faultyRuns; i++) {
      const result = await run(drawPlan(rng, target), true);
      outcome.struck.push(...result.struck);
      outcome.story.push(describeRun(`faulty run ${i}`, result));
      if (result.bug !== undefined) outcome.problems.push(`faulty run ${i} ended with ${ending(result)}`);
      if (rng.chance(0.4)) changeStock(rng, kros);
    }
    const clean = await run({ events: [] }, false);
    outcome.story.push(describeRun("clean run", clean));
    if (clean.code !== 0) outcome.problems.push(`the clean run ended with ${ending(clean)}, not exit 0`);

    const findings = checkStock(
      kros.catalog.list().filter((item) => !notInShop.includes(item.itemCode)).map((item) => ({
        code: item.itemCode,
        expected: krosQuantity(item, quantity),
        actual: shopQuantity(shop, item.itemCode),
      })),
    );
    Object.assign(outcome, { lost: findings.lost, duplicated: findings.duplicated });
    outcome.problems.push(...findings.problems);
  } finally {
    for (const proxy of Object.values(proxies)) await proxy.close();
    await kros.close();
    await shop.close();
    await folder.remove();
  }
  return outcome;
}

/** Faulty runs give up soon, so that timeouts and retries cost milliseconds, not minutes. */
const FAULTY = { timeout_seconds: 1, max_attempts: 2 };

/** The fixed pattern of `articles`, with stock drawn anew. */
function shuffleStock(rng: Random, list: Article[]): Article[] {
  return list.map((a) => ({
    ...a,
    stock: { BA: rng.int(0, 30), KE: rng.int(-3, 12), ZA: rng.chance(0.3) ? 0.5 : rng.int(0, 9) },
  }));
}

/** One to three faults, and a death in about half the runs. */
function drawPlan(rng: Random, target: StockTarget): RunPlan {
  const events = [
    ...drawFaults(rng, TRANSPORT, rng.pick([target.aims.kros, target.aims.shop]), rng.int(1, 2)),
    ...drawFaults(rng, KROS, target, rng.int(0, 1)),
  ];
  if (!rng.chance(0.5)) return { events };
  if (rng.chance(0.5)) {
    const writes = { ...target.aims.shop, requests: 1, matches: (r: ProxiedRequest) => r.method !== "GET" };
    const aim = rng.pick([target.aims.kros, target.aims.shop, writes, writes]);
    return { events: [...events, ...drawFaults(rng, CRASH_AT_REQUEST, aim, 1)] };
  }
  // Writes: the quantities sent, and the run's record.
  return { events, ...drawDeath(rng, 3) };
}

/** KROS's quantity as the shop should show it. */
function krosQuantity(item: KrosCatalogItem, mode: "max" | "sum"): number {
  return shownQuantity(item.warehouses.map((w) => w.quantityOnHand), mode);
}

/** The shop's stock of `code`: Shoptet's real stock, WooCommerce's stock quantity. */
function shopQuantity(shop: ShoptetEmulator | WooCommerceEmulator, code: string): number | null | undefined {
  return "stockOf" in shop ? shop.stockOf(code)?.realStock : shop.stockBySku(code)?.stock_quantity;
}
