/**
 * Refused requests, logged in aggregate: at most one line a minute whatever arrives, so a
 * scanner or a flood on the public endpoint cannot fill the log and rotate its history away.
 *
 * @module
 */

import { SIGNATURE_HEADER } from "../kros/signature.ts";
import { LIMITS, type WireRefusal } from "./wire.ts";

/** Why a request got no sync: refused by the server or the handler, or a notification repeated. */
export type Refusal = WireRefusal | "not found" | "bad signature" | "not a notification" | "replay";

const WORDING: Record<Exclude<Refusal, "replay">, string> = {
  "bad signature": `with a wrong or missing ${SIGNATURE_HEADER}`,
  "not a notification": "signed but not a JSON notification",
  "not found": "for another address or method",
  "too large": `too large (over ${LIMITS.headBytes / 1024} KiB of header fields or ${
    LIMITS.bodyBytes / 1024
  } KiB of body)`,
  slow: `not sent whole within ${LIMITS.requestMs / 1000} s`,
  busy: `while ${LIMITS.connections} connections were open`,
  malformed: "not HTTP/1.1",
  unaccepted: "connections the system could not accept",
};

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
      keyof typeof WORDING,
      number,
    ][];
    const total = refused.reduce((sum, [, count]) => sum + count, 0);
    const parts: string[] = [];
    if (total > 0) {
      refused.sort((a, b) => b[1] - a[1]);
      parts.push(
        `Refused ${plural(total, "request")} in the last ${seconds} s: ${
          refused.map(([kind, count]) => `${count} ${WORDING[kind]}`).join(", ")
        }.`,
      );
    }
    if (this.#counts.has("bad signature")) {
      parts.push(
        "If KROS sent the unsigned ones, the authorisation key entered in KROS is not spojka's: " +
          "spojka init shows the one to enter.",
      );
    }
    if (replays > 0) {
      parts.push(
        `Ignored ${replays} repeated KROS ${
          replays === 1 ? "notification" : "notifications"
        } (answered 200; each had already triggered its sync).`,
      );
    }
    this.#counts.clear();
    this.#log.warn(parts.join(" "));
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
