/**
 * WooCommerce REST API (`wc/v3`) emulator for end-to-end tests and the demo: Basic auth with a
 * consumer key and secret, paged products and variations, batch stock updates with WooCommerce's
 * limit and per-item errors, and injectable 429/503 answers. Plain HTTP on 127.0.0.1 only (see
 * auth.ts for what that means for the client); the API lives under {@linkcode
 * WooCommerceEmulator.apiUrl}.
 *
 * @module
 */

import { NextFailures } from "../next_failures.ts";
import { listenLogged, type RequestRecord, requestRecord } from "../request_log.ts";
import { authenticate } from "./auth.ts";
import { type BatchRecord, batchUpdate } from "./batch.ts";
import { errorResponse, wpError } from "./errors.ts";
import { paginate } from "./paging.ts";
import { renderProduct, renderVariation } from "./render.ts";
import { type WooItem, type WooProductInput, WooStore } from "./store.ts";

export { BATCH_LIMIT, type BatchRecord, type BatchScope } from "./batch.ts";
export type { WpError } from "./errors.ts";
export { DEFAULT_PER_PAGE, MAX_PER_PAGE } from "./paging.ts";
export type { WooItem, WooProductInput, WooVariationInput } from "./store.ts";
export { WooStore } from "./store.ts";

/** Credentials accepted when the test names none. */
export const DEFAULT_CONSUMER_KEY = "ck_test";
/** See {@linkcode DEFAULT_CONSUMER_KEY}. */
export const DEFAULT_CONSUMER_SECRET = "cs_test";

/** How to start the emulator. */
export interface WooCommerceOptions {
  consumerKey?: string;
  consumerSecret?: string;
  products?: WooProductInput[];
  /** How long each request is held before it is answered (changeable later). */
  latencyMs?: number;
}

/** One request as the emulator saw it. */
export type WooRequestRecord = RequestRecord;

/** Stock of one SKU as the shop holds it. */
export interface WooStock {
  id: number;
  manage_stock: boolean;
  stock_quantity: number | null;
}

/** A running WooCommerce emulator. */
export interface WooCommerceEmulator {
  /** Shop root, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `${url}/wp-json/wc/v3`. */
  apiUrl: string;
  store: WooStore;
  /** Stock of the product or variation with this SKU. */
  stockBySku(sku: string): WooStock | undefined;
  /** Every batch request that passed authentication, in order. */
  batches: readonly BatchRecord[];
  requests: readonly WooRequestRecord[];
  /** How long each request is held now. */
  latencyMs: number;
  /** Requests being answered now. */
  readonly open: number;
  /**
   * Answers the next `count` requests with `status`: 429 as a security plugin or host would, 503 as
   * WordPress does in maintenance mode. Both come as HTML with `Retry-After` in seconds.
   */
  failNext(count: number, status?: 429 | 503, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/** Starts a WooCommerce emulator on a free loopback port. */
export function startWooCommerce(options: WooCommerceOptions = {}): WooCommerceEmulator {
  const key = options.consumerKey ?? DEFAULT_CONSUMER_KEY;
  const secret = options.consumerSecret ?? DEFAULT_CONSUMER_SECRET;
  const store = new WooStore(options.products);
  const batches: BatchRecord[] = [];
  const requests: WooRequestRecord[] = [];
  const failures = new NextFailures<{ status: 429 | 503; retryAfterSeconds: number }>();
  let latencyMs = options.latencyMs ?? 0;

  const route = async (request: Request, url: URL): Promise<Response> => {
    const path = url.pathname.replace(/\/+$/, "");
    if (!path.startsWith("/wp-json/wc/v3/")) {
      return errorResponse(
        wpError(404, "rest_no_route", "No route was found matching the URL and request method."),
      );
    }
    const resource = path.slice("/wp-json/wc/v3/".length);
    const apiBase = `${url.origin}/wp-json/wc/v3`;
    const list = (items: WooItem[], render: typeof renderProduct) => {
      const page = paginate(items, url);
      if (page instanceof Response) return page;
      return Response.json(page.items.map((i) => render(i, apiBase)), { headers: page.headers });
    };
    if (request.method === "GET" && resource === "products") {
      const sku = url.searchParams.get("sku");
      const type = url.searchParams.get("type");
      const products = store.products().filter((p) =>
        (sku === null || p.sku === sku) && (type === null || p.type === type)
      );
      return list(products, renderProduct);
    }
    let match = /^products\/(\d+)\/variations$/.exec(resource);
    if (request.method === "GET" && match) {
      const variations = store.variations(Number(match[1]));
      if (!variations) {
        return errorResponse(wpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID."));
      }
      return list(variations, renderVariation);
    }
    match = /^products(?:\/(\d+)\/variations)?\/batch$/.exec(resource);
    if ((request.method === "POST" || request.method === "PUT" || request.method === "PATCH") && match) {
      const body = await request.json().catch(() => undefined);
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return errorResponse(wpError(400, "rest_invalid_json", "Invalid JSON body passed."));
      }
      const scope = match[1]
        ? { kind: "variations" as const, productId: Number(match[1]) }
        : { kind: "products" as const };
      const { response, record } = batchUpdate(store, scope, body, apiBase);
      batches.push(record);
      return response;
    }
    return errorResponse(
      wpError(404, "rest_no_route", "No route was found matching the URL and request method."),
    );
  };

  const handle = async (request: Request, url: URL): Promise<Response> => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const failure = failures.take();
    if (failure) {
      const text = failure.status === 503
        ? "Briefly unavailable for scheduled maintenance. Check back in a minute."
        : "Too Many Requests";
      return new Response(`<html><body><p>${text}</p></body></html>`, {
        status: failure.status,
        headers: {
          "Content-Type": "text/html; charset=UTF-8",
          "Retry-After": String(failure.retryAfterSeconds),
        },
      });
    }
    return authenticate(request, key, secret) ?? await route(request, url);
  };

  const server = listenLogged(requests, handle, requestRecord);

  return {
    url: server.url,
    apiUrl: `${server.url}/wp-json/wc/v3`,
    store,
    stockBySku(sku) {
      const item = store.bySku(sku);
      return item && { id: item.id, manage_stock: item.manage_stock, stock_quantity: item.stock_quantity };
    },
    batches,
    requests,
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms) {
      latencyMs = ms;
    },
    get open() {
      return server.open;
    },
    failNext: (count, status = 503, retryAfterSeconds = 1) =>
      failures.arm(count, { status, retryAfterSeconds }),
    close: server.close,
  };
}
