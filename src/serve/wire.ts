/**
 * The socket side of `spojka serve`: a small HTTP/1.1 server whose memory and time are bounded
 * however a client sends, because the endpoint faces the internet (KROS must reach it).
 *
 * `Deno.serve` cannot be bounded this way: it has no header timeout (a connection that never
 * finishes its head is held for good, about 16 KB each), no connection cap, and hands the body
 * over as chunks of 64 KiB buffers even when one byte arrived. Here each connection reads into two
 * buffers allocated once (the head, and the body up to the limit), one request per connection,
 * under a deadline, with a cap on connections open at once.
 *
 * @module
 */

import { BadRequest, bodyFraming, ChunkedBody, headEnd, parseHead } from "./http1.ts";

/** The bounds of the endpoint. */
export interface WireLimits {
  /** Connections served at once; more are answered 503 at once and closed. */
  connections: number;
  /** The request line and header fields, in bytes (431 beyond). */
  headBytes: number;
  /** The body, in bytes (413 beyond). */
  bodyBytes: number;
  /** From connecting until the whole request has arrived; then the connection is closed. */
  requestMs: number;
  /** From then until the answer is written. */
  answerMs: number;
}

/**
 * The bounds `spojka serve` uses. KROS's notifications are a few hundred bytes of JSON and arrive
 * in milliseconds, so 64 KiB and 10 s leave a wide margin; at most 32 connections of at most
 * 72 KiB of buffers each hold about 2.3 MiB.
 */
export const LIMITS: WireLimits = {
  connections: 32,
  headBytes: 8 * 1024,
  bodyBytes: 64 * 1024,
  requestMs: 10_000,
  answerMs: 10_000,
};

/** A request that arrived whole and within the limits. */
export interface WireRequest {
  method: string;
  /** The path of the target, without the query. */
  path: string;
  headers: Headers;
  /** The body's exact bytes. */
  body: Uint8Array<ArrayBuffer>;
  /** The IP address the connection comes from (`127.0.0.1`, `::1`, `192.168.1.20` …). */
  peer: string;
}

/** An answer: a status and a JSON body. */
export interface WireAnswer {
  status: number;
  body: unknown;
}

/** Requests the server itself refuses, before any handler sees them. */
export type WireRefusal =
  | "busy" // over the connection cap
  | "slow" // not whole within the deadline, or its answer not read
  | "too large" // head or body over its limit
  | "malformed" // not HTTP/1.1 as RFC 9112 defines it
  | "unaccepted"; // the system refused to accept the connection (out of handles, reset early)

/** Where and how to listen. */
export interface WireOptions {
  hostname: string;
  port: number;
  /** Defaults to {@linkcode LIMITS}. */
  limits?: WireLimits;
  /** Called for each refused request. */
  onRefused(kind: WireRefusal): void;
  /** Called when the handler fails unexpectedly (the request is answered 500). */
  onError(error: unknown): void;
}

/** A listening server. */
export interface WireServer {
  /** The port it listens on (the one chosen when asked for port 0). */
  readonly port: number;
  /** Stops listening, closes open connections, and resolves once they have all ended. */
  shutdown(): Promise<void>;
}

const REASONS: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};
const encoder = new TextEncoder();
const CONTINUE = encoder.encode("HTTP/1.1 100 Continue\r\n\r\n");
const BUSY = encodeAnswer({ status: 503, body: { error: "busy, try again later" } });

/** Listens on `options.hostname:port` and answers each request with `handle`. */
export function listen(
  options: WireOptions,
  handle: (request: WireRequest) => Promise<WireAnswer>,
): WireServer {
  const limits = options.limits ?? LIMITS;
  const listener = Deno.listen({ hostname: options.hostname, port: options.port });
  const open = new Map<Deno.Conn, Promise<void>>();
  const refusing = new Set<Promise<void>>();
  let stopped = false;

  const serveOne = (conn: Deno.Conn) => {
    const done = exchange(conn, limits, handle, options).finally(() => open.delete(conn));
    open.set(conn, done);
  };
  const refuse = (conn: Deno.Conn) => {
    options.onRefused("busy");
    const done = writeAll(conn, BUSY)
      .catch(() => {})
      .finally(() => {
        closeQuietly(conn);
        refusing.delete(done);
      });
    refusing.add(done);
  };
  const accepting = (async () => {
    while (!stopped) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        if (stopped) return;
        options.onRefused("unaccepted");
        await new Promise((resolve) => setTimeout(resolve, 100)); // out of handles: do not spin
        continue;
      }
      if (open.size >= limits.connections) refuse(conn);
      else serveOne(conn);
    }
  })();

  return {
    port: (listener.addr as Deno.NetAddr).port,
    async shutdown() {
      stopped = true;
      listener.close();
      for (const conn of open.keys()) closeQuietly(conn);
      await accepting;
      await Promise.all([...open.values(), ...refusing]);
    },
  };
}

/** One request and its answer on `conn`, under the deadlines; then the connection is closed. */
async function exchange(
  conn: Deno.Conn,
  limits: WireLimits,
  handle: (request: WireRequest) => Promise<WireAnswer>,
  options: WireOptions,
): Promise<void> {
  const buffer = new Uint8Array(limits.headBytes);
  let late = false;
  let unread = false; // refused before the request was read whole
  let timer = deadline(conn, limits.requestMs, () => late = true);
  try {
    let answer: WireAnswer;
    try {
      const request = await readRequest(conn, buffer, limits);
      clearTimeout(timer);
      timer = deadline(conn, limits.answerMs, () => late = true);
      answer = await handle(request).catch((e) => {
        options.onError(e);
        return { status: 500, body: { error: "internal error, see the log" } };
      });
    } catch (e) {
      if (!(e instanceof BadRequest)) throw e;
      options.onRefused(e.status === 413 || e.status === 431 ? "too large" : "malformed");
      answer = { status: e.status, body: { error: e.message } };
      unread = true;
    }
    await writeAll(conn, encodeAnswer(answer));
    if (unread) await drain(conn, buffer);
  } catch (e) {
    // The deadline closed the connection (a refused request counts once), or the client went away.
    if (late && !unread) options.onRefused("slow");
    else if (!(e instanceof ClientGone || Object.values(Deno.errors).some((type) => e instanceof type))) {
      options.onError(e);
    }
  } finally {
    clearTimeout(timer);
    closeQuietly(conn);
  }
}

/** Closes `conn` after `ms`, which ends any read or write waiting on it. */
function deadline(conn: Deno.Conn, ms: number, onFire: () => void): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    onFire();
    closeQuietly(conn);
  }, ms);
}

/** Reads the head into `buffer`, then the body into one buffer of its size (at most the limit). */
async function readRequest(conn: Deno.Conn, buffer: Uint8Array, limits: WireLimits): Promise<WireRequest> {
  let filled = 0;
  let end = -1;
  while (end < 0) {
    if (filled === buffer.length) throw new BadRequest(431, "request head over the limit");
    const n = await readSome(conn, buffer.subarray(filled));
    end = headEnd(buffer, filled + n, filled);
    filled += n;
  }
  const head = parseHead(buffer.subarray(0, end));
  const framing = bodyFraming(head, limits.bodyBytes);
  const expectsBody = framing.kind === "chunked" || framing.length > 0;
  if (expectsBody && head.headers.get("expect")?.toLowerCase() === "100-continue") {
    await writeAll(conn, CONTINUE);
  }
  const early = buffer.subarray(end, filled);
  const body = framing.kind === "length"
    ? await readLength(conn, framing.length, early)
    : await readChunked(conn, buffer, early, limits);
  const peer = (conn.remoteAddr as Deno.NetAddr).hostname;
  return { method: head.method, path: pathOf(head.target), headers: head.headers, body, peer };
}

async function readLength(
  conn: Deno.Conn,
  length: number,
  early: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const body = new Uint8Array(length);
  let filled = Math.min(early.length, length);
  body.set(early.subarray(0, filled));
  while (filled < length) filled += await readSome(conn, body.subarray(filled));
  return body;
}

/** Decodes a chunked body, reading through `buffer` (the head's, no longer needed). */
async function readChunked(
  conn: Deno.Conn,
  buffer: Uint8Array,
  early: Uint8Array,
  limits: WireLimits,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunked = new ChunkedBody(new Uint8Array(limits.bodyBytes), limits.headBytes);
  chunked.feed(early);
  while (!chunked.done) chunked.feed(buffer.subarray(0, await readSome(conn, buffer)));
  return chunked.body;
}

/** The client hung up before its request was whole. */
class ClientGone extends Error {}

/** Reads at least one byte into `into`. */
async function readSome(conn: Deno.Conn, into: Uint8Array): Promise<number> {
  const n = await conn.read(into);
  if (n === null || n === 0) throw new ClientGone("the client closed the connection midway");
  return n;
}

/**
 * After an early refusal the client may still be sending; closing with unread bytes would reset
 * the connection and lose the answer, so the rest is read and dropped (until the deadline).
 */
async function drain(conn: Deno.Conn, buffer: Uint8Array): Promise<void> {
  await conn.closeWrite();
  while (await conn.read(buffer) !== null) {
    // dropped
  }
}

function pathOf(target: string): string {
  try {
    return new URL(target, "http://spojka.invalid").pathname;
  } catch {
    return "";
  }
}

function encodeAnswer(answer: WireAnswer): Uint8Array {
  const body = encoder.encode(JSON.stringify(answer.body, null, 2));
  const head = encoder.encode(
    `HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? ""}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
  );
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) written += await conn.write(bytes.subarray(written));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed (by the deadline, or shutdown)
  }
}
