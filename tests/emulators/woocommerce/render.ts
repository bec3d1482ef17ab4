/**
 * JSON of products and variations as `wc/v3` returns them, reduced to the fields a stock sync and
 * a human reading test output care about, with WooCommerce's formats (local dates without zone,
 * prices as strings, `_links`).
 *
 * @module
 */

import type { WooItem } from "./store.ts";

/** A product as `GET products` and `POST products/batch` return it. */
export function renderProduct(item: WooItem, apiBase: string): Record<string, unknown> {
  return {
    ...common(item),
    name: item.name,
    slug: item.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    permalink: `${apiBase.replace(/\/wp-json\/wc\/v3$/, "")}/?p=${item.id}`,
    type: item.type,
    parent_id: 0,
    variations: item.variationIds,
    _links: {
      self: [{ href: `${apiBase}/products/${item.id}` }],
      collection: [{ href: `${apiBase}/products` }],
    },
  };
}

/** A variation as `GET products/{id}/variations` and the variations batch return it. */
export function renderVariation(item: WooItem, apiBase: string): Record<string, unknown> {
  return {
    ...common(item),
    permalink: `${apiBase.replace(/\/wp-json\/wc\/v3$/, "")}/?p=${item.parentId}&variation=${item.id}`,
    attributes: [],
    _links: {
      self: [{ href: `${apiBase}/products/${item.parentId}/variations/${item.id}` }],
      collection: [{ href: `${apiBase}/products/${item.parentId}/variations` }],
      up: [{ href: `${apiBase}/products/${item.parentId}` }],
    },
  };
}

function common(item: WooItem) {
  return {
    id: item.id,
    date_created: localTime(item.created),
    date_created_gmt: localTime(item.created),
    date_modified: localTime(item.modified),
    date_modified_gmt: localTime(item.modified),
    status: "publish",
    sku: item.sku,
    global_unique_id: item.global_unique_id,
    price: "",
    regular_price: "",
    sale_price: "",
    manage_stock: item.manage_stock,
    stock_quantity: item.stock_quantity,
    stock_status: item.manage_stock && (item.stock_quantity ?? 0) <= 0 ? "outofstock" : "instock",
    backorders: "no",
    backorders_allowed: false,
    backordered: false,
    meta_data: [],
  };
}

/** `2017-03-23T17:01:14`; the emulated site runs on UTC, so local time and GMT agree. */
function localTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}
