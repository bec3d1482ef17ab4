/**
 * What `spojka serve` answers: KROS notifications (signed, answered at once, a sync follows unless
 * the same notification came within the replay window) and `/healthz`, in detail only to this
 * computer (health.ts). The bytes and their bounds are wire.ts's; refusals are counted, never logged
 * one by one.
 *
 * @module
 */

import { SIGNATURE_HEADER, verifySignature } from "../kros/signature.ts";
import { type Health, publicHealth } from "./health.ts";
import type { Refusal } from "./refusals.ts";
import type { RecentNotifications } from "./replays.ts";
import type { WireAnswer, WireRequest } from "./wire.ts";
import { m } from "../i18n/mod.ts";

/** The path KROS is told to notify. */
export const NOTIFY_PATH = "/kros/notify";

/** What the handler needs from the rest of `serve`. */
export interface ServeHooks {
  /** The authorisation key KROS signs with; `undefined` when the stock connector is not set up. */
  notifyKey?: string;
  /** Notifications received lately, to recognise a replay. */
  recent: RecentNotifications;
  /** A valid notification arrived, not seen before within the window. */
  onNotification(summary: string): void;
  /** A request that triggers nothing (counted for the aggregate log line). */
  onRefused(kind: Refusal): void;
  /** The health of serve, in detail (the handler tells a peer elsewhere only its public part). */
  health(): Promise<Health>;
}

/** The request handler. */
export function handler(hooks: ServeHooks): (request: WireRequest) => Promise<WireAnswer> {
  return async (request) => {
    if (request.path === "/healthz" && request.method === "GET") {
      const health = await hooks.health();
      return { status: 200, body: fromThisComputer(request) ? health : publicHealth(health) };
    }
    if (request.path !== NOTIFY_PATH || hooks.notifyKey === undefined) {
      return refuse("not found", 404, "not found");
    }
    if (request.method !== "POST") return refuse("not found", 405, "POST only");
    const { body } = request;
    if (!(await verifySignature(hooks.notifyKey, body, request.headers.get(SIGNATURE_HEADER)))) {
      return refuse("bad signature", 401, "invalid signature");
    }
    const summary = summarise(body);
    if (summary === null) return refuse("not a notification", 400, "not a JSON notification");
    if (await hooks.recent.seen(body)) {
      hooks.onRefused("replay");
      return { status: 200, body: { ok: true, repeated: true } };
    }
    hooks.onNotification(summary);
    return { status: 200, body: { ok: true } };
  };

  function refuse(kind: Refusal, status: number, error: string): WireAnswer {
    hooks.onRefused(kind);
    return { status, body: { error } };
  }
}

/**
 * Headers a reverse proxy or a tunnel adds with the client's address. A tunnel's agent on this
 * computer (cloudflared, ngrok) connects from loopback, so its requests must not count as local.
 */
const RELAYED = ["forwarded", "x-forwarded-for", "x-real-ip", "cf-connecting-ip", "true-client-ip"];

/**
 * Whether `request` comes from this computer: a loopback peer (127.0.0.0/8, ::1, or either mapped
 * into IPv6) that relays nobody else's request.
 */
export function fromThisComputer(request: Pick<WireRequest, "peer" | "headers">): boolean {
  const peer = request.peer.toLowerCase().replace(/^::ffff:(?=\d+\.)/, "");
  const loopback = peer === "::1" || /^127\.\d+\.\d+\.\d+$/.test(peer);
  return loopback && !RELAYED.some((name) => request.headers.has(name));
}

/** A line for the log (the notification's status and how many entities it reports), or `null` if not one. */
function summarise(body: Uint8Array): string | null {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(body)); // valid UTF-8: the signature check decoded it
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const { status, results } = payload as { status?: unknown; results?: { entities?: unknown } };
  const entities = Array.isArray(results?.entities)
    ? `, ${m.serveRun.entities(results.entities.length)}`
    : "";
  return m.serveRun.notifiedStatus(typeof status === "number" ? String(status) : "?") + entities;
}
