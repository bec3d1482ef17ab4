/**
 * Per-item warnings without flooding: the first few of each kind are logged as they come, the rest
 * are counted and summed up in one line. The full list lives in the state database (per-item
 * outcomes), where `spojka status` shows it; a 100,000-document run must not rotate the log away.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";

/** Where notices go. */
export interface NoticeLog {
  warn(message: string): void;
}

/** Capped warnings, counted per kind. */
export class Notices {
  readonly #log: NoticeLog;
  readonly #shown: number;
  readonly #counts = new Map<string, number>();

  /** Logs at most `shown` warnings of each kind. */
  constructor(log: NoticeLog, shown = 20) {
    this.#log = log;
    this.#shown = shown;
  }

  /** A warning of `kind` (what the items are, e.g. `items not imported`); logged up to the cap of that kind. */
  warn(kind: string, message: string): void {
    const count = (this.#counts.get(kind) ?? 0) + 1;
    this.#counts.set(kind, count);
    if (count <= this.#shown) this.#log.warn(message);
  }

  /** One line per kind that had more warnings than were shown, with `where` to find them all. */
  summarize(where: string): void {
    for (const [kind, count] of this.#counts) {
      if (count > this.#shown) {
        this.#log.warn(m.notices.more(count - this.#shown, kind, count, where));
      }
    }
  }
}
