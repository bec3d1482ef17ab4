/**
 * WooCommerce REST API v3: products and variations read page by page (SKU and `global_unique_id`
 * to id), stock written in batches.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import { describeBody, type HttpResponse, requestJson, serviceContext } from "../core/http.ts";
import { m } from "../i18n/mod.ts";
import type { WooConfig } from "./woocommerce_config.ts";
import type { ShopProduct, ShopTarget, StockWrite, WriteResult } from "./target.ts";

/** WooCommerce takes at most 100 objects in one batch request. */
const MAX_BATCH = 100;

interface WooProduct {
  id: number;
  name: string;
  type: string;
  sku: string;
  global_unique_id?: string;
  manage_stock: boolean | string;
  stock_quantity: number | null;
}

/** Writes `stock_quantity` with `manage_stock` on, so WooCommerce tracks what it is given. */
export class WooCommerceTarget implements ShopTarget {
  readonly name = "WooCommerce";
  readonly writesByCode = false;
  readonly #config: WooConfig;
  readonly #log: { detail(message: string): void };

  constructor(config: WooConfig, log: { detail(message: string): void }) {
    this.#config = config;
    this.#log = log;
  }

  async check(): Promise<string> {
    const response = await this.#call("GET", "products?per_page=1");
    if (!response.ok) throw wooError(response);
    const total = response.headers.get("x-wp-total");
    return m.eshop.wooCheck(total !== null && /^\d+$/.test(total) ? Number(total) : undefined);
  }

  async products(): Promise<ShopProduct[]> {
    const products: ShopProduct[] = [];
    for (const product of await this.#paged("products")) {
      // A variable product's stock lives on its variations, each with its own SKU and EAN.
      if (product.type === "variable") {
        for (const variation of await this.#paged(`products/${product.id}/variations`)) {
          products.push(
            toShopProduct(variation, product.id, `${product.name} – ${variation.sku || variation.id}`),
          );
        }
      } else products.push(toShopProduct(product, 0, product.name));
    }
    this.#log.detail(m.eshop.wooProducts(products.length));
    return products;
  }

  async write(writes: StockWrite[]): Promise<WriteResult> {
    const result: WriteResult = { written: [], failed: [] };
    const byParent = Map.groupBy(writes, (w) => w.product.ref.split(":")[0]);
    const size = Math.min(this.#config.batch_size ?? MAX_BATCH, MAX_BATCH);
    for (const [parent, group] of byParent) {
      const path = parent === "0" ? "products/batch" : `products/${parent}/variations/batch`;
      for (let i = 0; i < group.length; i += size) {
        const batch = group.slice(i, i + size);
        const response = await this.#call("POST", path, {
          update: batch.map((w) => ({ id: idOf(w.product), manage_stock: true, stock_quantity: w.quantity })),
        });
        if (!response.ok) throw wooError(response);
        const updates = answer<{ update?: { id: number; error?: { message: string } }[] }>(response).update ??
          [];
        const answered = new Map(updates.map((u) => [u.id, u.error?.message]));
        for (const w of batch) {
          const id = idOf(w.product);
          const error = answered.get(id);
          if (!answered.has(id)) {
            result.failed.push({ product: w.product, reason: m.eshop.wooNotMentioned });
          } else if (error) result.failed.push({ product: w.product, reason: String(error) });
          else result.written.push(w.product);
        }
      }
    }
    return result;
  }

  async #paged(path: string): Promise<WooProduct[]> {
    const all: WooProduct[] = [];
    for (let page = 1;; page++) {
      const response = await this.#call("GET", `${path}?per_page=100&page=${page}`);
      if (!response.ok) throw wooError(response);
      const products = answer<WooProduct[]>(response);
      if (!Array.isArray(products)) throw notJson(response);
      all.push(...products);
      if (page >= Number(response.headers.get("x-wp-totalpages") ?? 1)) return all;
    }
  }

  #call(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const credentials = `${this.#config.woo_key!.reveal()}:${this.#config.woo_secret!.reveal()}`;
    const url = `${this.#config.url.replace(/\/+$/, "")}/wp-json/wc/v3/${path}`;
    const auth = { Authorization: `Basic ${new TextEncoder().encode(credentials).toBase64()}` };
    // Hosts and security plugins answer 429; WordPress in maintenance 503.
    const context = serviceContext("WooCommerce", this.#log, this.#config, [429, 502, 503, 504]);
    return requestJson(method, url, auth, body, context);
  }
}

function toShopProduct(item: WooProduct, parent: number, name: string): ShopProduct {
  const managed = item.manage_stock === true;
  return {
    ref: `${parent}:${item.id}`,
    code: item.sku || undefined,
    ean: item.global_unique_id || undefined,
    name,
    quantity: managed ? item.stock_quantity : null,
  };
}

function idOf(product: ShopProduct): number {
  return Number(product.ref.split(":")[1]);
}

/** The JSON of a successful answer; a page instead (a security plugin's challenge) is a service error. */
function answer<T>(response: HttpResponse): T {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    throw notJson(response);
  }
}

function notJson(response: HttpResponse): ServiceError {
  return new ServiceError(
    m.eshop.wooNotJson(new URL(response.url).pathname, describeBody(response.body)),
    { hint: m.eshop.wooNotJsonHint },
  );
}

function wooError(response: HttpResponse): ServiceError {
  const said = describeBody(response.body);
  if (response.status === 401 || response.status === 403) {
    return new ServiceError(m.eshop.wooKeys(response.status, said), { hint: m.eshop.wooKeysHint });
  }
  return new ServiceError(
    m.eshop.answered("WooCommerce", response.status, new URL(response.url).pathname, said),
  );
}
