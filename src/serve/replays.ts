/**
 * Recently received notifications, to recognise a replay: KROS's notification carries no id or
 * time of its own, and its signature covers the body, so a replay is the same body again. Held in
 * memory, bounded in time and count: after a restart a replay costs at most one sync, which writes
 * nothing new (the sync writes only differences), so remembering across restarts would buy nothing.
 *
 * @module
 */

/** How long a notification is remembered. */
export const REPLAY_WINDOW_MS = 10 * 60_000;

/** At most this many are remembered; only signed bodies get here, so the count is KROS's own pace. */
const MAX_REMEMBERED = 1000;

/** Notification bodies seen within the window, by their SHA-256. */
export class RecentNotifications {
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Hash → when first seen; in insertion order, so the oldest come first. */
  readonly #seen = new Map<string, number>();

  /** `now` is the clock (a test passes its own). */
  constructor(windowMs = REPLAY_WINDOW_MS, now: () => number = Date.now) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Whether `body` was seen within the window; if not, it is remembered from now. */
  async seen(body: Uint8Array<ArrayBuffer>): Promise<boolean> {
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body)).toBase64();
    const now = this.#now();
    for (const [old, at] of this.#seen) {
      if (now - at < this.#windowMs && this.#seen.size < MAX_REMEMBERED) break;
      this.#seen.delete(old);
    }
    if (this.#seen.has(hash)) return true;
    this.#seen.set(hash, now);
    return false;
  }
}
