/**
 * HTTP with the manners every spojka client needs: a timeout per attempt, bounded exponential
 * back-off, `Retry-After` honoured (and capped), and network failures turned into messages a user
 * can act on.
 *
 * @module
 */

import { ServiceError } from "./errors.ts";

/** When and how often to try again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Statuses worth another attempt (e.g. 429, 503). */
  retryStatuses: readonly number[];
  /** Whether a refused connection or a timeout is worth another attempt. */
  retryNetworkErrors: boolean;
  /** First back-off wait; doubles per attempt. */
  baseDelayMs?: number;
  /** Longest single wait, also for a server's `Retry-After`. */
  maxDelayMs?: number;
}

/** What a request needs besides the URL and the fetch options. */
export interface RequestContext {
  /** Name of the service for messages, e.g. "FLOWii". */
  service: string;
  policy: RetryPolicy;
  /** Where retries are noted. */
  log: { detail(message: string): void };
  /** Waits; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Runs before every attempt, retries included (a client-side rate limiter waits here). */
  beforeAttempt?: () => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A response read to its end. */
export interface HttpResponse {
  status: number;
  ok: boolean;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Sends the request and reads the whole answer, retrying as the policy says. A connection lost
 * while the body arrives counts as a network failure: the request may have been processed, which
 * is why only requests that are safe to repeat are retried. Returns the last response whatever its
 * status (callers word errors for their service); throws {@linkcode ServiceError} when the service
 * cannot be reached at all.
 */
export async function request(url: string, init: RequestInit, ctx: RequestContext): Promise<HttpResponse> {
  const { policy } = ctx;
  const sleep = ctx.sleep ?? realSleep;
  for (let attempt = 1;; attempt++) {
    const last = attempt >= policy.attempts;
    let response: Response;
    let body: Uint8Array<ArrayBuffer>;
    await ctx.beforeAttempt?.();
    try {
      // Redirects are not followed: fetch drops Authorization on a cross-origin one, which would look like
      // wrong credentials. An API that redirects is configured with the wrong address.
      response = await fetch(url, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      body = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      const problem = describeNetworkError(ctx.service, url, e, policy.timeoutMs);
      if (last || !policy.retryNetworkErrors) throw new ServiceError(problem, { cause: e });
      const wait = backoff(attempt, policy);
      ctx.log.detail(
        `${problem}; attempt ${attempt} of ${policy.attempts}, trying again in ${seconds(wait)}`,
      );
      await sleep(wait);
      continue;
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      throw new ServiceError(`${ctx.service} redirects ${url} to ${new URL(location, url).href}.`, {
        hint: "Use that address in config.toml (http/https and www. matter), then run spojka again.",
      });
    }
    if (last || !policy.retryStatuses.includes(response.status)) {
      return { status: response.status, ok: response.ok, url, headers: response.headers, body };
    }
    const wait = Math.min(
      retryAfter(response.headers) ?? backoff(attempt, policy),
      policy.maxDelayMs ?? 60_000,
    );
    ctx.log.detail(
      `${ctx.service} answered HTTP ${response.status}; attempt ${attempt} of ${policy.attempts}, ` +
        `trying again in ${seconds(wait)}`,
    );
    await sleep(wait);
  }
}

/** Exponential back-off with jitter, so clients that failed together do not retry together. */
function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min((policy.baseDelayMs ?? 1000) * 2 ** (attempt - 1), policy.maxDelayMs ?? 60_000);
  return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** A sentence for a failed connection: refused, unknown host, timeout, TLS. */
function describeNetworkError(
  service: string,
  url: string,
  error: unknown,
  timeoutMs: number,
): string {
  const { host, origin } = new URL(url);
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `${service} at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  if (/connection refused|os error 111|os error 10061/i.test(text)) {
    return `cannot connect to ${service} at ${origin}: the connection was refused (is it running, on this port?)`;
  }
  if (/dns error|failed to lookup|name or service not known|no such host|os error 11001/i.test(text)) {
    return `cannot find ${service}'s server ${host}: the name does not resolve (check the address)`;
  }
  if (/certificate|tls|ssl/i.test(text)) {
    return `the secure connection to ${service} at ${origin} failed: ${firstLine(text)}`;
  }
  return `cannot reach ${service} at ${origin}: ${firstLine(text)}`;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0];
}

/** A client's usual context: attempts and timeout from its service's settings. */
export function serviceContext(
  service: string,
  log: { detail(message: string): void },
  settings: { max_attempts: number; timeout_seconds: number },
  retryStatuses: readonly number[],
  beforeAttempt?: () => Promise<void>,
): RequestContext {
  return {
    service,
    log,
    beforeAttempt,
    policy: {
      attempts: settings.max_attempts,
      timeoutMs: settings.timeout_seconds * 1000,
      retryStatuses,
      retryNetworkErrors: true,
    },
  };
}

/** A JSON request: `body` (if any) sent as JSON, JSON asked for. */
export function requestJson(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  ctx: RequestContext,
): Promise<HttpResponse> {
  return request(url, {
    method,
    headers: { ...headers, "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }, ctx);
}

/**
 * What an error answer says, for a message: `: “…”` from a JSON error (`message`, `error_description`,
 * `detail`, `title`, `errors[0]`), a web page's title, or the start of the text; empty for no body.
 */
export function describeBody(body: Uint8Array): string {
  const head = body.subarray(0, 4000);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true }); // a cut character is fine
  } catch {
    text = new TextDecoder("windows-1250").decode(head); // POHODA's own pages
  }
  const message = jsonMessage(text);
  if (message) return `: “${message}”`;
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return `: a web page titled “${title}”`;
  const start = text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
  return start ? `: “${start}”` : "";
}

function jsonMessage(text: string): string | undefined {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const first = Array.isArray(json?.errors) ? json.errors[0] : undefined;
  const candidates = [
    json?.error_description,
    json?.message,
    json?.detail,
    json?.title,
    json?.error,
    first?.message,
    first?.detail,
  ];
  return candidates.find((c): c is string => typeof c === "string" && c !== "");
}
