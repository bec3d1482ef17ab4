/**
 * `spojka serve` faces the internet (KROS must reach it), so it is tried as an attacker would: a
 * burst of forged notifications, clients that never finish, bodies sent one byte at a time, and
 * replays of a real notification. Serve must stay within a memory bound, keep answering
 * `/healthz`, sync once per real notification, and log the refusals as one line.
 *
 * @module
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { editConfig, spawnCli } from "./helpers/cli.ts";
import { articles, startStockWorld } from "./helpers/stock_world.ts";
import { SIGNATURE_HEADER } from "./emulators/kros/mod.ts";
import { krosSignature } from "./emulators/kros/signature.ts";
import type { ShoptetEmulator } from "./emulators/shoptet/mod.ts";

/**
 * How much serve may grow over its idle size under the whole load: it grows by about 5 MB; reading
 * the bodies as `Deno.serve` gives them (a 64 KiB buffer per segment, all kept) grew by 100 to 300.
 */
const RSS_BOUND_MB = 32;
const encoder = new TextEncoder();

Deno.test("serve under attack: bounded memory, slow clients cut off, /healthz answers, replays sync nothing", async () => {
  const world = await startStockWorld({ platform: "shoptet", catalogue: articles(5) });
  const key = /Autorizačný kľúč k zadanej URL:\s+(\S+)/.exec(world.init.stdout)![1];
  const port = freePort();
  await editConfig(world.dir, (config) => {
    config.serve = { listen: `127.0.0.1:${port}`, debounce_seconds: 1 };
  });
  const server = spawnCli(["--dir", world.dir, "serve"]);
  const output = server.output();
  try {
    const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json());
    const firstRun = await until(async () => (await health().catch(() => null))?.lastRuns?.stock?.id);
    const memory = rssSampler(server.pid);

    // Connected first, so that the burst finds them holding their connections: 20 clients that send a
    // head and then a byte now and then, for longer than serve waits; 100 KB of forged notifications,
    // one byte per write; and one real notification the same way.
    const slow = (await connections(port, 20)).map(slowClient);
    world.kros.catalog.setQuantity(1, "BA", 61);
    const real = JSON.stringify({ status: 200, results: { entities: [{ data: { id: 7 } }] }, apiUrl: "x" });
    const realSignature = await krosSignature(key, real);
    const forged = (i: number) => JSON.stringify({ status: 200, pad: "x".repeat(25_000 - 30), i });
    const byteByByte = (await connections(port, 5)).map((conn, i) =>
      i < 4 ? byteWise(conn, forged(i), "Zm9yZ2Vk") : byteWise(conn, real, realSignature)
    );
    // A burst of 200 forged notifications at once.
    const burst = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`http://127.0.0.1:${port}/kros/notify`, {
          method: "POST",
          headers: { [SIGNATURE_HEADER]: "Zm9yZ2Vk" },
          body: JSON.stringify({ status: 200, results: { entities: [] } }),
        }).then(async (r) => {
          await r.body?.cancel();
          return r.status;
        }, () => "reset")),
    );
    ok(
      burst.every((status) => status === 401 || status === 503 || status === "reset"),
      [...new Set(burst)].join(),
    );
    ok(burst.includes(401), "the burst is served as far as the connection cap allows");
    deepEqual(await Promise.all(byteByByte), [401, 401, 401, 401, 200]);
    equal(await health().then(() => "answers"), "answers", "/healthz answers during the attack");
    for (const cutOff of await Promise.all(slow)) equal(cutOff, true, "a slow client is cut off");

    // The real notification synced once; 30 replays of it trigger nothing.
    await until(() => Promise.resolve((world.shop as ShoptetEmulator).stockOf("A0001")?.realStock === 61));
    const synced = await until(async () => {
      const h = await health();
      return !h.running && h.pending.length === 0 && h.lastRuns.stock.id > firstRun
        ? h.lastRuns.stock.id
        : null;
    });
    for (const conn of await connections(port, 30)) {
      equal(await byteWise(conn, real, realSignature, false), 200);
    }
    const after = await health();
    deepEqual(
      [after.running, after.pending, after.lastRuns.stock.id],
      [false, [], synced],
      "a replay syncs nothing",
    );

    const grew = memory.stop();
    if (grew === null) console.log("RSS not checked: /proc/<pid>/status is Linux only");
    else ok(grew < RSS_BOUND_MB, `serve grew by ${grew.toFixed(1)} MB under load (bound ${RSS_BOUND_MB} MB)`);
  } finally {
    server.kill("SIGTERM");
    await output;
    await world.close();
  }
  const log = await Deno.readTextFile(join(world.dir, "log.txt"));
  // One line a minute: the load takes less, so one line comes when serve stops (two if the minute ended).
  const refusals = log.split("\n").filter((line) => /Refused|Ignored|X-Kros-Signature-256/.test(line));
  ok(refusals.length <= 2, `refusals are one line, not one each:\n${refusals.slice(0, 5).join("\n")}`);
  match(
    refusals.join(" "),
    /Refused \d+ requests in the last 60 s: .*\d+ with a wrong or missing X-Kros-Signature-256/,
  );
  match(refusals.join(" "), /\d+ not sent whole within 10 s/);
  const ignored = refusals.map((line) => Number(/Ignored (\d+) repeated/.exec(line)?.[1] ?? 0));
  equal(ignored.reduce((a, b) => a + b), 30, "the replays are counted");
});

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  listener.close();
  return listener.addr.port;
}

/** `count` connections to serve, each open once this resolves. */
function connections(port: number, count: number): Promise<Deno.TcpConn[]> {
  return Promise.all(Array.from({ length: count }, () => Deno.connect({ hostname: "127.0.0.1", port })));
}

/** Sends a signed POST to the notification address, one byte per write; returns the status. */
async function byteWise(conn: Deno.TcpConn, body: string, signature: string, slowly = true): Promise<number> {
  const bytes = encoder.encode(body);
  const head =
    `POST /kros/notify HTTP/1.1\r\nHost: spojka\r\nConnection: close\r\n${SIGNATURE_HEADER}: ${signature}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`;
  conn.setNoDelay(true);
  if (slowly) {
    // A pause now and then, so that serve reads the bytes one by one rather than many at once.
    for (const [i, byte] of [...encoder.encode(head), ...bytes].entries()) {
      await conn.write(Uint8Array.of(byte));
      if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } else {
    await conn.write(new Uint8Array([...encoder.encode(head), ...bytes]));
  }
  const answer = await readAll(conn);
  conn.close();
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** A client that sends a head and a byte every 250 ms; resolves `true` once serve closes on it (within 30 s). */
async function slowClient(conn: Deno.TcpConn): Promise<boolean> {
  conn.setNoDelay(true);
  let closed = false;
  const reading = readAll(conn).then(() => closed = true);
  try {
    await conn.write(
      encoder.encode("POST /kros/notify HTTP/1.1\r\nHost: spojka\r\nContent-Length: 1000\r\n\r\n"),
    );
    for (let i = 0; i < 120 && !closed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await conn.write(encoder.encode("x"));
    }
  } catch {
    // serve closed the connection
  }
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 100))]);
  conn.close();
  return closed;
}

async function readAll(conn: Deno.Conn): Promise<string> {
  let text = "";
  const buffer = new Uint8Array(4096);
  try {
    for (let n; (n = await conn.read(buffer)) !== null;) {
      text += new TextDecoder().decode(buffer.subarray(0, n));
    }
  } catch {
    // reset by serve
  }
  return text;
}

/** Samples the RSS of `pid` every 50 ms; `stop` returns the growth over the first sample in MB (`null` off Linux). */
function rssSampler(pid: number) {
  const rss = () => {
    try {
      const status = Deno.readTextFileSync(`/proc/${pid}/status`);
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    } catch {
      return null;
    }
  };
  const idle = rss();
  let most = idle ?? 0;
  const timer = setInterval(() => most = Math.max(most, rss() ?? 0), 50);
  return {
    stop(): number | null {
      clearInterval(timer);
      return idle === null ? null : Math.max(most, rss() ?? 0) - idle;
    },
  };
}

/** Polls `probe` until it returns something, for at most 20 s. */
async function until<T>(probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
}
