import { equal, ok } from "node:assert/strict";
import { RateLimiter, type Time } from "./limiter.ts";

/** A clock that only moves when someone waits. */
function fakeTime(): Time & { elapsed(): number } {
  let now = 0;
  return { now: () => now, sleep: (ms) => (now += ms, Promise.resolve()), elapsed: () => now };
}

/** The most requests seen in any window of `windowMs` (inclusive edges, like a strict server). */
function peak(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

Deno.test("KROS's limits hold: never more than 10 a second nor 300 a minute, and no slower than needed", async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(
    [{ requests: 10, windowMs: 1000 }, { requests: 300, windowMs: 60_000 }],
    time,
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

Deno.test("requests within the limits are not delayed", async () => {
  const time = fakeTime();
  const limiter = new RateLimiter([{ requests: 10, windowMs: 1000 }], time);
  for (let i = 0; i < 10; i++) await limiter.acquire();
  equal(time.elapsed(), 0);
});

Deno.test("concurrent callers take turns and still respect the window", async () => {
  const time = fakeTime();
  const limiter = new RateLimiter([{ requests: 2, windowMs: 1000 }], time);
  const sent: number[] = [];
  await Promise.all(Array.from({ length: 6 }, () => limiter.acquire().then(() => sent.push(time.now()))));
  ok(peak(sent, 1000) <= 2);
  equal(sent.length, 6);
});
