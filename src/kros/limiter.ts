/**
 * A client-side rate limiter over several sliding windows at once (KROS: 10 requests a second and
 * 300 a minute per token). Each request waits until every window has room, so the server's limit is
 * never reached rather than met with 429s. The requests sent are kept in a {@linkcode RequestLog}:
 * in memory by default, or in the state (`sqliteRequestLog` in `rate_log.ts`) so that consecutive and
 * concurrent processes count together.
 *
 * @module
 */

/** At most `requests` in any `windowMs`. */
export interface Window {
  requests: number;
  windowMs: number;
}

/** A clock and a way to wait; tests pass fakes. */
export interface Time {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Where a limiter remembers the requests it let through. Every limiter (in this process or another)
 * that shares a log counts against the same windows.
 */
export interface RequestLog {
  /**
   * One admission step, atomic with respect to every other user of the log. Once it holds the log,
   * it reads the clock `now` and passes `decide` that time and the times (ascending) of the requests
   * sent in the `keepMs` before it; `decide` says how long to wait, 0 for not at all, and on 0 the
   * request is recorded at that time. Times after it (the wall clock went back) count, and are kept
   * from then on, as that time; older ones may be forgotten.
   *
   * Returns 0 once the request is recorded, otherwise how long to wait before asking again (which
   * may differ from what `decide` said, e.g. when the log was busy).
   */
  admit(
    now: () => number,
    keepMs: number,
    decide: (sent: readonly number[], nowMs: number) => number,
  ): number;
}

// The wall clock, not performance.now(): a log shared between processes needs times they agree on.
// It can jump backwards; hence RequestLog's rule for times after now.
const realTime: Time = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The default log: this process's memory, forgotten when it ends. */
function memoryRequestLog(): RequestLog {
  let sent: number[] = [];
  return {
    admit(now, keepMs, decide) {
      const nowMs = now();
      sent = sent.filter((t) => t > nowMs - keepMs).map((t) => Math.min(t, nowMs));
      const wait = decide(sent, nowMs);
      if (wait === 0) sent.push(nowMs);
      return wait;
    },
  };
}

/**
 * Requests are counted when sent and by the server when they arrive, after a delay that varies (a
 * busy server stamps late, a packet is sent again): a margin keeps a request sent right at a
 * window's edge from arriving inside it. 25 ms, then 100 ms, were measured too little on a loaded
 * machine (two requests 150 ms apart in delay); 250 ms costs a fifth of the per-second rate, and a
 * 429 that still comes is waited out.
 */
export const MARGIN_MS = 250;

/** Admits requests within every window. Callers take turns: one `acquire` completes at a time. */
export class RateLimiter {
  readonly #windows: Window[];
  readonly #longestMs: number;
  readonly #log: RequestLog;
  readonly #time: Time;
  #turn: Promise<void> = Promise.resolve();

  /** `log` defaults to one in this process's memory, `time` to the wall clock and real waits. */
  constructor(windows: Window[], options: { log?: RequestLog; time?: Time } = {}) {
    this.#windows = windows;
    this.#longestMs = Math.max(...windows.map((w) => w.windowMs));
    this.#log = options.log ?? memoryRequestLog();
    this.#time = options.time ?? realTime;
  }

  /** Waits until a request may be sent, and counts it as sent. */
  acquire(): Promise<void> {
    const turn = this.#turn.then(() => this.#admit());
    // A failed turn (the log could not be read) fails its caller only, not every later one.
    this.#turn = turn.catch(() => {});
    return turn;
  }

  async #admit(): Promise<void> {
    for (;;) {
      const wait = this.#log.admit(
        () => this.#time.now(),
        this.#longestMs + MARGIN_MS,
        (sent, now) => Math.max(0, ...this.#windows.map((w) => waitFor(w, sent, now))),
      );
      if (wait === 0) return;
      await this.#time.sleep(wait);
    }
  }
}

/** How long until `window` has room at `now`: until its oldest counted request leaves it. */
function waitFor(window: Window, sent: readonly number[], now: number): number {
  const inWindow = sent.filter((t) => t > now - window.windowMs - MARGIN_MS);
  if (inWindow.length < window.requests) return 0;
  const oldest = inWindow[inWindow.length - window.requests];
  return Math.max(1, oldest + window.windowMs + MARGIN_MS - now);
}
