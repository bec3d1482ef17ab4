/**
 * Per-token sliding-window rate limits, as KROS applies them (10 requests/s and 300/min, reference
 * §A5), with bookkeeping that lets a test fail when the client pushes past a limit.
 *
 * A request is refused when the window ending now already holds `requests` accepted requests;
 * refused requests do not use up the allowance (a client that backs off gets through), but every
 * request, refused or not, counts towards the observed peak, and each refusal is a violation.
 *
 * @module
 */

/** At most `requests` requests in any window of `perMs` milliseconds. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

/** KROS's documented limits. */
export const KROS_LIMITS: readonly RateLimit[] = [{ requests: 10, perMs: 1_000 }, {
  requests: 300,
  perMs: 60_000,
}];

/** One request that arrived while a limit was exhausted. */
export interface RateLimitViolation {
  token: string;
  limit: RateLimit;
  /** Epoch milliseconds of the refused request. */
  at: number;
  /** Requests (refused ones included) in the window ending at `at`. */
  inWindow: number;
}

/** Counters of one limit. */
export interface RateLimitStats {
  limit: RateLimit;
  /** Requests of the busiest token in the window ending now. */
  current: number;
  /** Largest number of requests of one token seen in any window of this length. */
  maxObserved: number;
}

/** Outcome of {@linkcode SlidingWindowLimiter.hit}. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface TokenLog {
  /** Arrival times of all requests. */
  all: number[];
  /** Arrival times of accepted requests. */
  accepted: number[];
}

/** Sliding-window limiter over several limits at once. */
export class SlidingWindowLimiter {
  readonly #limits: readonly RateLimit[];
  readonly #now: () => number;
  readonly #logs = new Map<string, TokenLog>();
  readonly #maxObserved: number[];
  readonly #violations: RateLimitViolation[] = [];

  constructor(limits: readonly RateLimit[] = KROS_LIMITS, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
    this.#maxObserved = limits.map(() => 0);
  }

  /** Records one request of `token` and decides whether it may pass. */
  hit(token: string): RateDecision {
    const now = this.#now();
    const log = this.#log(token, now);
    log.all.push(now);
    let retryAfterMs = 0;
    this.#limits.forEach((limit, i) => {
      const inWindow = countSince(log.all, now - limit.perMs);
      this.#maxObserved[i] = Math.max(this.#maxObserved[i], inWindow);
      const accepted = log.accepted.filter((t) => t > now - limit.perMs);
      if (accepted.length < limit.requests) return;
      this.#violations.push({ token, limit, at: now, inWindow });
      // The request may pass once enough accepted requests have left the window.
      const freedAt = accepted[accepted.length - limit.requests] + limit.perMs;
      retryAfterMs = Math.max(retryAfterMs, freedAt - now);
    });
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    log.accepted.push(now);
    return { allowed: true };
  }

  /** Counters per limit, in the order the limits were given. */
  stats(): RateLimitStats[] {
    const now = this.#now();
    return this.#limits.map((limit, i) => ({
      limit,
      current: Math.max(0, ...[...this.#logs.values()].map((log) => countSince(log.all, now - limit.perMs))),
      maxObserved: this.#maxObserved[i],
    }));
  }

  /** Every refused request so far. */
  violations(): readonly RateLimitViolation[] {
    return this.#violations;
  }

  #log(token: string, now: number): TokenLog {
    const log = this.#logs.get(token) ?? { all: [], accepted: [] };
    this.#logs.set(token, log);
    // Forget what no window can see any more, so long demo runs stay small.
    const horizon = now - Math.max(...this.#limits.map((l) => l.perMs));
    log.all = log.all.filter((t) => t > horizon);
    log.accepted = log.accepted.filter((t) => t > horizon);
    return log;
  }
}

function countSince(times: number[], after: number): number {
  return times.filter((t) => t > after).length;
}
