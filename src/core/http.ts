/**
 * HTTP with the manners every spojka client needs: a timeout per attempt, bounded exponential
 * back-off, `Retry-After` honoured (and capped), and network failures turned into messages a user
 * can act on. Answers are read into memory ({@linkcode request}) or, whatever their size, streamed
 * into a file ({@linkcode download}). What a server answers in memory has every registered secret
 * masked before anyone reads it (a server may echo a password back), so no message, state or kept
 * response can carry it.
 *
 * @module
 */

import { ServiceError } from "./errors.ts";
import { removeIfExists } from "./files.ts";
import { redact, redactBytes } from "./redact.ts";
import { m, quote } from "../i18n/mod.ts";

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

/** The status and headers of an answer. */
export interface HttpHead {
  status: number;
  ok: boolean;
  /** The URL asked (redirects are refused, so also the one that answered). */
  url: string;
  headers: Headers;
}

/** A response read to its end. */
export interface HttpResponse extends HttpHead {
  body: Uint8Array<ArrayBuffer>;
}

/**
 * The answer to {@linkcode download}: a success is in the file, `bytes` long; an error answer carries
 * the start of its body (at most {@linkcode ERROR_BODY_BYTES}), which is all a message needs.
 */
export type DownloadResponse =
  | HttpHead & { ok: true; bytes: number }
  | HttpResponse & { ok: false };

/** How much of an error answer a download reads: error pages are small, a misrouted file is not. */
export const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Sends the request and reads the whole answer, retrying as the policy says. A connection lost
 * while the body arrives counts as a network failure: the request may have been processed, which
 * is why only requests that are safe to repeat are retried. Returns the last response whatever its
 * status (callers word errors for their service); throws {@linkcode ServiceError} when the service
 * cannot be reached at all.
 */
export function request(url: string, init: RequestInit, ctx: RequestContext): Promise<HttpResponse> {
  return withRetries(url, init, ctx, "total", async (response) => ({
    body: redactBytes(new Uint8Array(await response.arrayBuffer())),
  }));
}

/**
 * Downloads a body of any size straight into the file `path`, with the manners of
 * {@linkcode request}. The body goes to `<path>.part`, is synced, and only then renamed over `path`,
 * so a crash or a failed download never leaves half a file under the real name (and the `.part` is
 * removed). The timeout is an idle one: a large body may take long, but not pause for longer than
 * the policy's timeout. A body cut off mid-way is a network failure, retried like one. `onBytes`
 * hears of every chunk written, with the size the server announced when it did.
 *
 * Returns the last answer whatever its status; only a 2xx is saved. A failure to write the file is
 * thrown as it is (no retry cures a full disk).
 */
export async function download(
  url: string,
  init: RequestInit,
  ctx: RequestContext,
  path: string,
  onBytes?: (received: number, total?: number) => void,
): Promise<DownloadResponse> {
  const part = `${path}.part`;
  let saved = false;
  try {
    const response = await withRetries<
      { ok: true; bytes: number } | { ok: false; body: Uint8Array<ArrayBuffer> }
    >(
      url,
      init,
      ctx,
      "idle",
      async (response, alive) =>
        response.ok
          ? { ok: true, bytes: await saveBody(response, part, alive, onBytes) }
          : { ok: false, body: redactBytes(await readStart(response.body, ERROR_BODY_BYTES, alive)) },
    );
    if (response.ok) {
      await Deno.rename(part, path);
      saved = true;
    }
    return response;
  } finally {
    // A leftover would only be truncated by the next download, but it may be hundreds of MB.
    if (!saved) await removeIfExists(part);
  }
}

/** How an attempt's time is limited. */
type Deadline =
  /** The whole attempt, the body included: an ordinary request. */
  | "total"
  /** Each wait for the next bytes: a download, whose duration grows with its size. */
  | "idle";

/**
 * The retry loop of {@linkcode request} and {@linkcode download}: `read` takes the body of each
 * answer (calling `alive` whenever bytes arrive, for the idle timeout); the last answer is returned
 * with what `read` made of it.
 */
async function withRetries<T>(
  url: string,
  init: RequestInit,
  ctx: RequestContext,
  deadline: Deadline,
  read: (response: Response, alive: () => void) => Promise<T>,
): Promise<HttpHead & T> {
  const { policy } = ctx;
  const sleep = ctx.sleep ?? realSleep;
  for (let attempt = 1;; attempt++) {
    const last = attempt >= policy.attempts;
    await ctx.beforeAttempt?.();
    const timer = attemptTimer(policy.timeoutMs, deadline);
    let response: Response | undefined;
    let result: T;
    try {
      // Redirects are not followed: fetch drops Authorization on a cross-origin one, which would look like
      // wrong credentials. An API that redirects is configured with the wrong address.
      response = await fetch(url, { ...init, redirect: "manual", signal: timer.signal });
      result = await read(response, timer.alive);
    } catch (e) {
      if (e instanceof LocalFailure) throw e.error;
      // fetch's own words may quote the URL, with a key in its query.
      const problem = redact(describeNetworkError(ctx.service, url, e, {
        timeoutMs: policy.timeoutMs,
        deadline,
        answered: response !== undefined,
      }));
      if (last || !policy.retryNetworkErrors) throw new ServiceError(problem, { cause: e });
      const wait = backoff(attempt, policy);
      ctx.log.detail(m.http.retrying(problem, attempt, policy.attempts, seconds(wait)));
      await sleep(wait);
      continue;
    } finally {
      timer.stop();
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      throw new ServiceError(redact(m.http.redirects(ctx.service, url, new URL(location, url).href)), {
        hint: m.http.redirectsHint,
      });
    }
    if (last || !policy.retryStatuses.includes(response.status)) {
      return { status: response.status, ok: response.ok, url, headers: response.headers, ...result };
    }
    const wait = Math.min(
      retryAfter(response.headers) ?? backoff(attempt, policy),
      policy.maxDelayMs ?? 60_000,
    );
    ctx.log.detail(
      m.http.retrying(m.http.answered(ctx.service, response.status), attempt, policy.attempts, seconds(wait)),
    );
    await sleep(wait);
  }
}

/** Aborts an attempt past its deadline; for an idle deadline, `alive` starts the wait anew. */
function attemptTimer(timeoutMs: number, deadline: Deadline) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), timeoutMs);
  };
  arm();
  return {
    signal: controller.signal,
    alive: deadline === "idle" ? arm : () => {},
    stop: () => clearTimeout(timer),
  };
}

/** A failure of this machine (the disk) while a download is written: no retry of the request cures it. */
class LocalFailure {
  constructor(readonly error: unknown) {}
}

async function local<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw new LocalFailure(e);
  }
}

/** Writes the body to `part` chunk by chunk and syncs it; the number of bytes written. */
async function saveBody(
  response: Response,
  part: string,
  alive: () => void,
  onBytes: ((received: number, total?: number) => void) | undefined,
): Promise<number> {
  const length = response.headers.get("content-length") ?? "";
  // fetch inflates a compressed body, so its Content-Length counts other bytes than arrive.
  const total = /^\d+$/.test(length) && !response.headers.has("content-encoding")
    ? Number(length)
    : undefined;
  const file = await Deno.open(part, { write: true, create: true, truncate: true }).catch(async (e) => {
    await response.body?.cancel(); // the connection is not left waiting for a reader
    throw new LocalFailure(e);
  });
  try {
    let received = 0;
    // Leaving the loop early (a write failed) cancels the body, which closes the connection.
    for await (const chunk of response.body ?? []) {
      alive();
      await local(() => writeAll(file, chunk));
      received += chunk.length;
      onBytes?.(received, total);
    }
    await local(() => file.sync());
    return received;
  } finally {
    file.close();
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) written += await file.write(bytes.subarray(written));
}

/**
 * The first `limit` bytes of `stream` (all of a shorter one); the rest is cancelled unread. `alive`
 * is called whenever bytes arrive.
 */
export async function readStart(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  alive: () => void = () => {},
): Promise<Uint8Array<ArrayBuffer>> {
  const start = new Uint8Array(limit);
  let length = 0;
  // Breaking out of the loop cancels the stream.
  for await (const chunk of stream ?? []) {
    alive();
    const take = Math.min(chunk.length, limit - length);
    start.set(chunk.subarray(0, take), length);
    length += take;
    if (length === limit) break;
  }
  return start.slice(0, length);
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

/** A sentence for a failed connection: refused, unknown host, timeout, TLS, an answer cut off. */
function describeNetworkError(
  service: string,
  url: string,
  error: unknown,
  attempt: { timeoutMs: number; deadline: Deadline; answered: boolean },
): string {
  const { host, origin } = new URL(url);
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  const timeout = `${attempt.timeoutMs / 1000} s`;
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return attempt.deadline === "idle" && attempt.answered
      ? m.http.stalled(service, origin, timeout)
      : m.http.timeout(service, origin, timeout);
  }
  if (attempt.answered) return m.http.brokeOff(service, origin, firstLine(text));
  if (/connection refused|os error 111|os error 10061/i.test(text)) {
    return m.http.refused(service, origin);
  }
  if (/dns error|failed to lookup|name or service not known|no such host|os error 11001/i.test(text)) {
    return m.http.unknownHost(service, host);
  }
  if (/certificate|tls|ssl/i.test(text)) {
    return m.http.tls(service, origin, firstLine(text));
  }
  return m.http.unreachable(service, origin, firstLine(text));
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
 * What an error answer says, for a message: `: “…”` (without its final full stop, which the sentence
 * around it has) from a JSON error (`message`, `error_description`,
 * `detail`, `title`, `errors[0]`), a web page's title, or the start of the text; empty for no body.
 * Secrets are masked, also in a body that did not come through {@linkcode request}.
 */
export function describeBody(body: Uint8Array): string {
  // Masked before it is cut short, so no cut leaves the start of a secret unmasked.
  const head = redactBytes(body.subarray(0, 4000));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true }); // a cut character is fine
  } catch {
    text = new TextDecoder("windows-1250").decode(head); // POHODA's own pages
  }
  // quote() leaves the message's own full stop to the sentence it is quoted in.
  const message = jsonMessage(text);
  if (message) return `: ${quote(message)}`;
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return `: ${m.http.webPage(m.quote(title))}`;
  const start = text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
  return start ? `: ${m.quote(start)}` : "";
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
