import { deepEqual, equal, match, rejects } from "node:assert/strict";
import type { ServiceError } from "./errors.ts";
import { request, retryAfter } from "./http.ts";

function serve(answers: (() => Response)[]) {
  let calls = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => answers[Math.min(calls++, answers.length - 1)](),
  );
  return { url: `http://127.0.0.1:${server.addr.port}/`, calls: () => calls, close: () => server.shutdown() };
}

const waits: number[] = [];
const ctx = (attempts: number) => ({
  service: "Test",
  log: { detail: () => {} },
  sleep: (ms: number) => (waits.push(ms), Promise.resolve()),
  policy: {
    attempts,
    timeoutMs: 5000,
    retryStatuses: [429, 503],
    retryNetworkErrors: true,
    maxDelayMs: 30_000,
  },
});

Deno.test("a 429 is retried after the server's Retry-After, capped", async () => {
  waits.length = 0;
  const server = serve([
    () => new Response("slow down", { status: 429, headers: { "Retry-After": "7" } }),
    () => new Response("later", { status: 503, headers: { "Retry-After": "3600" } }),
    () => new Response("ok"),
  ]);
  try {
    const response = await request(server.url, {}, ctx(5));
    equal(response.status, 200);
    equal(new TextDecoder().decode(response.body), "ok");
    deepEqual(waits, [7000, 30_000]);
    equal(server.calls(), 3);
  } finally {
    await server.close();
  }
});

Deno.test("when the attempts are used up, the last answer is returned for the caller to word", async () => {
  const server = serve([() => new Response("busy", { status: 503 })]);
  try {
    equal((await request(server.url, {}, ctx(2))).status, 503);
    equal(server.calls(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("an unreachable service is a ServiceError (exit 4) that says what happened", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  await rejects(request(`http://127.0.0.1:${port}/x`, {}, ctx(2)), (e: ServiceError) => {
    equal(e.exitCode, 4);
    match(
      e.message,
      new RegExp(`cannot connect to Test at http://127.0.0.1:${port}: the connection was refused`),
    );
    return true;
  });
});

Deno.test("Retry-After as an HTTP date", () => {
  const now = Date.parse("Mon, 01 Jul 2024 12:00:00 GMT");
  equal(retryAfter(new Headers({ "Retry-After": "Mon, 01 Jul 2024 12:01:11 GMT" }), now), 71_000);
  equal(retryAfter(new Headers({ "Retry-After": "soon" }), now), undefined);
  equal(retryAfter(new Headers(), now), undefined);
});

Deno.test("a gzip-compressed answer arrives decompressed (mServer compresses when asked)", async () => {
  const text = "<rsp:responsePack>" + "Žluťoučký kůň ".repeat(500) + "</rsp:responsePack>";
  const server = serve([
    () =>
      new Response(
        new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("gzip")),
        {
          headers: { "Content-Encoding": "gzip", "Content-Type": "text/xml" },
        },
      ),
  ]);
  try {
    const response = await request(server.url, {}, ctx(1));
    equal(new TextDecoder().decode(response.body), text);
  } finally {
    await server.close();
  }
});
