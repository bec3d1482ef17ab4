/**
 * Refused requests, logged in aggregate: at most one line a minute whatever arrives, so a
 * scanner or a flood on the public endpoint cannot fill the log and rotate its history away.
 *
 * @module
 */

import { SIGNATURE_HEADER } from "../kros/signature.ts";
import { LIMITS, type WireRefusal } from "./wire.ts";
import { m } from "../i18n/mod.ts";

/** Why a request got no sync: refused by the server or the handler, or a notification repeated. */
export type Refusal = WireRefusal | "not found" | "bad signature" | "not a notification" | "replay";

/** What the requests refused as `kind` were, in the current language. */
function wording(kind: Exclude<Refusal, "replay">): string {
  const words = m.serveRun.refusal;
  switch (kind) {
    case "bad signature":
      return words.badSignature(SIGNATURE_HEADER);
    case "not a notification":
      return words.notANotification;
    case "not found":
      return words.notFound;
    case "too large":
      return words.tooLarge(LIMITS.headBytes / 1024, LIMITS.bodyBytes / 1024);
    case "slow":
      return words.slow(LIMITS.requestMs / 1000);
    case "busy":
      return words.busy(LIMITS.connections);
    case "malformed":
      return words.malformed;
    case "unaccepted":
      return words.unaccepted;
  }
}

/** Counts refusals and logs one line per interval in which there were any. */
export class RefusalLog {
  readonly #log: { warn(message: string): void };
  readonly #intervalMs: number;
  readonly #counts = new Map<Refusal, number>();
  #timer?: ReturnType<typeof setTimeout>;

  /** Logs to `log` at most once every `intervalMs`. */
  constructor(log: { warn(message: string): void }, intervalMs = 60_000) {
    this.#log = log;
    this.#intervalMs = intervalMs;
  }

  /** One more request of `kind`; the first of an interval starts it. */
  count(kind: Refusal): void {
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
    this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
  }

  /** Logs what was counted since the last line (at the end of the interval, or when serve stops). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#counts.size === 0) return;
    const seconds = Math.round(this.#intervalMs / 1000);
    const replays = this.#counts.get("replay") ?? 0;
    const refused = [...this.#counts].filter(([kind]) => kind !== "replay") as [
      Exclude<Refusal, "replay">,
      number,
    ][];
    const total = refused.reduce((sum, [, count]) => sum + count, 0);
    const parts: string[] = [];
    if (total > 0) {
      refused.sort((a, b) => b[1] - a[1]);
      const kinds = refused.map(([kind, count]) => m.serveRun.refusalCount(count, wording(kind)));
      parts.push(m.serveRun.refused(total, seconds, kinds.join(", ")));
    }
    if (this.#counts.has("bad signature")) {
      parts.push(m.serveRun.unsignedHint);
    }
    if (replays > 0) {
      parts.push(m.serveRun.replays(replays));
    }
    this.#counts.clear();
    this.#log.warn(parts.join(" "));
  }
}
