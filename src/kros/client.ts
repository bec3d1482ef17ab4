/**
 * The KROS API as spojka reads it: the catalogue with stock per warehouse, page by page, within
 * KROS's rate limits.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import {
  describeBody,
  type HttpResponse,
  request,
  type RequestContext,
  serviceContext,
} from "../core/http.ts";
import type { KrosConfig } from "../connectors/kros_stock/config.ts";
import { RateLimiter, type RequestLog, type Window } from "./limiter.ts";
import { m } from "../i18n/mod.ts";

const SERVICE = "KROS";

/** How a {@linkcode KrosClient} keeps within KROS's rate limits. */
export interface KrosClientOptions {
  /**
   * Where the requests sent are remembered, so that other clients and processes sharing it count
   * together: `sqliteRequestLog(db, "kros " + config.base_url)` (never an id derived from the token).
   * Without it, the requests are remembered by one limiter per token for the life of this process.
   */
  requestLog?: RequestLog;
}

/** A client of one KROS company. */
export class KrosClient {
  readonly #config: KrosConfig;
  readonly #log: { detail(message: string): void };
  readonly #limiter: RateLimiter;

  constructor(config: KrosConfig, log: { detail(message: string): void }, options: KrosClientOptions = {}) {
    this.#config = config;
    this.#log = log;
    // The shared log is the memory; this limiter only orders this client's own requests.
    this.#limiter = options.requestLog
      ? new RateLimiter(windowsOf(config), { log: options.requestLog })
      : limiterFor(config);
  }

  /** Every catalogue item as KROS sends it. An item met twice while paging is kept once. */
  async catalog(): Promise<Record<string, unknown>[]> {
    const byId = new Map<unknown, Record<string, unknown>>();
    const top = this.#config.page_size;
    for (let skip = 0;; skip += top) {
      const page = await this.#page(top, skip);
      // Ordering may shift while paging; the id (or, lacking one, the position) de-duplicates.
      page.forEach((item, i) => byId.set(item.id ?? `${skip + i}`, item));
      if (page.length < top) break;
    }
    this.#log.detail(m.stockRun.krosItems(byId.size));
    return [...byId.values()];
  }

  /** One cheap request that proves the token works. */
  async check(): Promise<void> {
    await this.#page(1, 0);
  }

  async #page(top: number, skip: number): Promise<Record<string, unknown>[]> {
    const url = new URL(`${this.#config.base_url.replace(/\/+$/, "")}/catalog-items`);
    url.searchParams.set("Top", String(top));
    url.searchParams.set("Skip", String(skip));
    if (this.#config.only_marked_for_eshop) url.searchParams.set("OnlyMarkedForEshop", "true");
    const response = await request(url.href, {
      headers: { Authorization: `Bearer ${this.#config.token.reveal()}`, Accept: "application/json" },
    }, this.#context());
    if (!response.ok) throw krosError(response);
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(response.body)).data;
    } catch {
      data = undefined;
    }
    if (!Array.isArray(data)) {
      throw new ServiceError(m.kros.noList(url.pathname));
    }
    return data as Record<string, unknown>[];
  }

  #context(): RequestContext {
    // Every attempt, retries included, passes the limiter.
    return serviceContext(
      SERVICE,
      this.#log,
      this.#config,
      [429, 500, 502, 503, 504],
      () => this.#limiter.acquire(),
    );
  }
}

const limiters = new Map<string, RateLimiter>();

/**
 * One limiter per token and limits for the whole process: `serve` runs sync after sync, and a new
 * limiter per run would forget the requests of the run just before.
 */
function limiterFor(config: KrosConfig): RateLimiter {
  const key = JSON.stringify([config.base_url, config.token.reveal(), config.rate_limits]);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(windowsOf(config));
    limiters.set(key, limiter);
  }
  return limiter;
}

function windowsOf(config: KrosConfig): Window[] {
  return config.rate_limits.map((l) => ({ requests: l.requests, windowMs: l.seconds * 1000 }));
}

function krosError(response: HttpResponse): ServiceError {
  const said = describeBody(response.body);
  switch (response.status) {
    case 401:
      return new ServiceError(m.kros.badToken(said), { hint: m.kros.badTokenHint });
    case 402:
      return new ServiceError(m.kros.noApiModule(said), { hint: m.kros.noApiModuleHint });
    default:
      return new ServiceError(m.kros.http(response.status, said));
  }
}
