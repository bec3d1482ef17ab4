/**
 * Shoptet private-API emulator for end-to-end tests and the demo: token auth, stocks, supplies,
 * products (list and detail), stock movements, and Shoptet's traffic rules (3 open connections per
 * token, URL locks for writes, injectable 429s). The client's base URL is {@linkcode
 * ShoptetEmulator.url}; it calls `${url}/api/...` as against `https://api.myshoptet.com`.
 *
 * @module
 */

import { NextFailures } from "../next_failures.ts";
import { listenLogged, type RequestRecord, requestRecord } from "../request_log.ts";
import { Admission, type AdmissionCounters } from "./admission.ts";
import { failure, tooManyConnections } from "./envelope.ts";
import { type MovementRecord, patchMovements } from "./movements.ts";
import { listProducts, productDetail } from "./products.ts";
import { listStocks, listSupplies } from "./stocks.ts";
import { type ShoptetProductInput, ShoptetStore, type StockLevel } from "./store.ts";

export type { AdmissionCounters } from "./admission.ts";
export { MAX_CONNECTIONS_PER_TOKEN } from "./admission.ts";
export type { ShoptetError } from "./envelope.ts";
export { MAX_MOVEMENTS, type MovementRecord } from "./movements.ts";
export type { Paginator } from "./paging.ts";
export type { ShoptetProductInput, ShoptetVariantInput, StockLevel, StockLevelInput } from "./store.ts";
export { ShoptetStore } from "./store.ts";

/** Header of the private (Premium) API token. */
export const TOKEN_HEADER = "Shoptet-Private-API-Token";
/** Token accepted when the test names none. */
export const DEFAULT_SHOPTET_TOKEN = "shoptet-test-token";
/** Page size limit of paged endpoints unless `maxItemsPerPage` says otherwise. */
export const DEFAULT_MAX_ITEMS_PER_PAGE = 50;

/** How to start the emulator. */
export interface ShoptetOptions {
  token?: string;
  /** Warehouses; the first is the default stock. Default: one stock with id 1. */
  stocks?: { id: number; title: string }[];
  products?: ShoptetProductInput[];
  /** How long each request is held open, so that concurrency and locks become observable (changeable later). */
  latencyMs?: number;
  /** Page size limit of paged endpoints; Shoptet's real limits are per endpoint and unverified. */
  maxItemsPerPage?: number;
}

/** One request as the emulator saw it. */
export type ShoptetRequestRecord = RequestRecord;

/** A running Shoptet emulator. */
export interface ShoptetEmulator {
  /** Server root; the API lives under `${url}/api`. */
  url: string;
  store: ShoptetStore;
  /** Current stock of a variant (default stock unless given). */
  stockOf(code: string, stockId?: number): StockLevel | undefined;
  /** Every movements request that reached processing, in order. */
  movements: readonly MovementRecord[];
  requests: readonly ShoptetRequestRecord[];
  counters: Readonly<AdmissionCounters>;
  /** How long each request is held open now. */
  latencyMs: number;
  /** Requests being answered now. */
  readonly open: number;
  /** Answers the next `count` requests with 429 "bucket full" and an HTTP-date `Retry-After`. */
  failNext(count: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/** Starts a Shoptet emulator on a free loopback port. */
export function startShoptet(options: ShoptetOptions = {}): ShoptetEmulator {
  const token = options.token ?? DEFAULT_SHOPTET_TOKEN;
  const store = new ShoptetStore(
    options.stocks ?? [{ id: 1, title: "Hlavní sklad" }],
    options.products ?? [],
  );
  const maxPerPage = options.maxItemsPerPage ?? DEFAULT_MAX_ITEMS_PER_PAGE;
  const admission = new Admission();
  const movements: MovementRecord[] = [];
  const requests: ShoptetRequestRecord[] = [];
  const failures = new NextFailures<{ retryAfterSeconds: number }>();
  let latencyMs = options.latencyMs ?? 0;

  const route = async (request: Request, url: URL): Promise<Response> => {
    const path = url.pathname.replace(/\/+$/, "");
    const get = request.method === "GET";
    if (get && path === "/api/stocks") return listStocks(store);
    if (get && path === "/api/products") return listProducts(store.products(), url.searchParams, maxPerPage);
    let match = /^\/api\/products\/([^/]+)$/.exec(path);
    if (get && match) {
      const guid = decodeURIComponent(match[1]);
      return productDetail(store.product(guid), guid);
    }
    match = /^\/api\/stocks\/(\d+)\/supplies$/.exec(path);
    if (get && match) return listSupplies(store, Number(match[1]), url.searchParams, maxPerPage);
    match = /^\/api\/stocks\/(\d+)\/movements$/.exec(path);
    if (request.method === "PATCH" && match) {
      const stockId = Number(match[1]);
      const body = await request.json().catch(() => undefined);
      const response = body === undefined
        ? failure(422, [{ errorCode: "invalid-request-data", message: "Invalid JSON.", instance: "payload" }])
        : patchMovements(store, stockId, body);
      const { errors } = await response.clone().json();
      movements.push({ stockId, data: body?.data, status: response.status, errors });
      return response;
    }
    return failure(404, [{ errorCode: "not-found", message: "Endpoint not found.", instance: path }]);
  };

  const handle = async (request: Request, url: URL): Promise<Response> => {
    const given = request.headers.get(TOKEN_HEADER);
    // nginx counts connections before the application sees the request.
    if (given !== null && !admission.enter(given)) return tooManyConnections();
    try {
      const fault = failures.take();
      if (fault) {
        return failure(429, [{
          errorCode: "too-many-requests",
          message: "Rate limit exceeded.",
          instance: "unknown",
        }], {
          "Retry-After": new Date(Date.now() + fault.retryAfterSeconds * 1000).toUTCString(),
          "X-RateLimit-Bucket-Filling": "200/200",
        });
      }
      if (given === null) {
        return failure(401, [{
          errorCode: "missing-access-token",
          message: `Missing access token. Please add \`${TOKEN_HEADER}\` header to your request.`,
          instance: "unknown",
        }]);
      }
      if (given !== token) {
        return failure(401, [{
          errorCode: "invalid-token",
          message: "Invalid access token.",
          instance: "access-token",
        }]);
      }
      const lockKey = `${request.method} ${url.pathname}${url.search}`;
      const write = request.method !== "GET";
      if (write && !admission.lock(lockKey)) {
        return failure(423, [{
          errorCode: "locked",
          message: "Identical request is being processed.",
          instance: url.pathname,
        }]);
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return await route(request, url);
      } finally {
        if (write) admission.unlock(lockKey);
      }
    } finally {
      if (given !== null) admission.leave(given);
    }
  };

  const server = listenLogged(requests, handle, requestRecord);

  return {
    url: server.url,
    store,
    stockOf: (code, stockId) => store.level(code, stockId),
    movements,
    requests,
    counters: admission.counters,
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms) {
      latencyMs = ms;
    },
    get open() {
      return server.open;
    },
    failNext: (count, retryAfterSeconds = 1) => failures.arm(count, { retryAfterSeconds }),
    close: server.close,
  };
}
