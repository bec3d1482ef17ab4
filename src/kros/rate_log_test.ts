import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { RateLimiter } from "./limiter.ts";
import { sqliteRequestLog } from "./rate_log.ts";
import { fakeTime, openStateDb, peak, recording } from "./testdata/limits.ts";

const SECOND = [{ requests: 10, windowMs: 1000 }];

/** A state database file in a fresh temporary folder, removed after `body`. */
async function withStateFile(body: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "spojka-rate-" });
  try {
    await body(join(dir, "state.db"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function rows(db: DatabaseSync, limiter: string): number {
  return Number(db.prepare("SELECT count(*) AS n FROM rate_events WHERE limiter = ?").get(limiter)!.n);
}

Deno.test("two limiters over one SQLite file, on two connections, together stay within the windows", async () => {
  await withStateFile(async (path) => {
    const [a, b] = [openStateDb(path), openStateDb(path)];
    const time = fakeTime();
    const admitted: number[] = [];
    const limiters = [a, b].map((db) =>
      new RateLimiter([{ requests: 10, windowMs: 1000 }, { requests: 30, windowMs: 5000 }], {
        log: recording(sqliteRequestLog(db, "kros https://api.example"), admitted),
        time,
      })
    );
    await Promise.all(limiters.map(async (limiter) => {
      for (let i = 0; i < 50; i++) await limiter.acquire();
    }));
    equal(admitted.length, 100);
    ok(peak(admitted, 1000) <= 10, `per second: ${peak(admitted, 1000)}`);
    ok(peak(admitted, 5000) <= 30, `per 5 s: ${peak(admitted, 5000)}`);
    a.close();
    b.close();
  });
});

Deno.test("a limiter started after another one's requests waits for their window", async () => {
  await withStateFile(async (path) => {
    const time = fakeTime(1_000_000);
    const before = openStateDb(path);
    const first = new RateLimiter(SECOND, { log: sqliteRequestLog(before, "kros x"), time });
    for (let i = 0; i < 10; i++) await first.acquire();
    before.close();
    // As `spojka sync` right after `spojka init`: a new process, a new connection, a new limiter.
    const after = openStateDb(path);
    const second = new RateLimiter(SECOND, { log: sqliteRequestLog(after, "kros x"), time });
    await second.acquire();
    ok(time.elapsed() >= 1000, `waited ${time.elapsed()} ms`);
    after.close();
  });
});

Deno.test("limiters with different ids do not count each other's requests", async () => {
  const db = openStateDb(":memory:");
  const time = fakeTime();
  for (const id of ["kros https://a.example", "kros https://b.example"]) {
    const limiter = new RateLimiter(SECOND, { log: sqliteRequestLog(db, id), time });
    for (let i = 0; i < 10; i++) await limiter.acquire();
  }
  equal(time.elapsed(), 0);
  db.close();
});

Deno.test("rows too old to count are deleted: the table holds no more than the longest window", async () => {
  const db = openStateDb(":memory:");
  db.prepare("INSERT INTO rate_events (limiter, at_ms) VALUES ('other', 0)").run();
  const limiter = new RateLimiter([{ requests: 5, windowMs: 100 }, { requests: 20, windowMs: 1000 }], {
    log: sqliteRequestLog(db, "kros x"),
    time: fakeTime(),
  });
  for (let i = 0; i < 500; i++) await limiter.acquire();
  ok(rows(db, "kros x") <= 20, `${rows(db, "kros x")} rows`);
  // Another limiter's rows are its own to prune.
  equal(rows(db, "other"), 1);
  db.close();
});

Deno.test("a database locked by another process is waited for, then the request is recorded", async () => {
  await withStateFile(async (path) => {
    const other = openStateDb(path);
    const db = openStateDb(path, 0);
    other.exec("BEGIN IMMEDIATE");
    const time = fakeTime();
    const sleep = time.sleep;
    const waits: number[] = [];
    time.sleep = (ms) => {
      waits.push(ms);
      if (other.isTransaction) other.exec("COMMIT");
      return sleep(ms);
    };
    await new RateLimiter(SECOND, { log: sqliteRequestLog(db, "kros x"), time }).acquire();
    equal(waits.length, 1);
    ok(waits[0] > 0);
    equal(rows(db, "kros x"), 1);
    other.close();
    db.close();
  });
});

Deno.test("two processes over one state file together stay within the window", async () => {
  await withStateFile(async (path) => {
    openStateDb(path).close(); // the table and WAL, before either child opens the file
    const script = new URL("./testdata/acquire.ts", import.meta.url).pathname;
    const children = [0, 1].map(() =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-read", "--allow-write", script, path, "12"],
        stdin: "piped",
        stdout: "piped",
        stderr: "inherit",
      }).spawn()
    );
    try {
      // Both started before either sends, so their requests overlap.
      const readers = children.map((child) => child.stdout.pipeThrough(new TextDecoderStream()).getReader());
      for (const reader of readers) equal((await reader.read()).value?.trim(), "ready");
      for (const child of children) {
        const writer = child.stdin.getWriter();
        await writer.write(new TextEncoder().encode("go\n"));
        await writer.close();
      }
      const outputs = await Promise.all(readers.map(async (reader) => {
        let text = "";
        for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
        return JSON.parse(text) as number[];
      }));
      deepEqual((await Promise.all(children.map((c) => c.status))).map((s) => s.code), [0, 0]);
      deepEqual(outputs.map((times) => times.length), [12, 12]);
      const merged = outputs.flat().sort((x, y) => x - y);
      ok(peak(merged, 200) <= 5, `${peak(merged, 200)} in 200 ms: ${merged.map((t) => t - merged[0])}`);
    } finally {
      for (const child of children) {
        try {
          child.kill();
        } catch {
          // already exited
        }
      }
    }
  });
});
