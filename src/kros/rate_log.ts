/**
 * A {@linkcode RequestLog} in the state's SQLite database (table `rate_events`), so that the KROS
 * limits hold over consecutive processes (`spojka init`, then `spojka sync`) and concurrent ones
 * (`spojka serve` and a manual run).
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { KrosConfig } from "../connectors/kros_stock/config.ts";
import type { StateDb } from "../state/db.ts";
import { KrosClient } from "./client.ts";
import type { RequestLog } from "./limiter.ts";

// Another process held the write lock for longer than the connection's busy_timeout; the limiter
// waits this long and asks again rather than failing the run.
const BUSY_RETRY_MS = 50;

/**
 * The requests of `limiter` as rows of `rate_events` in `db`. Each admission reads, decides and
 * records in one `BEGIN IMMEDIATE` transaction, so processes sharing the file take turns; rows too
 * old to count are deleted as it goes. `db` is the caller's: it sets the busy_timeout (and WAL), and
 * must not be inside a transaction when a request is admitted.
 *
 * `limiter` names whose requests count together and is stored in plain text: derive it from nothing
 * secret, e.g. `kros ${base_url}`, never from the token.
 */
export function sqliteRequestLog(db: DatabaseSync, limiter: string): RequestLog {
  const forget = db.prepare("DELETE FROM rate_events WHERE limiter = ? AND at_ms <= ?");
  const pullBack = db.prepare("UPDATE rate_events SET at_ms = ? WHERE limiter = ? AND at_ms > ?");
  const recent = db.prepare("SELECT at_ms FROM rate_events WHERE limiter = ? ORDER BY at_ms");
  const record = db.prepare("INSERT INTO rate_events (limiter, at_ms) VALUES (?, ?)");
  return {
    admit(now, keepMs, decide) {
      try {
        db.exec("BEGIN IMMEDIATE");
      } catch (e) {
        if (isBusy(e)) return BUSY_RETRY_MS;
        throw e;
      }
      try {
        // Read only now: the wait for the lock may have been long, and other processes' requests
        // recorded meanwhile must be seen as past, not as from the future.
        const nowMs = now();
        forget.run(limiter, nowMs - keepMs);
        // Rows from before the wall clock went back would otherwise hold their windows shut until
        // the clock caught up with them.
        pullBack.run(nowMs, limiter, nowMs);
        const sent = recent.all(limiter).map((row) => Number(row.at_ms));
        const wait = decide(sent, nowMs);
        if (wait === 0) record.run(limiter, nowMs);
        db.exec("COMMIT");
        return wait;
      } catch (e) {
        // A failed COMMIT (busy) leaves the transaction open; some other failures have ended it.
        if (db.isTransaction) db.exec("ROLLBACK");
        if (isBusy(e)) return BUSY_RETRY_MS;
        throw e;
      }
    },
  };
}

/** SQLITE_BUSY. Deno's node:sqlite errors carry no result code, only SQLite's message for it. */
function isBusy(error: unknown): boolean {
  return error instanceof Error && error.message.includes("database is locked");
}

/**
 * A KROS client whose limiter counts the requests of every spojka process of this data folder,
 * through the state database. The limiter is named by the API address, never by the token.
 */
export function krosClient(
  config: KrosConfig,
  log: { detail(message: string): void },
  db: StateDb,
): KrosClient {
  return new KrosClient(config, log, { requestLog: sqliteRequestLog(db.sql, `kros ${config.base_url}`) });
}
