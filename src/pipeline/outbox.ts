/**
 * The outbox: every downloaded item is kept in the state database, payload included, until its
 * target confirms it. Items are staged in batches (one transaction each) before anything is posted,
 * read back page by page in posting order, and settled pack by pack, so memory and the cost of a
 * pack never depend on how many items wait.
 *
 * @module
 */

import type { StateDb } from "../state/db.ts";

/** An item to keep until its target confirms it. */
export interface OutboxItem {
  /** Identity across runs; a newer version of the same key replaces the older one. */
  key: string;
  /** The id the target knows the item by (POHODA `dataPackItem@id`). */
  itemId: string;
  agenda: string;
  /** What a human recognises: number, partner name. */
  label: string;
  /** Where the item goes in the posting order (lower first), as its connector ranks it. */
  rank: number;
  /** The payload sent to the target. */
  payload: string;
}

/** A waiting item as the outbox holds it. */
export interface QueuedItem extends OutboxItem {
  /** The download (or migration) that staged this version. */
  stagedBy: string;
  /** `pending`: not tried yet, or the outcome was uncertain; `failed`: the target rejected it. */
  status: "pending" | "failed";
  attempts: number;
  queuedAt: string;
  lastAttemptAt?: string;
  /** The target's reason for the last rejection. */
  error?: string;
}

/** An item of the same download that a later one of the same key replaced. */
export interface Replaced {
  key: string;
  /** The label of the replaced version. */
  label: string;
}

/** How many items one page of a read in posting order holds. */
const PAGE = 500;

/** One connector's part of the outbox. */
export class Outbox {
  readonly #db: StateDb;
  readonly connector: string;

  constructor(db: StateDb, connector: string) {
    this.#db = db;
    this.connector = connector;
  }

  /**
   * Stages a batch of downloaded items in one transaction. A new version of a waiting item replaces
   * it with a fresh chance (the source may have fixed what the target rejected), keeping when it
   * was first queued and how often it was tried. Returns the items that another item of the same
   * `download` had staged under the same key: the export names them alike.
   */
  stage(items: readonly OutboxItem[], download: string, now: Date): Replaced[] {
    const replaced: Replaced[] = [];
    const previous = this.#db.statement("SELECT label, staged_by FROM outbox WHERE key = ?");
    const upsert = this.#db.statement(
      `INSERT INTO outbox (key, connector, agenda, label, item_id, rank, status, attempts, queued_at, staged_by, payload)
       VALUES (:key, :connector, :agenda, :label, :item_id, :rank, 'pending', 0, :queued_at, :staged_by, :payload)
       ON CONFLICT (key) DO UPDATE SET agenda = excluded.agenda, label = excluded.label,
         item_id = excluded.item_id, rank = excluded.rank, status = 'pending', error = NULL,
         staged_by = excluded.staged_by, payload = excluded.payload`,
    );
    const queuedAt = now.toISOString();
    this.#db.transaction(() => {
      for (const item of items) {
        const before = previous.get(item.key) as { label: string; staged_by: string } | undefined;
        if (before?.staged_by === download) replaced.push({ key: item.key, label: before.label });
        upsert.run({ ...this.#columns(item), queued_at: queuedAt, staged_by: download });
      }
    });
    return replaced;
  }

  /** Puts items exactly as they were queued elsewhere (a migrated state, a dry run's copy). */
  restore(items: Iterable<QueuedItem>): void {
    const insert = this.#db.statement(
      `INSERT OR REPLACE INTO outbox (key, connector, agenda, label, item_id, rank, status, attempts,
         queued_at, last_attempt_at, error, staged_by, payload)
       VALUES (:key, :connector, :agenda, :label, :item_id, :rank, :status, :attempts, :queued_at,
         :last_attempt_at, :error, :staged_by, :payload)`,
    );
    this.#db.transaction(() => {
      for (const item of items) {
        insert.run({
          ...this.#columns(item),
          status: item.status,
          attempts: item.attempts,
          queued_at: item.queuedAt,
          last_attempt_at: item.lastAttemptAt ?? null,
          error: item.error ?? null,
          staged_by: item.stagedBy,
        });
      }
    });
  }

  /** The columns every version of an item has. */
  #columns(item: OutboxItem) {
    const { key, agenda, label, itemId: item_id, rank, payload } = item;
    return { key, connector: this.connector, agenda, label, item_id, rank, payload };
  }

  /**
   * Every waiting item (failed ones included: they are retried) in posting order: by rank, then in
   * the order they were first queued (a new version keeps its item's place). Read page by page;
   * items settled meanwhile are simply not met again.
   */
  *inOrder(upToRank = Infinity): Generator<QueuedItem> {
    // Rank by rank, then keyset pages within the rank: each page is an index seek, whatever the size.
    const nextRank = this.#db.statement(
      "SELECT min(rank) AS rank FROM outbox WHERE connector = ? AND rank > ? AND rank <= ?",
    );
    const page = this.#db.statement(
      `SELECT rowid AS seq, * FROM outbox WHERE connector = ? AND rank = ? AND rowid > ?
       ORDER BY rowid LIMIT ${PAGE}`,
    );
    const limit = rankLimit(upToRank);
    for (let rank = -1;;) {
      const found = (nextRank.get(this.connector, rank, limit) as { rank: number | null }).rank;
      if (found === null) return;
      rank = Number(found);
      let rows = page.all(this.connector, rank, -1) as unknown as OutboxRow[];
      while (rows.length > 0) {
        yield* rows.map(queuedItem);
        rows = page.all(this.connector, rank, rows.at(-1)!.seq) as unknown as OutboxRow[];
      }
    }
  }

  /** How many items wait (up to `upToRank`), and how many of them the target rejected. */
  counts(upToRank = Infinity): { pending: number; failed: number } {
    const rows = this.#db.statement(
      "SELECT status, count(*) AS n FROM outbox WHERE connector = ? AND rank <= ? GROUP BY status",
    ).all(this.connector, rankLimit(upToRank)) as { status: string; n: number }[];
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: of("pending"), failed: of("failed") };
  }

  /**
   * The target confirmed `item`: it leaves the outbox, unless a newer version was staged while it was
   * on its way (that one still has to go). Call inside the pack's transaction.
   */
  confirm(item: QueuedItem): void {
    this.#db.statement("DELETE FROM outbox WHERE key = ? AND staged_by = ?").run(item.key, item.stagedBy);
  }

  /** The target rejected `item`: it stays, failed, and is retried. Call inside the pack's transaction. */
  fail(item: QueuedItem, reason: string, now: Date): void {
    this.#db.statement(
      `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_attempt_at = ?, error = ?
       WHERE key = ? AND staged_by = ?`,
    ).run(now.toISOString(), reason, item.key, item.stagedBy);
  }
}

/** `Infinity` as SQLite can compare it. */
function rankLimit(upToRank: number): number {
  return Number.isFinite(upToRank) ? upToRank : Number.MAX_SAFE_INTEGER;
}

/** Failed items of every connector, for `status`. */
export function failedItems(db: StateDb): QueuedItem[] {
  const rows = db.statement(
    "SELECT * FROM outbox WHERE status = 'failed' ORDER BY connector, rank, rowid",
  ).all() as unknown as OutboxRow[];
  return rows.map(queuedItem);
}

/** How many items wait in the whole outbox, and how many of them failed. */
export function outboxCounts(db: StateDb): { pending: number; failed: number } {
  const row = db.statement(
    "SELECT count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed FROM outbox",
  ).get() as { total: number; failed: number };
  return { pending: Number(row.total) - Number(row.failed), failed: Number(row.failed) };
}

interface OutboxRow {
  seq: number;
  key: string;
  connector: string;
  agenda: string;
  label: string;
  item_id: string;
  rank: number;
  status: "pending" | "failed";
  attempts: number;
  queued_at: string;
  last_attempt_at: string | null;
  error: string | null;
  staged_by: string;
  payload: string;
}

function queuedItem(row: OutboxRow): QueuedItem {
  return {
    key: row.key,
    itemId: row.item_id,
    agenda: row.agenda,
    label: row.label,
    rank: Number(row.rank),
    payload: row.payload,
    stagedBy: row.staged_by,
    status: row.status,
    attempts: Number(row.attempts),
    queuedAt: row.queued_at,
    ...(row.last_attempt_at === null ? {} : { lastAttemptAt: row.last_attempt_at }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}
