import { equal, ok, rejects } from "node:assert/strict";
import { MARGIN_MS, RateLimiter, type RequestLog } from "./limiter.ts";
import { sqliteRequestLog } from "./rate_log.ts";
import { fakeTime, openStateDb, peak } from "./testdata/limits.ts";

// The algorithm must hold whatever keeps the requests; `undefined` is the default, in memory.
const logs: [string, () => RequestLog | undefined][] = [
  ["in memory", () => undefined],
  ["in SQLite", () => sqliteRequestLog(openStateDb(":memory:"), "kros test")],
];

for (const [where, makeLog] of logs) {
  Deno.test(`KROS's limits hold, ${where}: never more than 10 a second nor 300 a minute, and no slower than needed`, async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(
      [{ requests: 10, windowMs: 1000 }, { requests: 300, windowMs: 60_000 }],
      { log: makeLog(), time },
    );
    const sent: number[] = [];
    for (let i = 0; i < 700; i++) {
      await limiter.acquire();
      sent.push(time.now());
    }
    ok(peak(sent, 1000) <= 10, `per second: ${peak(sent, 1000)}`);
    ok(peak(sent, 60_000) <= 300, `per minute: ${peak(sent, 60_000)}`);
    // Each minute allows 300, sent in about 30 s at 10 a second; the third minute's 100 start at 120 s
    // and take 10 s more. Anything much beyond ~130 s would be needless waiting.
    ok(time.elapsed() >= 125_000 && time.elapsed() < 132_000, `took ${time.elapsed()} ms`);
  });

  Deno.test(`requests within the limits are not delayed, ${where}`, async () => {
    const time = fakeTime();
    const limiter = new RateLimiter([{ requests: 10, windowMs: 1000 }], { log: makeLog(), time });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    equal(time.elapsed(), 0);
  });

  Deno.test(`concurrent callers take turns and still respect the window, ${where}`, async () => {
    const time = fakeTime();
    const limiter = new RateLimiter([{ requests: 2, windowMs: 1000 }], { log: makeLog(), time });
    const sent: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire().then(() => sent.push(time.now()))));
    ok(peak(sent, 1000) <= 2);
    equal(sent.length, 6);
  });

  Deno.test(`a wall clock gone back an hour costs one window's wait, not an hour, ${where}`, async () => {
    const time = fakeTime(3_600_000);
    const limiter = new RateLimiter([{ requests: 10, windowMs: 1000 }], { log: makeLog(), time });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    time.set(0);
    await limiter.acquire();
    const waited = time.now();
    ok(waited > 0 && waited <= 1000 + MARGIN_MS, `waited ${waited} ms`);
    // Once that window has passed, the requests from "the future" no longer hold it shut.
    time.set(waited + 1001 + MARGIN_MS);
    for (let i = 0; i < 9; i++) await limiter.acquire();
    equal(time.now(), waited + 1001 + MARGIN_MS);
  });
}

Deno.test("a failed turn fails its caller only", async () => {
  let calls = 0;
  const log: RequestLog = {
    admit() {
      if (++calls === 1) throw new Error("disk I/O error");
      return 0;
    },
  };
  const limiter = new RateLimiter([{ requests: 1, windowMs: 1000 }], { log, time: fakeTime() });
  const [first, second] = [limiter.acquire(), limiter.acquire()];
  await rejects(first, /disk I\/O error/);
  await second;
});
