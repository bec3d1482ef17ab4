import { deepEqual, equal } from "node:assert/strict";
import { SlidingWindowLimiter } from "./rate_limit.ts";

/** A limiter on a hand-driven clock. */
function limiterAt(limits: { requests: number; perMs: number }[]) {
  const clock = { now: 0 };
  return { clock, limiter: new SlidingWindowLimiter(limits, () => clock.now) };
}

Deno.test("requests within the limit pass and are counted", () => {
  const { clock, limiter } = limiterAt([{ requests: 3, perMs: 1000 }]);
  for (const t of [0, 100, 200]) {
    clock.now = t;
    deepEqual(limiter.hit("a"), { allowed: true });
  }
  deepEqual(limiter.stats(), [{ limit: { requests: 3, perMs: 1000 }, current: 3, maxObserved: 3 }]);
  deepEqual(limiter.violations(), []);
});

Deno.test("a request over the limit is refused with the wait until a slot frees", () => {
  const { clock, limiter } = limiterAt([{ requests: 3, perMs: 1000 }]);
  for (const t of [0, 100, 200]) {
    clock.now = t;
    limiter.hit("a");
  }
  clock.now = 300;
  deepEqual(limiter.hit("a"), { allowed: false, retryAfterMs: 700 });
  equal(limiter.violations().length, 1);
  deepEqual(limiter.violations()[0], {
    token: "a",
    limit: { requests: 3, perMs: 1000 },
    at: 300,
    inWindow: 4,
  });
  equal(limiter.stats()[0].maxObserved, 4);
});

Deno.test("the window slides: a request passes once the oldest one is perMs old", () => {
  const { clock, limiter } = limiterAt([{ requests: 2, perMs: 1000 }]);
  clock.now = 0;
  limiter.hit("a");
  clock.now = 500;
  limiter.hit("a");
  clock.now = 999;
  equal(limiter.hit("a").allowed, false);
  clock.now = 1000;
  equal(limiter.hit("a").allowed, true);
});

Deno.test("refused requests do not use up the allowance", () => {
  const { clock, limiter } = limiterAt([{ requests: 1, perMs: 1000 }]);
  clock.now = 0;
  limiter.hit("a");
  clock.now = 10;
  equal(limiter.hit("a").allowed, false);
  clock.now = 1000;
  equal(limiter.hit("a").allowed, true);
});

Deno.test("limits are per token", () => {
  const { limiter } = limiterAt([{ requests: 1, perMs: 1000 }]);
  equal(limiter.hit("a").allowed, true);
  equal(limiter.hit("b").allowed, true);
  equal(limiter.hit("a").allowed, false);
});

Deno.test("the longer limit applies too, and the longest wait wins", () => {
  const { clock, limiter } = limiterAt([{ requests: 2, perMs: 100 }, { requests: 3, perMs: 1000 }]);
  for (const t of [0, 100, 200]) {
    clock.now = t;
    equal(limiter.hit("a").allowed, true);
  }
  clock.now = 300;
  deepEqual(limiter.hit("a"), { allowed: false, retryAfterMs: 700 });
  deepEqual(limiter.violations().map((v) => v.limit.perMs), [1000]);
  // Requests 100 ms apart never share a 100 ms window (its start is exclusive).
  deepEqual(limiter.stats().map((s) => s.maxObserved), [1, 4]);
});
