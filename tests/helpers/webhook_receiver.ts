/**
 * A webhook receiver on 127.0.0.1: keeps every POST with its headers and raw body, and answers with
 * the status a test sets (200 by default), so alerts can be checked as a receiver sees them.
 *
 * @module
 */

/** One POST as it arrived. */
export interface ReceivedPost {
  path: string;
  headers: Headers;
  body: string;
  /** The body parsed as JSON. */
  json: Record<string, unknown>;
}

/** A running receiver. */
export interface WebhookReceiver {
  /** Where to POST, e.g. `http://127.0.0.1:4321/hooks/spojka`. */
  url: string;
  posts: ReceivedPost[];
  /** The status of the next answers; a test sets e.g. 500 to play a receiver that is down. */
  status: number;
  close(): Promise<void>;
}

/** Starts a receiver; `close` it when done. */
export function startWebhookReceiver(): WebhookReceiver {
  const receiver: WebhookReceiver = {
    url: "",
    posts: [],
    status: 200,
    close: () => server.shutdown(),
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    if (request.method !== "POST") return new Response("POST only", { status: 405 });
    const body = await request.text();
    receiver.posts.push({
      path: new URL(request.url).pathname,
      headers: request.headers,
      body,
      json: JSON.parse(body),
    });
    return new Response(receiver.status === 200 ? "ok" : "not now", { status: receiver.status });
  });
  receiver.url = `http://127.0.0.1:${server.addr.port}/hooks/spojka`;
  return receiver;
}
