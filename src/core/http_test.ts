import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import type { ServiceError } from "./errors.ts";
import { describeBody, download, ERROR_BODY_BYTES, request, retryAfter } from "./http.ts";

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

/** A body sent as `chunks`, waiting `pauseMs` before each. */
function trickle(chunks: Uint8Array[], pauseMs = 0): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      if (sent === chunks.length) return controller.close();
      controller.enqueue(chunks[sent++]);
    },
  });
}

/**
 * A server that writes each answer as raw bytes and hangs up, which cuts off a body shorter than its
 * Content-Length the way a lost connection does.
 */
function serveRaw(answers: Uint8Array[][]) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let calls = 0;
  const serving = (async () => {
    for await (const conn of listener) {
      const answer = answers[Math.min(calls++, answers.length - 1)];
      await conn.read(new Uint8Array(64 * 1024)); // the request, small enough for one read
      for (const part of answer) {
        for (let written = 0; written < part.length;) written += await conn.write(part.subarray(written));
      }
      conn.close();
    }
  })();
  return {
    url: `http://127.0.0.1:${listener.addr.port}/`,
    calls: () => calls,
    close: () => (listener.close(), serving),
  };
}

/** The head of a 200 answer announcing `length` bytes. */
function head(length: number): Uint8Array {
  return new TextEncoder().encode(`HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\n`);
}

function bytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return new Uint8Array(chunks.flatMap((c) => [...c]));
}

async function withDir(body: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "spojka-download-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("download: a body arriving in chunks is written to the file, with progress", async () => {
  const chunks = [bytes(70_000, 1), bytes(1, 2), bytes(250_000, 3)];
  const server = serve([() =>
    new Response(trickle(chunks, 5), {
      headers: { "Content-Type": "application/zip", "Content-Length": "320001" },
    })]);
  await withDir(async (dir) => {
    const path = `${dir}/documents.zip`;
    const progress: [number, number | undefined][] = [];
    try {
      const response = await download(server.url, {}, ctx(1), path, (received, total) => {
        progress.push([received, total]);
        // Streamed to disk as it comes, and under the real name only once complete.
        equal(Deno.statSync(`${path}.part`).size, received);
        deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["documents.zip.part"]);
      });
      equal(response.status, 200);
      ok(response.ok);
      equal(response.bytes, 320_001);
      equal(response.headers.get("content-type"), "application/zip");
    } finally {
      await server.close();
    }
    deepEqual(await Deno.readFile(path), concat(chunks));
    ok(progress.length >= 3, "progress is told per chunk");
    deepEqual(progress.at(-1), [320_001, 320_001]);
    ok(progress.every(([received], i) => i === 0 || received > progress[i - 1][0]));
    deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["documents.zip"]);
  });
});

Deno.test("download: a 503 is retried after its Retry-After; only the good answer is saved", async () => {
  waits.length = 0;
  const zip = bytes(100_000, 4);
  const server = serve([
    () => new Response("<h1>Maintenance</h1>", { status: 503, headers: { "Retry-After": "2" } }),
    () => new Response(zip),
  ]);
  await withDir(async (dir) => {
    try {
      const response = await download(server.url, {}, ctx(3), `${dir}/a.zip`);
      equal(response.status, 200);
      deepEqual(waits, [2000]);
      equal(server.calls(), 2);
    } finally {
      await server.close();
    }
    deepEqual(await Deno.readFile(`${dir}/a.zip`), zip);
  });
});

Deno.test("download: a body cut off mid-way is a network failure, tried again", async () => {
  const zip = bytes(150_000, 5);
  const server = serveRaw([[head(zip.length), zip.subarray(0, 100_000)], [head(zip.length), zip]]);
  const notes: string[] = [];
  await withDir(async (dir) => {
    try {
      const response = await download(
        server.url,
        {},
        { ...ctx(2), log: { detail: (m) => notes.push(m) } },
        `${dir}/a.zip`,
      );
      equal(response.ok && response.bytes, 150_000);
    } finally {
      await server.close();
    }
    deepEqual(await Deno.readFile(`${dir}/a.zip`), zip);
    match(
      notes[0],
      /^the answer of Test at http:\/\/127\.0\.0\.1:\d+ broke off: .*; attempt 1 of 2, trying again/,
    );
  });
});

Deno.test("download: a failed download never puts a partial file under the real name", async () => {
  const server = serveRaw([[head(160_000), bytes(80_000, 8)]]);
  await withDir(async (dir) => {
    const path = `${dir}/documents.zip`;
    await Deno.writeTextFile(path, "the previous export");
    try {
      await rejects(download(server.url, {}, ctx(2), path), (e: ServiceError) => {
        equal(e.exitCode, 4);
        match(e.message, /^the answer of Test at .* broke off/);
        return true;
      });
      equal(server.calls(), 2);
    } finally {
      await server.close();
    }
    equal(await Deno.readTextFile(path), "the previous export");
    deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["documents.zip"], "no .part is left behind");
  });
});

Deno.test("download: an error answer is returned with the start of its body, and nothing is saved", async () => {
  const server = serve([() => new Response(bytes(1_000_000, 10), { status: 404 })]);
  await withDir(async (dir) => {
    try {
      const response = await download(server.url, {}, ctx(1), `${dir}/a.zip`);
      equal(response.status, 404);
      ok(!response.ok);
      deepEqual(response.body, bytes(ERROR_BODY_BYTES, 10));
    } finally {
      await server.close();
    }
    deepEqual([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("download: a file that cannot be written is reported as it is, not retried as a network failure", async () => {
  const server = serve([() => new Response(bytes(1000, 11))]);
  try {
    await rejects(download(server.url, {}, ctx(3), "/no/such/folder/a.zip"), Deno.errors.NotFound);
    equal(server.calls(), 1);
  } finally {
    await server.close();
  }
});

Deno.test("download: the timeout limits pauses, not the whole download", async () => {
  const chunks = Array.from({ length: 12 }, (_, i) => bytes(1000, i));
  const server = serve([
    // 12 × 100 ms: longer in all than the timeout, but never silent for as long.
    () => new Response(trickle(chunks, 100)),
    () => new Response(trickle(chunks.slice(0, 2), 800)),
  ]);
  const policy = { ...ctx(1).policy, timeoutMs: 500 };
  await withDir(async (dir) => {
    try {
      const response = await download(server.url, {}, { ...ctx(1), policy }, `${dir}/a.zip`);
      equal(response.ok && response.bytes, 12_000);
      await rejects(
        download(server.url, {}, { ...ctx(1), policy }, `${dir}/b.zip`),
        /Test at http:\/\/127\.0\.0\.1:\d+ stopped sending its answer for 0\.5 s/,
      );
    } finally {
      await server.close();
    }
    deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.zip"]);
  });
});

Deno.test("a quoted error message leaves its full stop to the sentence around it", () => {
  const body = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
  equal(describeBody(body({ message: "The password is incorrect." })), ": “The password is incorrect”");
  equal(describeBody(body({ message: "Wait…" })), ": “Wait…”");
  equal(describeBody(body({ message: "No such user" })), ": “No such user”");
});
