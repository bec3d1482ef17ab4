/**
 * The body of `GET /healthz`. The address faces the internet (KROS must reach it), and the last runs
 * tell more than a stranger should learn: failure messages name paths, URLs and hosts, the counts per
 * agenda are business volume. So anyone learns whether serve is well and busy; the details are for
 * this computer (the admin, a local monitor), see `http.ts`.
 *
 * @module
 */

import type { ConnectorId } from "../connectors/config.ts";
import type { RunSummary } from "../state/runs.ts";

/** What anyone may learn. */
export interface PublicHealth {
  /** `failing` when a connector's last run stopped early (exit 2 and above) or the state cannot be read. */
  status: "ok" | "failing";
  /** Whether a run is in progress. */
  running: boolean;
}

/** The last finished run of each connector, as the state holds them, or why they could not be read. */
export type LastRuns = { runs: Record<string, RunSummary & { id: number }> } | { error: string };

/** What this computer learns besides. */
export interface Health extends PublicHealth {
  /** Connectors waiting for their run. */
  pending: ConnectorId[];
  lastRuns: Record<string, RunSummary & { id: number }>;
  /** Why the state could not be read, when it could not. */
  error?: string;
}

/** The health of serve with these last runs. */
export function healthOf(last: LastRuns, running: boolean, pending: ConnectorId[]): Health {
  if ("error" in last) return { status: "failing", running, pending, lastRuns: {}, error: last.error };
  const failing = Object.values(last.runs).some((run) => run.result === "failed");
  return { status: failing ? "failing" : "ok", running, pending, lastRuns: last.runs };
}

/** The part of `health` anyone may learn. */
export function publicHealth(health: Health): PublicHealth {
  return { status: health.status, running: health.running };
}

/**
 * A value read at most once per `maxAgeMs`, however often it is asked for: a flood of requests opens
 * the state database once, not once each. Requests during a read share it; a read that fails is not
 * kept. {@linkcode Cached.forget} makes the next request read afresh (a run has just ended).
 */
export class Cached<T> {
  readonly #read: () => Promise<T>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #kept?: { value: Promise<T>; at: number };

  constructor(read: () => Promise<T>, maxAgeMs: number, now: () => number = Date.now) {
    this.#read = read;
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  /** The value, read now if the one kept is older than `maxAgeMs` (or there is none). */
  get(): Promise<T> {
    const now = this.#now();
    if (this.#kept && now - this.#kept.at < this.#maxAgeMs) return this.#kept.value;
    const kept = { value: this.#read(), at: now };
    this.#kept = kept;
    kept.value.catch(() => {
      if (this.#kept === kept) this.#kept = undefined;
    });
    return kept.value;
  }

  /** Drops the value kept. */
  forget(): void {
    this.#kept = undefined;
  }
}
