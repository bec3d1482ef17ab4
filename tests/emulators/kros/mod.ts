/**
 * KROS API emulator for end-to-end tests and the demo: bearer-token auth (401 unknown, 402 API
 * module not paid), `GET /api/catalog-items` with KROS paging, per-token rate limits with violation
 * counting, and injectable server faults. Serves plain HTTP on 127.0.0.1; the client's base URL is
 * {@linkcode KrosEmulator.apiUrl}.
 *
 * @module
 */

import { NextFailures } from "../next_failures.ts";
import { listenLogged, type RequestRecord, requestRecord } from "../request_log.ts";
import { KrosCatalog, type KrosCatalogItemInput } from "./catalog.ts";
import { problem } from "./problem.ts";
import { parseCatalogQuery } from "./query.ts";
import { KROS_LIMITS, type RateLimit, SlidingWindowLimiter } from "./rate_limit.ts";

export type { KrosCatalogItem, KrosCatalogItemInput, KrosWarehouseStock } from "./catalog.ts";
export { KrosCatalog } from "./catalog.ts";
export type { RateLimit, RateLimitStats, RateLimitViolation } from "./rate_limit.ts";
export { MAX_TOP } from "./query.ts";
export { krosSignature, SIGNATURE_HEADER, utf16le } from "./signature.ts";
export { type KrosNotification, sampleNotification, sendNotification, type SendOptions } from "./webhook.ts";

/** Token accepted when the test names none. */
export const DEFAULT_KROS_TOKEN = "kros-test-token";

/** How to start the emulator. */
export interface KrosOptions {
  /** Tokens of companies with the API module; default `[DEFAULT_KROS_TOKEN]`. */
  tokens?: string[];
  /** Valid tokens of companies without the paid API module: every request gets 402. */
  unpaidTokens?: string[];
  /** Initial catalogue. */
  items?: KrosCatalogItemInput[];
  /** Rate limits per token; default 10/s and 300/min. Tests pass short windows. */
  limits?: RateLimit[];
}

/** One request as the emulator saw it, e.g. `url` `/api/catalog-items?Top=100&Skip=0`. */
export interface KrosRequestRecord extends RequestRecord {
  /** The bearer token sent, if any. */
  token: string | null;
}

/** A running KROS emulator. */
export interface KrosEmulator {
  /** Server root, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Base URL for the client: `${url}/api`. */
  apiUrl: string;
  /** The served catalogue; change it between runs. */
  catalog: KrosCatalog;
  /** Rate-limit counters and violations. */
  limiter: SlidingWindowLimiter;
  /** Every request so far, in arrival order. */
  requests: readonly KrosRequestRecord[];
  /** Makes the next `count` authenticated requests fail with `status` (default 503). */
  failNext(count: number, status?: 500 | 503): void;
  close(): Promise<void>;
}

/** Starts a KROS emulator on a free loopback port. */
export function startKros(options: KrosOptions = {}): KrosEmulator {
  const tokens = new Set(options.tokens ?? [DEFAULT_KROS_TOKEN]);
  const unpaid = new Set(options.unpaidTokens ?? []);
  const catalog = new KrosCatalog(options.items);
  const limiter = new SlidingWindowLimiter(options.limits ?? KROS_LIMITS);
  const requests: KrosRequestRecord[] = [];
  const failures = new NextFailures<500 | 503>();

  const respond = (request: Request, url: URL): Response => {
    const token = bearer(request);
    if (token === null || (!tokens.has(token) && !unpaid.has(token))) {
      return problem(401, "Unauthorized", { detail: "The token is missing, invalid or was reset." }, {
        "WWW-Authenticate": 'Bearer error="invalid_token"',
      });
    }
    if (unpaid.has(token)) {
      return problem(402, "Payment Required", {
        detail: "The API module is not part of this company's plan.",
      });
    }
    const decision = limiter.hit(token);
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return problem(429, "Too Many Requests", { detail: "Rate limit exceeded." }, {
        "Retry-After": String(seconds),
      });
    }
    const failure = failures.take();
    if (failure) return problem(failure, failure === 500 ? "Internal Server Error" : "Service Unavailable");
    return route(request.method, url, catalog);
  };

  const server = listenLogged(requests, respond, (request, url, response) => ({
    ...requestRecord(request, url, response),
    token: bearer(request),
  }));

  return {
    url: server.url,
    apiUrl: `${server.url}/api`,
    catalog,
    limiter,
    requests,
    failNext: (count, status = 503) => failures.arm(count, status),
    close: server.close,
  };
}

function route(method: string, url: URL, catalog: KrosCatalog): Response {
  const path = url.pathname.replace(/\/+$/, "").toLowerCase();
  if (path === "/api/catalog-items") {
    if (method !== "GET") return problem(405, "Method Not Allowed");
    const parsed = parseCatalogQuery(url.searchParams);
    if (!parsed.ok) return problem(400, "One or more validation errors occurred.", { errors: parsed.errors });
    return Response.json({ data: catalog.query(parsed.query) });
  }
  // A cheap token check seen in one client (reference §A1): 200 with an empty body.
  if (path === "/api/auth/check" && method === "GET") return new Response(null, { status: 200 });
  return problem(404, "Not Found");
}

function bearer(request: Request): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("Authorization") ?? "");
  return match ? match[1].trim() : null;
}
