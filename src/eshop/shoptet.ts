/**
 * Shoptet's private API: stock read from a warehouse's supplies and written as absolute movements.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import { describeBody, type HttpResponse, requestJson, serviceContext } from "../core/http.ts";
import { m, quote } from "../i18n/mod.ts";
import type { ShoptetConfig } from "./shoptet_config.ts";
import type { ShopProduct, ShopTarget, StockWrite, WriteResult } from "./target.ts";

/** Shoptet takes at most 300 products in one movements request. */
const MAX_BATCH = 300;

interface Envelope<T> {
  data: T | null;
  errors: { errorCode: string; message: string; instance?: string }[] | null;
}

interface Paginator {
  page: number;
  pageCount: number;
}

/** Writes `realStock` (physical stock, reservations kept by Shoptet) or `quantity` (what can be ordered). */
export class ShoptetTarget implements ShopTarget {
  readonly name = "Shoptet";
  readonly writesByCode = true;
  readonly #config: ShoptetConfig;
  readonly #log: { detail(message: string): void };
  #stockId?: number;

  constructor(config: ShoptetConfig, log: { detail(message: string): void }) {
    this.#config = config;
    this.#log = log;
  }

  async check(): Promise<string> {
    const { stocks, defaultStockId } = await this.#stocks();
    const target = this.#config.shoptet_stock_id ?? defaultStockId;
    return m.eshop.shoptetCheck(stocks.length, target, target === defaultStockId);
  }

  async products(withEans: boolean): Promise<ShopProduct[]> {
    const stockId = await this.#stock();
    const eans = withEans ? await this.#variantDetails() : new Map<string, { ean?: string; name: string }>();
    const supplies = await this.#paged<{ code: string; amount: string | null; claim: string | null }>(
      `/api/stocks/${stockId}/supplies`,
      "supplies",
    );
    return supplies.map((supply) => {
      const real = supply.amount === null ? null : Number(supply.amount);
      const available = real === null ? null : real - Number(supply.claim ?? 0);
      const detail = eans.get(supply.code);
      return {
        ref: supply.code,
        code: supply.code,
        ean: detail?.ean,
        name: detail?.name ?? supply.code,
        quantity: this.#config.shoptet_field === "realStock" ? real : available,
        // A product set's stock is computed from its items; Shoptet refuses to set it.
        readOnly: real === null ? m.eshop.shoptetProductSet : undefined,
      };
    });
  }

  async write(writes: StockWrite[]): Promise<WriteResult> {
    const result: WriteResult = { written: [], failed: [] };
    const stockId = await this.#stock();
    const size = Math.min(this.#config.batch_size ?? MAX_BATCH, MAX_BATCH);
    // One request at a time: Shoptet locks the movements URL of a stock while it processes one (423).
    for (let i = 0; i < writes.length; i += size) {
      const batch = writes.slice(i, i + size);
      const field = this.#config.shoptet_field;
      const response = await this.#call("PATCH", `/api/stocks/${stockId}/movements`, {
        data: batch.map((w) => ({ productCode: w.product.ref, [field]: w.quantity })),
      });
      if (!response.ok && response.status !== 400) throw shoptetError(response);
      const errors = parse<unknown>(response).errors ?? [];
      if (response.status === 400 && errors.length === 0) throw shoptetError(response);
      const codes = new Set(batch.map((w) => w.product.ref));
      const unplaced = errors.filter((e) => !codes.has(e.instance ?? ""));
      if (unplaced.length > 0) {
        // An error that names no product of this request leaves the whole batch uncertain. Counted as
        // failed, it is written again next run: absolute quantities make that harmless.
        const reason = m.eshop.shoptetUnplaced(quote(unplaced.map((e) => e.message).join("; ")));
        result.failed.push(...batch.map((w) => ({ product: w.product, reason })));
        continue;
      }
      const refused = new Map(errors.map((e) => [e.instance!, e.message]));
      for (const w of batch) {
        const reason = refused.get(w.product.ref);
        if (reason === undefined) result.written.push(w.product);
        else result.failed.push({ product: w.product, reason });
      }
    }
    return result;
  }

  async #stocks(): Promise<{ stocks: unknown[]; defaultStockId: number }> {
    const response = await this.#call("GET", "/api/stocks");
    if (!response.ok) throw shoptetError(response);
    const data = parse<{ stocks: unknown[]; defaultStockId: number }>(response).data;
    if (!data) throw new ServiceError(m.eshop.shoptetNoWarehouses);
    return data;
  }

  async #stock(): Promise<number> {
    this.#stockId ??= this.#config.shoptet_stock_id ?? (await this.#stocks()).defaultStockId;
    return this.#stockId;
  }

  /** Variant code → EAN and product name: Shoptet has no EAN filter, so every product's detail is read. */
  async #variantDetails(): Promise<Map<string, { ean?: string; name: string }>> {
    const products = await this.#paged<{ guid: string; name: string }>("/api/products", "products");
    this.#log.detail(m.eshop.shoptetDetails(products.length));
    const details = new Map<string, { ean?: string; name: string }>();
    for (const { guid } of products) {
      const response = await this.#call("GET", `/api/products/${encodeURIComponent(guid)}`);
      if (!response.ok) throw shoptetError(response);
      const product =
        parse<{ name: string; variants: { code: string; ean: string | null }[] }>(response).data;
      for (const variant of product?.variants ?? []) {
        details.set(variant.code, { ean: variant.ean ?? undefined, name: product!.name });
      }
    }
    return details;
  }

  async #paged<T>(path: string, key: string): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1;; page++) {
      const response = await this.#call("GET", `${path}?page=${page}&itemsPerPage=50`);
      if (!response.ok) throw shoptetError(response);
      const data = parse<Record<string, unknown> & { paginator?: Paginator }>(response).data;
      all.push(...((data?.[key] ?? []) as T[]));
      if (!data?.paginator || page >= data.paginator.pageCount) return all;
    }
  }

  #call(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const url = `${this.#config.url.replace(/\/+$/, "")}${path}`;
    const token = { "Shoptet-Private-API-Token": this.#config.shoptet_token!.reveal() };
    // 429: the token's bucket is full, or too many connections; 423: a write to the same stock runs.
    return requestJson(
      method,
      url,
      token,
      body,
      serviceContext("Shoptet", this.#log, this.#config, [423, 429, 503]),
    );
  }
}

function parse<T>(response: HttpResponse): Envelope<T> {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return { data: null, errors: null };
  }
}

function shoptetError(response: HttpResponse): ServiceError {
  const said = describeBody(response.body);
  if (response.status === 401 || response.status === 403) {
    return new ServiceError(m.eshop.shoptetToken(response.status, said), { hint: m.eshop.shoptetTokenHint });
  }
  return new ServiceError(m.eshop.answered("Shoptet", response.status, new URL(response.url).pathname, said));
}
