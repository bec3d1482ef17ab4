/**
 * Helpers for the rate-limiter tests: a fake clock, a peak counter, the state's `rate_events` table,
 * and a log that notes when it admits.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import type { RequestLog, Time } from "../limiter.ts";

/** A clock that only moves when someone waits, or when a test sets it (the wall clock jumping). */
export function fakeTime(start = 0): Time & { elapsed(): number; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: (ms) => (now += ms, Promise.resolve()),
    elapsed: () => now - start,
    set: (ms) => void (now = ms),
  };
}

/** The most requests seen in any window of `windowMs` (inclusive edges, like a strict server). */
export function peak(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

/**
 * The state database at `path` (":memory:" for a private one) as spojka opens it: WAL and a
 * busy_timeout, with the table of the state's migrations.
 */
export function openStateDb(path: string, busyTimeoutMs = 5000): DatabaseSync {
  const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`
    CREATE TABLE IF NOT EXISTS rate_events (limiter TEXT NOT NULL, at_ms INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS rate_events_by_limiter ON rate_events (limiter, at_ms);
  `);
  return db;
}

/** `log`, noting in `admitted` the time of every request it records: exactly what the log counts. */
export function recording(log: RequestLog, admitted: number[]): RequestLog {
  return {
    admit(now, keepMs, decide) {
      let at = 0;
      const wait = log.admit(now, keepMs, (sent, nowMs) => decide(sent, at = nowMs));
      if (wait === 0) admitted.push(at);
      return wait;
    },
  };
}
