/**
 * Product read endpoints a stock sync needs to map EAN → variant code: `GET /api/products` (paged,
 * basic info and GUID only, no variants) and `GET /api/products/{guid}` (detail, whose `variants`
 * carry `code` and `ean`). Shoptet offers no EAN filter, so a client pages the list and fetches
 * each detail, or uses the asynchronous products snapshot, which this emulator does not serve.
 *
 * @module
 */

import { failure, success } from "./envelope.ts";
import { amount, shoptetTime } from "./format.ts";
import { paginate } from "./paging.ts";
import type { StoredProduct, StoredVariant } from "./store.ts";
import { invalidPaging } from "./stocks.ts";

/** `GET /api/products`. */
export function listProducts(
  products: readonly StoredProduct[],
  params: URLSearchParams,
  maxPerPage: number,
): Response {
  const page = paginate([...products], params, maxPerPage);
  if (!page) return invalidPaging();
  return success({ products: page.items.map(summary), paginator: page.paginator });
}

/** `GET /api/products/{guid}`: the product itself is `data` (no wrapper object). */
export function productDetail(product: StoredProduct | undefined, guid: string): Response {
  if (!product) {
    return failure(404, [{
      errorCode: "product-not-found",
      message: `Product with identificator "${guid}" not found.`,
      instance: guid,
    }]);
  }
  return success({
    ...summary(product),
    shortDescription: null,
    description: null,
    metaDescription: null,
    internalNote: null,
    isVariant: product.variants.length > 1,
    variants: product.variants.map(variant),
  });
}

function summary(product: StoredProduct) {
  return {
    guid: product.guid,
    name: product.name,
    type: product.type,
    url: `https://eshop.example/${product.guid}/`,
    visibility: "visible",
    brand: null,
    supplier: null,
    defaultCategory: { guid: null, name: null, visible: null },
    creationTime: shoptetTime(product.created),
    changeTime: shoptetTime(product.changed),
  };
}

function variant(v: StoredVariant) {
  const total = [...v.levels.values()].reduce((sum, level) => sum + level.amount, 0);
  return {
    code: v.code,
    ean: v.ean,
    stock: amount(total),
    unit: "ks",
    weight: null,
    width: "0.0",
    height: "0.0",
    depth: "0.0",
    visible: true,
    price: "100.00",
    commonPrice: null,
    includingVat: true,
    vatRate: "21.00",
    currencyCode: "CZK",
    minStockSupply: null,
    actionPrice: null,
    manufacturerCode: null,
    pluCode: null,
    isbn: null,
    serialNo: null,
    mpn: null,
    negativeStockAllowed: "no-global",
    amountDecimalPlaces: 0,
  };
}
