import { deepEqual, equal, match, ok } from "node:assert/strict";
import {
  LIMITS,
  listen,
  type WireAnswer,
  type WireLimits,
  type WireRefusal,
  type WireRequest,
} from "./wire.ts";

const encoder = new TextEncoder();

/**
 * A server on a free port whose handler echoes the body's size and text; refusals and errors are
 * recorded, and with the echo no error may occur (a client hanging up is none).
 */
async function withServer(
  limits: Partial<WireLimits>,
  body: (port: number, refusals: WireRefusal[], errors: unknown[]) => Promise<void>,
  handle = echo,
) {
  const refusals: WireRefusal[] = [];
  const errors: unknown[] = [];
  const server = listen({
    hostname: "127.0.0.1",
    port: 0,
    limits: { ...LIMITS, ...limits },
    onRefused: (kind) => refusals.push(kind),
    onError: (e) => errors.push(e),
  }, handle);
  try {
    await body(server.port, refusals, errors);
  } finally {
    await server.shutdown();
  }
  if (handle === echo) deepEqual(errors, []);
}

function echo(request: WireRequest): Promise<WireAnswer> {
  return Promise.resolve({
    status: 200,
    body: { size: request.body.length, text: new TextDecoder().decode(request.body) },
  });
}

/** Sends `parts` one write each on a raw connection and returns everything the server answers. */
async function exchange(port: number, parts: (string | Uint8Array)[], pauseMs = 0): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  conn.setNoDelay(true);
  const writing = (async () => {
    for (const part of parts) {
      await conn.write(typeof part === "string" ? encoder.encode(part) : part);
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })().catch(() => {}); // the server may close first
  const answer = await readAll(conn);
  await writing;
  conn.close();
  return answer;
}

async function readAll(conn: Deno.Conn): Promise<string> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(4096);
  try {
    for (let n; (n = await conn.read(buffer)) !== null;) chunks.push(buffer.slice(0, n));
  } catch {
    // reset: what arrived before counts
  }
  return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
}

const jsonOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));

Deno.test("a body sent one byte at a time arrives whole and exact", async () => {
  await withServer({}, async (port) => {
    const body = encoder.encode(JSON.stringify({ note: "Žluťoučký kůň", pad: "x".repeat(2000) }));
    const parts = [`POST /kros/notify HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n`];
    const answer = await exchange(port, [
      ...parts[0].split("").map((c) => c),
      ...[...body].map((b) => Uint8Array.of(b)),
    ]);
    match(answer, /^HTTP\/1\.1 200 OK\r\n/);
    equal(jsonOf(answer).text, new TextDecoder().decode(body));
  });
});

Deno.test("a chunked body (as a client streaming JSON sends it) arrives whole", async () => {
  await withServer({}, async (port) => {
    const parts = ["hello, ", "Žluťoučký ", "kůň"].map((part) => encoder.encode(part));
    const response = await fetch(`http://127.0.0.1:${port}/kros/notify`, {
      method: "POST",
      body: ReadableStream.from(parts),
    });
    equal((await response.json()).text, "hello, Žluťoučký kůň");
  });
});

Deno.test("a body over the limit is refused with 413, by its length or as it arrives", async () => {
  await withServer({ bodyBytes: 1000 }, async (port, refusals) => {
    const declared = await fetch(`http://127.0.0.1:${port}/kros/notify`, {
      method: "POST",
      body: "x".repeat(5000),
    });
    equal(declared.status, 413);
    await declared.body?.cancel();
    const streamed = await fetch(`http://127.0.0.1:${port}/kros/notify`, {
      method: "POST",
      body: ReadableStream.from([encoder.encode("x".repeat(900)), encoder.encode("x".repeat(900))]),
    });
    equal(streamed.status, 413);
    await streamed.body?.cancel();
    const head = await exchange(port, [`GET /${"a".repeat(10_000)} HTTP/1.1\r\n\r\n`]);
    match(head, /^HTTP\/1\.1 431 /);
    deepEqual(refusals, ["too large", "too large", "too large"]);
  });
});

Deno.test("over the connection cap a client is answered 503 at once, and served once a slot is free", async () => {
  // Two requests held in the handler fill the cap.
  let release = () => {};
  const gate = new Promise<void>((resolve) => release = resolve);
  let entered = 0;
  const holding = () => {
    entered++;
    return gate.then(() => ({ status: 200, body: {} }));
  };
  await withServer({ connections: 2 }, async (port, refusals) => {
    const holders = [1, 2].map(() => exchange(port, ["GET /a HTTP/1.1\r\n\r\n"]));
    while (entered < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    match(await exchange(port, []), /^HTTP\/1\.1 503 /); // sends nothing, so nothing is left unread
    deepEqual(refusals, ["busy"]);
    release();
    for (const answer of await Promise.all(holders)) match(answer, /^HTTP\/1\.1 200 /);
    match(await exchange(port, ["GET /c HTTP/1.1\r\n\r\n"]), /^HTTP\/1\.1 200 /);
  }, holding);
});

Deno.test("a client too slow to send its request is cut off at the deadline", async () => {
  await withServer({ requestMs: 300 }, async (port, refusals) => {
    const trickle = ["POST /kros/notify HTTP/1.1\r\nContent-Length: 100\r\n\r\n", ...Array(100).fill("x")];
    const answer = await exchange(port, trickle, 50); // would take 5 s
    equal(answer, "", "cut off without an answer");
    deepEqual(refusals, ["slow"]);
    const idle = await exchange(port, []);
    equal(idle, "");
    deepEqual(refusals, ["slow", "slow"]);
  });
});

Deno.test("malformed requests get 400 or 501 and are counted", async () => {
  await withServer({}, async (port, refusals) => {
    match(await exchange(port, ["HELLO\r\n\r\n"]), /^HTTP\/1\.1 400 /);
    match(await exchange(port, ["POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"]), /^HTTP\/1\.1 501 /);
    deepEqual(refusals, ["malformed", "malformed"]);
  });
});

Deno.test("Expect: 100-continue is answered before the body is read", async () => {
  await withServer({}, async (port) => {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(encoder.encode("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
    const buffer = new Uint8Array(100);
    const n = await conn.read(buffer);
    equal(new TextDecoder().decode(buffer.subarray(0, n!)), "HTTP/1.1 100 Continue\r\n\r\n");
    await conn.write(encoder.encode("{}"));
    const answer = await readAll(conn);
    conn.close();
    equal(jsonOf(answer).text, "{}");
  });
});

Deno.test("a handler that fails answers 500 and is reported; the server goes on", async () => {
  let calls = 0;
  await withServer(
    {},
    async (port, _refusals, errors) => {
      match(await exchange(port, ["GET / HTTP/1.1\r\n\r\n"]), /^HTTP\/1\.1 500 /);
      equal((errors[0] as Error).message, "state database locked");
      match(await exchange(port, ["GET / HTTP/1.1\r\n\r\n"]), /^HTTP\/1\.1 200 /);
    },
    () =>
      ++calls === 1
        ? Promise.reject(new Error("state database locked"))
        : Promise.resolve({ status: 200, body: {} }),
  );
});

Deno.test("shutdown closes open connections and ends", async () => {
  let held: Deno.Conn | undefined;
  await withServer({}, async (port) => {
    held = await Deno.connect({ hostname: "127.0.0.1", port });
    await held.write(encoder.encode("POST / HTTP/1.1\r\n"));
  });
  ok(held);
  equal(await readAll(held), "");
  held.close();
});
