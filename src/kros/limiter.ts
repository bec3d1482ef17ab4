/**
 * A client-side rate limiter over several sliding windows at once (KROS: 10 requests a second and
 * 300 a minute per token). Each request waits until every window has room, so the server's limit is
 * never reached rather than met with 429s.
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

const realTime: Time = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// Requests are counted when sent and by the server when they arrive; a few milliseconds of margin
// keep a request sent right at a window's edge from arriving inside it.
const MARGIN_MS = 25;

/** Admits requests within every window. Callers take turns: one `acquire` completes at a time. */
export class RateLimiter {
  readonly #windows: Window[];
  readonly #time: Time;
  readonly #sent: number[] = [];
  #turn: Promise<void> = Promise.resolve();

  constructor(windows: Window[], time: Time = realTime) {
    this.#windows = windows;
    this.#time = time;
  }

  /** Waits until a request may be sent, and counts it as sent. */
  acquire(): Promise<void> {
    const turn = this.#turn.then(() => this.#admit());
    this.#turn = turn;
    return turn;
  }

  async #admit(): Promise<void> {
    for (;;) {
      const now = this.#time.now();
      const wait = Math.max(0, ...this.#windows.map((w) => this.#waitFor(w, now)));
      if (wait === 0) break;
      await this.#time.sleep(wait);
    }
    this.#sent.push(this.#time.now());
    const longest = Math.max(...this.#windows.map((w) => w.windowMs));
    while (this.#sent.length > 0 && this.#sent[0] <= this.#time.now() - longest - MARGIN_MS) {
      this.#sent.shift();
    }
  }

  /** How long until `window` has room at `now`: until its oldest counted request leaves it. */
  #waitFor(window: Window, now: number): number {
    const inWindow = this.#sent.filter((t) => t > now - window.windowMs - MARGIN_MS);
    if (inWindow.length < window.requests) return 0;
    const oldest = inWindow[inWindow.length - window.requests];
    return Math.max(1, oldest + window.windowMs + MARGIN_MS - now);
  }
}
