/**
 * What `spojka serve` answers over HTTP: KROS notifications (signed, answered at once, a sync
 * follows) and `/healthz`.
 *
 * @module
 */

import { SIGNATURE_HEADER, verifySignature } from "../kros/signature.ts";

/** The path KROS is told to notify. */
export const NOTIFY_PATH = "/kros/notify";

// KROS's notifications are small JSON documents; anything much bigger is not one.
const MAX_BODY = 1024 * 1024;

/** What the handler needs from the rest of `serve`. */
export interface ServeHooks {
  /** The authorisation key KROS signs with; `undefined` when the stock connector is not set up. */
  notifyKey?: string;
  /** A valid notification arrived. */
  onNotification(summary: string): void;
  /** The body of `/healthz`. */
  health(): Promise<Record<string, unknown>>;
  log: { info(message: string): void; warn(message: string): void };
}

/** The request handler. */
export function handler(hooks: ServeHooks): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/healthz" && request.method === "GET") return json(200, await hooks.health());
    if (pathname !== NOTIFY_PATH || hooks.notifyKey === undefined) return json(404, { error: "not found" });
    if (request.method !== "POST") return json(405, { error: "POST only" });
    const body = await readLimited(request);
    if (body === null) return json(413, { error: "too large" });
    if (!(await verifySignature(hooks.notifyKey, body, request.headers.get(SIGNATURE_HEADER)))) {
      hooks.log.warn(`A notification with a wrong or missing ${SIGNATURE_HEADER} was refused.`);
      return json(401, { error: "invalid signature" });
    }
    hooks.onNotification(summarise(body));
    return json(200, { ok: true });
  };
}

/** The body, or `null` beyond the limit (read no further than that). */
async function readLimited(request: Request): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** A line for the log: the notification's status and how many entities it reports. */
function summarise(body: Uint8Array): string {
  try {
    const payload = JSON.parse(new TextDecoder().decode(body));
    const entities = payload?.results?.entities?.length;
    return `status ${payload?.status ?? "?"}${entities === undefined ? "" : `, ${entities} entities`}`;
  } catch {
    return "not JSON";
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}
