/**
 * Read endpoints of the Shoptet "Stocks" group: `GET /api/stocks` (all warehouses, not paged) and
 * `GET /api/stocks/{stockId}/supplies` (paged; optional `code` and `productGuid` filters).
 *
 * @module
 */

import { failure, success } from "./envelope.ts";
import { amount } from "./format.ts";
import { paginate } from "./paging.ts";
import type { ShoptetStore } from "./store.ts";

/** `GET /api/stocks`. */
export function listStocks(store: ShoptetStore): Response {
  return success({ stocks: store.stocks, defaultStockId: store.defaultStockId });
}

/** `GET /api/stocks/{stockId}/supplies`. */
export function listSupplies(
  store: ShoptetStore,
  stockId: number,
  params: URLSearchParams,
  maxPerPage: number,
): Response {
  if (!store.hasStock(stockId)) {
    return failure(404, [{
      errorCode: "stock-not-found",
      message: `Stock "${stockId}" not found.`,
      instance: String(stockId),
    }]);
  }
  const code = params.get("code");
  const guid = params.get("productGuid");
  const variants = store.products()
    .filter((p) => guid === null || p.guid === guid)
    .flatMap((p) => p.variants.filter((v) => code === null || v.code === code).map((v) => ({ p, v })));
  // Only the page is rendered: a shop of 20 000 variants is read in 400 pages.
  const page = paginate(variants, params, maxPerPage);
  if (!page) return invalidPaging();
  const supplies = page.items.map(({ p, v }) => {
    const level = v.levels.get(stockId)!;
    // A product set's stock is computed from its items, so it has no amount of its own.
    const own = p.type !== "product-set";
    return {
      productGuid: p.guid,
      code: v.code,
      amount: own ? amount(level.amount) : null,
      claim: own ? amount(level.claim) : null,
      location: level.location,
    };
  });
  return success({ supplies, paginator: page.paginator });
}

/** The answer to a non-positive `page` or `itemsPerPage`. */
export function invalidPaging(): Response {
  return failure(400, [{
    errorCode: "invalid-parameter",
    message: 'Parameters "page" and "itemsPerPage" must be positive integers.',
    instance: "page",
  }]);
}
