/**
 * The state database: one SQLite file in the data folder (`state.db`), in WAL mode, holding what
 * spojka remembers between runs: each connector's memory (cursors, last quantities sent), the
 * outbox with its payloads, run summaries, per-item outcomes and the rate limiters' recent requests.
 *
 * Every change is a transaction, so a crash leaves the database as of the last commit; each pack's
 * outcomes are one transaction, which costs O(pack), not O(all items) as rewriting a JSON file did.
 * The schema is versioned with `PRAGMA user_version` and migrated forward on open.
 *
 * @module
 */

import { basename, dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { ConfigError, type StorageError } from "../core/errors.ts";
import { storageError } from "../core/storage.ts";
import { m } from "../i18n/mod.ts";

/**
 * Forward migrations; migration `i` brings the schema from version `i` to `i + 1`. Never edit one
 * that has shipped: add the next.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE memory (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID;

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    connector TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    exit_code INTEGER,
    result TEXT,
    counts TEXT NOT NULL DEFAULT '{}',
    message TEXT
  );
  CREATE INDEX runs_by_connector ON runs (connector, id);

  CREATE TABLE outbox (
    key TEXT PRIMARY KEY,
    connector TEXT NOT NULL,
    agenda TEXT NOT NULL,
    label TEXT NOT NULL,
    item_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    last_attempt_at TEXT,
    error TEXT,
    staged_by TEXT NOT NULL,
    payload TEXT NOT NULL
  );
  CREATE INDEX outbox_in_order ON outbox (connector, rank);

  CREATE TABLE outcomes (
    run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    agenda TEXT NOT NULL,
    label TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX outcomes_by_run ON outcomes (run, outcome);

  CREATE TABLE rate_events (limiter TEXT NOT NULL, at_ms INTEGER NOT NULL);
  CREATE INDEX rate_events_by_limiter ON rate_events (limiter, at_ms);
  `,
  // Failed items found without reading every waiting payload (`spojka outbox`, `status`). Partial, so
  // staging the pending bulk costs nothing more.
  `CREATE INDEX outbox_failed ON outbox (connector, rank) WHERE status = 'failed';`,
  // The ledger of what the target confirmed, one row per item, for `spojka verify` (src/pipeline/ledger.ts).
  `
  CREATE TABLE ledger (
    key TEXT PRIMARY KEY,
    connector TEXT NOT NULL,
    agenda TEXT NOT NULL,
    item_id TEXT NOT NULL,
    label TEXT NOT NULL,
    number TEXT,
    partner_ico TEXT,
    ext_system TEXT,
    ext_ids TEXT,
    total_cents INTEGER,
    currency TEXT,
    date TEXT,
    pohoda_id TEXT,
    confirmed_at TEXT NOT NULL,
    confirmed_as TEXT NOT NULL CHECK (confirmed_as IN ('imported', 'already_present'))
  );
  CREATE INDEX ledger_by_agenda ON ledger (connector, agenda, confirmed_at);
  `,
  // Records left out of an export (too large, refused) are held in the outbox, without payload, until
  // a person acts (src/pipeline/outbox.ts). SQLite cannot widen a CHECK in place: the table is copied,
  // rowids kept (they are the posting order within a rank).
  `
  CREATE TABLE outbox_v4 (
    key TEXT PRIMARY KEY,
    connector TEXT NOT NULL,
    agenda TEXT NOT NULL,
    label TEXT NOT NULL,
    item_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'held')),
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    last_attempt_at TEXT,
    error TEXT,
    staged_by TEXT NOT NULL,
    payload TEXT NOT NULL
  );
  INSERT INTO outbox_v4 (rowid, key, connector, agenda, label, item_id, rank, status, attempts, queued_at,
    last_attempt_at, error, staged_by, payload)
  SELECT rowid, key, connector, agenda, label, item_id, rank, status, attempts, queued_at,
    last_attempt_at, error, staged_by, payload FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_v4 RENAME TO outbox;
  CREATE INDEX outbox_in_order ON outbox (connector, rank);
  CREATE INDEX outbox_failed ON outbox (connector, rank) WHERE status = 'failed';
  CREATE INDEX outbox_held ON outbox (connector, rank) WHERE status = 'held';
  `,
  // Accounting years (src/pohoda/units.ts): the year whose accounting unit an item goes to (a document's
  // date; a partner's row of one unit), and the unit the target confirmed it in. NULL in the outbox:
  // staged before, read from the payload when first routed; NULL in the ledger: the one unit of a
  // config without [pohoda.units].
  `
  ALTER TABLE outbox ADD COLUMN year INTEGER;
  ALTER TABLE ledger ADD COLUMN year INTEGER;
  `,
];

/** The schema version this program reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** How to open the database. */
export interface OpenOptions {
  /**
   * `durable` (the state): every commit reaches the disk before it returns. `scratch` (a dry run's
   * throwaway outbox): no syncing, since losing it in a crash loses nothing.
   */
  mode?: "durable" | "scratch";
}

/** An open state database. Callers close it; one connection per process and data folder. */
export class StateDb {
  /** The connection, for the modules that keep their own tables in it. */
  readonly sql: DatabaseSync;
  readonly path: string;
  #depth = 0;
  readonly #statements = new Map<string, StatementSync>();

  private constructor(sql: DatabaseSync, path: string) {
    this.sql = sql;
    this.path = path;
  }

  /** Opens (creating if needed) and migrates the database at `path`. */
  static open(path: string, options: OpenOptions = {}): StateDb {
    let sql: DatabaseSync;
    try {
      sql = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    } catch (e) {
      throw storageFault(path, e) ?? unreadable(path, e);
    }
    const db = new StateDb(sql, path);
    try {
      // Another process (status, serve's health page, a second run) may hold the file a moment.
      sql.exec("PRAGMA busy_timeout = 10000");
      // Pages that hold a whole document's XML (a no-op once the file exists).
      sql.exec("PRAGMA page_size = 16384");
      if (options.mode === "scratch") {
        sql.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
      } else {
        // WAL: readers never wait for the writer. FULL: a commit is on disk when it returns.
        sql.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
      }
      db.#migrate();
    } catch (e) {
      sql.close();
      if (e instanceof ConfigError) throw e;
      throw storageFault(path, e) ?? unreadable(path, e);
    }
    return db;
  }

  /** The prepared statement for `sql`, prepared once per connection (a pack runs the same few many times). */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.sql.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** The schema version of the open file. */
  get version(): number {
    return Number((this.sql.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  }

  /**
   * Runs `body` in one transaction: all of it is committed, or nothing (an exception rolls back).
   * Nested calls join the outer transaction.
   */
  transaction<T>(body: () => T): T {
    if (this.#depth > 0) return body();
    // IMMEDIATE takes the write lock at once, so two processes never deadlock upgrading a read.
    this.sql.exec("BEGIN IMMEDIATE");
    this.#depth++;
    try {
      const result = body();
      this.sql.exec("COMMIT");
      return result;
    } catch (e) {
      // A COMMIT that failed for a full disk has rolled back already; ROLLBACK would hide why.
      if (this.sql.isTransaction) this.sql.exec("ROLLBACK");
      throw storageFault(this.path, e) ?? e;
    } finally {
      this.#depth--;
    }
  }

  /** Closes the connection. */
  close(): void {
    if (this.sql.isOpen) this.sql.close();
  }

  #migrate(): void {
    // Most opens (status, every /healthz) find the current version: no write lock for them.
    if (this.version === SCHEMA_VERSION) return;
    for (;;) {
      // The version is read inside each step's transaction: two processes may open a new file at once.
      const done = this.transaction(() => {
        const version = this.version;
        if (version > SCHEMA_VERSION) {
          throw new ConfigError(m.state.newer(this.path, version, SCHEMA_VERSION), {
            hint: m.state.newerHint,
          });
        }
        if (version === SCHEMA_VERSION) return true;
        this.sql.exec(MIGRATIONS[version]);
        this.sql.exec(`PRAGMA user_version = ${version + 1}`);
        return false;
      });
      if (done) return;
    }
  }
}

function unreadable(path: string, cause: unknown): ConfigError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ConfigError(m.state.unreadable(path, why), { cause, hint: m.state.unreadableHint(path) });
}

/** A full disk or a folder spojka may not write, as the {@linkcode StorageError} naming the folder of `path`. */
function storageFault(path: string, cause: unknown): StorageError | undefined {
  return storageError(cause, dirname(path), basename(path));
}
