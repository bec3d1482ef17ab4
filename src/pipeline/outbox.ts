/**
 * The outbox: every downloaded item is kept in the state database, payload included, until its
 * target confirms it. Items are staged in batches (one transaction each) before anything is posted,
 * read back page by page in posting order (pages bounded by count and by payload size), and settled
 * pack by pack, so memory and the cost of a pack never depend on how many items wait, only on the
 * largest one.
 *
 * A record the source exported that cannot go as it is (too large, refused) is held here too, as a
 * note without payload: never sent, listed until a version that can go replaces it under the same
 * key or a person drops it, so no rejected record is forgotten once the cursor moves past it.
 *
 * @module
 */

import { redact } from "../core/redact.ts";
import type { StateDb } from "../state/db.ts";
import { recordOutcome } from "../state/outcomes.ts";
import { beginRun, endRun } from "../state/runs.ts";

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
  /**
   * The accounting year whose unit it goes to (src/pohoda/units.ts), `0` for none; absent, it is read
   * from the payload when first routed.
   */
  year?: number;
}

/**
 * A record left out of a download: kept, without payload, until a person acts on it or a version
 * that can go replaces it under the same key.
 */
export interface HeldItem {
  /** The key the record's item would get when its fields name it, else one of its own. */
  key: string;
  agenda: string;
  label: string;
  rank: number;
  /** Why it cannot go, and what to do, in words for the user. */
  reason: string;
}

/**
 * `pending`: not tried yet, or the outcome was uncertain; `failed`: the target rejected it (both are
 * sent on every run); `held`: a record left out, never sent ({@linkcode HeldItem}).
 */
export type WaitingStatus = "pending" | "failed" | "held";

/** How many items wait: to be sent (`pending`, `failed`), and held. */
export interface WaitingCounts {
  pending: number;
  failed: number;
  held: number;
}

/** A waiting item as the outbox holds it, to be sent. */
export interface QueuedItem extends OutboxItem {
  /** The download (or migration) that staged this version. */
  stagedBy: string;
  status: Exclude<WaitingStatus, "held">;
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
  /** The replaced version had the same payload: the record came twice, nothing differs. */
  identical: boolean;
}

/**
 * How many items one page of a read in posting order holds at most: a few packs' worth. A larger page
 * outlives young-generation collections while its packs are built, and is then collected only with
 * the old generation (pages of 500: a fifth more full collections, 7 % more wall time in a dry run).
 */
const PAGE = 100;
/**
 * How many bytes of payload (UTF-8, as stored) one page holds at most, its first item aside: pages of
 * large items are shorter, so memory follows the largest item, not the page size.
 */
const PAGE_BYTES = 2 ** 20;

/** One connector's part of the outbox. */
export class Outbox {
  readonly #db: StateDb;
  readonly connector: string;
  /** The SQL condition on `year` that narrows this outbox to some accounting years, or "". */
  protected readonly ofYears: string;

  /** `years`: only the items of these accounting years (src/pohoda/units.ts); all when absent. */
  constructor(db: StateDb, connector: string, years?: readonly number[]) {
    this.#db = db;
    this.connector = connector;
    // Spelled out: integers only, and a literal list keeps the statements few.
    this.ofYears = years ? ` AND year IN (${years.map((y) => Math.trunc(y)).join(", ")})` : "";
  }

  /**
   * Gives every waiting item staged without a year (by an earlier version of spojka) its year,
   * `yearOf` its payload; one transaction.
   */
  routeUnrouted(yearOf: (item: { agenda: string; payload: string }) => number): void {
    const rows = this.#db.statement(
      "SELECT key, agenda, payload FROM outbox WHERE connector = ? AND year IS NULL AND status != 'held'",
    );
    const set = this.#db.statement("UPDATE outbox SET year = ? WHERE key = ?");
    this.#db.transaction(() => {
      for (const row of rows.all(this.connector) as { key: string; agenda: string; payload: string }[]) {
        set.run(yearOf(row), row.key);
      }
    });
  }

  /** How many items wait to be sent, per accounting year, among those not of `served` years. */
  waitingByYear(served: readonly number[]): Map<number, number> {
    const rows = this.#db.statement(
      `SELECT year, count(*) AS n FROM outbox WHERE connector = ? AND status != 'held' AND year IS NOT NULL
       GROUP BY year ORDER BY year`,
    ).all(this.connector) as { year: number; n: number }[];
    return new Map(
      rows.filter((row) => !served.includes(Number(row.year))).map((
        row,
      ) => [Number(row.year), Number(row.n)]),
    );
  }

  /**
   * Stages a batch of a download, in export order, in one transaction: items to send, and records
   * left out (held). A new version of a waiting item replaces it with a fresh chance (the source may
   * have fixed what the target rejected), keeping when it was first queued and how often it was
   * tried; so does an item replacing a held record of the same key, which is then no longer held.
   * Returns the items that another item of the same `download` had staged under the same key: the
   * export names them alike.
   */
  stage(items: readonly (OutboxItem | HeldItem)[], download: string, now: Date): Replaced[] {
    const replaced: Replaced[] = [];
    const previous = this.#db.statement("SELECT label, staged_by FROM outbox WHERE key = ?");
    // Asked only of a key the same download staged before: binding every payload twice would cost.
    const same = this.#db.statement("SELECT payload = ? AS identical FROM outbox WHERE key = ?");
    const upsert = this.#db.statement(
      `INSERT INTO outbox (key, connector, agenda, label, item_id, rank, status, attempts, queued_at, staged_by, payload, year)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET agenda = excluded.agenda, label = excluded.label,
         item_id = excluded.item_id, rank = excluded.rank, status = 'pending', error = NULL, year = excluded.year,
         staged_by = excluded.staged_by, payload = excluded.payload`,
    ); // positional: binding by name took a third of each insert
    // Held: no payload, no item id; the reason is kept where a target's would be.
    const hold = this.#db.statement(
      `INSERT INTO outbox (key, connector, agenda, label, item_id, rank, status, attempts, queued_at, error, staged_by, payload)
       VALUES (:key, :connector, :agenda, :label, '', :rank, 'held', 0, :queued_at, :error, :staged_by, '')
       ON CONFLICT (key) DO UPDATE SET agenda = excluded.agenda, label = excluded.label, item_id = '',
         rank = excluded.rank, status = 'held', error = excluded.error, staged_by = excluded.staged_by,
         payload = ''`,
    );
    const queuedAt = now.toISOString();
    this.#db.transaction(() => {
      for (const item of items) {
        const payload = "reason" in item ? "" : item.payload;
        const before = previous.get(item.key) as { label: string; staged_by: string } | undefined;
        if (before?.staged_by === download) {
          const { identical } = same.get(payload, item.key) as { identical: number };
          replaced.push({ key: item.key, label: before.label, identical: identical === 1 });
        }
        if (!("reason" in item)) {
          const { key, agenda, label, itemId, rank, year } = item;
          upsert.run(
            key,
            this.connector,
            agenda,
            label,
            itemId,
            rank,
            queuedAt,
            download,
            payload,
            year ?? null,
          );
        } else {
          const { key, agenda, label, rank, reason } = item;
          const staged = { queued_at: queuedAt, staged_by: download };
          hold.run({ key, connector: this.connector, agenda, label, rank, error: reason, ...staged });
        }
      }
    });
    return replaced;
  }

  /** Puts items exactly as they were queued elsewhere (a migrated state, a dry run's copy). */
  restore(items: Iterable<QueuedItem>): void {
    const insert = this.#db.statement(
      `INSERT OR REPLACE INTO outbox (key, connector, agenda, label, item_id, rank, status, attempts,
         queued_at, last_attempt_at, error, staged_by, payload, year)
       VALUES (:key, :connector, :agenda, :label, :item_id, :rank, :status, :attempts, :queued_at,
         :last_attempt_at, :error, :staged_by, :payload, :year)`,
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
    return { key, connector: this.connector, agenda, label, item_id, rank, payload, year: item.year ?? null };
  }

  /**
   * Every item to send (failed ones included: they are retried; held ones never go) in posting
   * order: by rank, then in the order they were first queued (a new version keeps its item's place).
   * Read page by page; items settled meanwhile are simply not met again.
   */
  *inOrder(upToRank = Infinity): Generator<QueuedItem> {
    yield* rowsInOrder<OutboxRow>(
      this.#db,
      this.connector,
      "sendable",
      "rowid AS seq, *",
      upToRank,
      this.ofYears,
    )
      .map(queuedItem);
  }

  /** How many items wait (up to `upToRank`): to send, of which the target rejected `failed`, and held. */
  counts(upToRank = Infinity): WaitingCounts {
    const rows = this.#db.statement(
      `SELECT status, count(*) AS n FROM outbox WHERE connector = ? AND rank <= ?${this.ofYears} GROUP BY status`,
    ).all(this.connector, rankLimit(upToRank)) as { status: string; n: number }[];
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: of("pending"), failed: of("failed"), held: of("held") };
  }

  /**
   * Names every held record in run `run` as the outcome `held` (with its reason), unless the run
   * already named it (it was left out of this run's download), so the run, its alerts and `status`
   * keep reporting it until a person acts. Returns how many records are held.
   */
  reportHeld(run: number, now: Date): number {
    return this.#db.transaction(() => {
      this.#db.statement(
        `INSERT INTO outcomes (run, key, agenda, label, outcome, detail, at)
         SELECT ?, key, agenda, label, 'held', error, ? FROM outbox
         WHERE connector = ? AND status = 'held' AND key NOT IN (SELECT key FROM outcomes WHERE run = ?)
         ORDER BY rank, rowid`,
      ).run(run, now.toISOString(), this.connector, run);
      return this.counts().held;
    });
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
    ).run(now.toISOString(), redact(reason), item.key, item.stagedBy); // the target's words may echo a secret
  }
}

/** `Infinity` as SQLite can compare it. */
function rankLimit(upToRank: number): number {
  return Number.isFinite(upToRank) ? upToRank : Number.MAX_SAFE_INTEGER;
}

/** How many items wait in the whole outbox, by status. */
export function outboxCounts(db: StateDb): WaitingCounts {
  const row = db.statement(
    `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status = 'held') AS held
     FROM outbox`,
  ).get() as { pending: number; failed: number; held: number };
  return { pending: Number(row.pending), failed: Number(row.failed), held: Number(row.held) };
}

interface OutboxRow {
  seq: number;
  key: string;
  connector: string;
  agenda: string;
  label: string;
  item_id: string;
  rank: number;
  status: WaitingStatus;
  attempts: number;
  queued_at: string;
  last_attempt_at: string | null;
  error: string | null;
  staged_by: string;
  payload: string;
  year: number | null;
}

/** A row of an item to send (never a held one) as the item. */
function queuedItem(row: OutboxRow): QueuedItem {
  return {
    key: row.key,
    itemId: row.item_id,
    agenda: row.agenda,
    label: row.label,
    rank: Number(row.rank),
    payload: row.payload,
    ...(row.year == null ? {} : { year: Number(row.year) }),
    stagedBy: row.staged_by,
    status: row.status as QueuedItem["status"],
    attempts: Number(row.attempts),
    queuedAt: row.queued_at,
    ...(row.last_attempt_at === null ? {} : { lastAttemptAt: row.last_attempt_at }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}

// The outbox in the user's hands (`spojka outbox`): list, look up, retry and drop waiting items.

/** A waiting item as `spojka outbox` lists it: everything but the payload; held ones too. */
export type WaitingItem = Omit<QueuedItem, "payload" | "status"> & {
  connector: string;
  status: WaitingStatus;
};

/** How many items of one connector's posting group (its rank) wait, by status. */
export interface OutboxGroup extends WaitingCounts {
  connector: string;
  /** The agendas of the group: one, unless the connector ranks several alike. */
  agendas: string[];
}

/** Every column but the payload, for listing. */
const LISTED = "rowid AS seq, key, connector, agenda, label, item_id, rank, status, attempts, queued_at, " +
  "last_attempt_at, error, staged_by";

/**
 * What waits, per connector and posting group. Read from the indexes (counts per rank, failed and
 * held items apart) and a row or two per group, never every row: fast with 100,000 items waiting.
 */
export function outboxSummary(db: StateDb): OutboxGroup[] {
  const totals = db.statement("SELECT connector, rank, count(*) AS n FROM outbox GROUP BY connector, rank")
    .all() as { connector: string; rank: number; n: number }[];
  // Spelled out, not bound: only a literal lets SQLite use the partial index of each status.
  const apart = (status: "failed" | "held") =>
    db.statement(
      `SELECT connector, rank, agenda, count(*) AS n FROM outbox WHERE status = '${status}'
       GROUP BY connector, rank, agenda`,
    ).all() as { connector: string; rank: number; agenda: string; n: number }[];
  const failed = apart("failed");
  const held = apart("held");
  // A connector ranks by agenda, so a group is one agenda, named by its first and last item (two index
  // seeks). Were several agendas ranked alike, those at the group's ends and of its failed and held
  // items are named.
  const edge = (order: "ASC" | "DESC") =>
    db.statement(
      `SELECT agenda FROM outbox WHERE connector = ? AND rank = ? ORDER BY rowid ${order} LIMIT 1`,
    );
  return totals.map(({ connector, rank, n }) => {
    const here = (rows: typeof failed) => rows.filter((f) => f.connector === connector && f.rank === rank);
    const count = (rows: typeof failed) => rows.reduce((sum, f) => sum + Number(f.n), 0);
    const [failedHere, heldHere] = [here(failed), here(held)];
    const agendaAt = (order: "ASC" | "DESC") =>
      (edge(order).get(connector, rank) as { agenda: string }).agenda;
    const agendas = new Set([
      agendaAt("ASC"),
      ...[...failedHere, ...heldHere].map((f) => f.agenda),
      agendaAt("DESC"),
    ]);
    const [failedCount, heldCount] = [count(failedHere), count(heldHere)];
    return {
      connector,
      agendas: [...agendas],
      pending: Number(n) - failedCount - heldCount,
      failed: failedCount,
      held: heldCount,
    };
  });
}

/** Waiting items with `status`, connector by connector, each in posting order; read page by page. */
export function* waitingItems(db: StateDb, status: WaitingStatus): Generator<WaitingItem> {
  const next = db.statement("SELECT min(connector) AS connector FROM outbox WHERE connector > ?");
  for (let connector = "";;) {
    const found = (next.get(connector) as { connector: string | null }).connector;
    if (found === null) return;
    connector = found;
    yield* rowsInOrder<Omit<OutboxRow, "payload">>(db, connector, status, LISTED).map(waitingItem);
  }
}

/** The waiting items `query` names, at most `limit` of them, and how many it names in all. */
export interface Found {
  items: WaitingItem[];
  total: number;
}

/**
 * The waiting items `query` names: its outbox key, else its item id, else its number (the key's
 * last part: a document number, a partner's IČO), else a part of its label (number, partner name)
 * in any case. The first of these that names anything decides.
 */
export function findWaiting(db: StateDb, query: string, limit = 20): Found {
  const exact = [
    ["key = ?", query],
    ["item_id = ?", query],
    ["substr(key, -length(?)) = ?", `/${query}`, `/${query}`],
  ] as const;
  for (const [where, ...args] of exact) {
    const rows = db.statement(`SELECT ${LISTED} FROM outbox WHERE ${where} ORDER BY connector, rank, rowid`)
      .all(...args) as unknown as Omit<OutboxRow, "payload">[];
    if (rows.length > 0) return { items: rows.slice(0, limit).map(waitingItem), total: rows.length };
  }
  // In JavaScript, not SQL: SQLite's lower() leaves Č, Ř, Š … as they are.
  const fragment = query.toLocaleLowerCase("cs");
  const items: WaitingItem[] = [];
  let total = 0;
  const rows = db.statement(`SELECT ${LISTED} FROM outbox ORDER BY connector, rank, rowid`).iterate();
  for (const row of rows as Iterable<Omit<OutboxRow, "payload">>) {
    if (!row.label.toLocaleLowerCase("cs").includes(fragment)) continue;
    if (++total <= limit) items.push(waitingItem(row));
  }
  return { items, total };
}

/** The waiting item under `key`, payload included. */
export function waitingWithPayload(
  db: StateDb,
  key: string,
): (WaitingItem & { payload: string }) | undefined {
  const row = db.statement("SELECT rowid AS seq, * FROM outbox WHERE key = ?").get(key) as
    | OutboxRow
    | undefined;
  return row && { ...waitingItem(row), payload: row.payload };
}

/**
 * Removes `item` from the outbox at a person's request, recorded as a run of its connector with the
 * item's outcome `dropped` and `detail`, all in one transaction. Only the version the person saw is
 * removed: returns false when the item left the outbox or a newer download replaced it meanwhile.
 */
export function dropWaiting(db: StateDb, item: WaitingItem, detail: string, now: Date): boolean {
  return db.transaction(() => {
    const removed = db.statement("DELETE FROM outbox WHERE key = ? AND staged_by = ?")
      .run(item.key, item.stagedBy);
    if (Number(removed.changes) === 0) return false;
    const run = beginRun(db, item.connector, now);
    const { key, agenda, label } = item;
    recordOutcome(db, run, { key, agenda, label, outcome: "dropped", detail }, now);
    endRun(db, run, { counts: { [agenda]: { dropped: 1 } }, failed: 0 });
    return true;
  });
}

/** Which waiting items `spojka outbox retry` sends: the named ones, or every failed one. */
export type Selection = { keys: readonly string[] } | { failed: true };

/**
 * A connector's outbox narrowed to a selection: posting reads and counts only the selected items
 * (in posting order) and settles them as in a sync.
 */
export class OutboxSelection extends Outbox {
  readonly #db: StateDb;
  readonly #selection: Selection;

  constructor(db: StateDb, connector: string, selection: Selection, years?: readonly number[]) {
    super(db, connector, years);
    this.#db = db;
    this.#selection = selection;
  }

  override *inOrder(upToRank = Infinity): Generator<QueuedItem> {
    if (!("keys" in this.#selection)) {
      yield* rowsInOrder<OutboxRow>(
        this.#db,
        this.connector,
        "failed",
        "rowid AS seq, *",
        upToRank,
        this.ofYears,
      )
        .map(queuedItem);
      return;
    }
    // Payloads one at a time: the named items may be a whole pack of an earlier run.
    const get = this.#db.statement("SELECT rowid AS seq, * FROM outbox WHERE key = ?");
    for (const { key } of this.#named(upToRank)) {
      const row = get.get(key) as OutboxRow | undefined;
      if (row && row.status !== "held") yield queuedItem(row);
    }
  }

  override counts(upToRank = Infinity): WaitingCounts {
    if ("keys" in this.#selection) {
      const named = this.#named(upToRank);
      const failed = named.filter((row) => row.status === "failed").length;
      return { pending: named.length - failed, failed, held: 0 };
    }
    const { n } = this.#db.statement(
      `SELECT count(*) AS n FROM outbox WHERE connector = ? AND status = 'failed' AND rank <= ?${this.ofYears}`,
    ).get(this.connector, rankLimit(upToRank)) as { n: number };
    return { pending: 0, failed: Number(n), held: 0 };
  }

  /** The named items that still wait to be sent (held ones never are), in posting order; no payloads. */
  #named(upToRank: number): Pick<OutboxRow, "seq" | "key" | "rank" | "status">[] {
    const get = this.#db.statement(
      `SELECT rowid AS seq, key, rank, status FROM outbox WHERE key = ? AND connector = ? AND status != 'held'${this.ofYears}`,
    );
    const keys = (this.#selection as { keys: readonly string[] }).keys;
    return keys.flatMap((key) =>
      (get.get(key, this.connector) as Pick<OutboxRow, "seq" | "key" | "rank" | "status">) ?? []
    )
      .filter((row) => row.rank <= upToRank)
      .sort((a, b) => a.rank - b.rank || a.seq - b.seq);
  }
}

/**
 * Rows of `connector` in posting order (rank, then first queued): those to send (`sendable`:
 * pending and failed), or those of one status. Page by page: rank by rank, keyset pages within the
 * rank, each an index seek. A page holds at most {@linkcode PAGE} rows and {@linkcode PAGE_BYTES} of
 * payload (its first row aside): the sizes are read first, from the rows' headers, without the payloads.
 */
function* rowsInOrder<R extends { seq: number }>(
  db: StateDb,
  connector: string,
  among: WaitingStatus | "sendable",
  columns: string,
  upToRank = Infinity,
  ofYears = "",
): Generator<R> {
  // Spelled out, not bound: only a literal lets SQLite use the partial index of failed or held items.
  const which = (among === "sendable" ? "status != 'held'" : `status = '${among}'`) + ofYears;
  const nextRank = db.statement(
    `SELECT rank FROM outbox WHERE connector = ? AND ${which} AND rank > ? AND rank <= ? ORDER BY rank LIMIT 1`,
  );
  // octet_length reads a payload's size from the row's header, never the payload itself.
  const sizes = db.statement(
    `SELECT rowid AS seq, octet_length(payload) AS bytes FROM outbox
     WHERE connector = ? AND rank = ? AND ${which} AND rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
  );
  const page = db.statement(
    `SELECT ${columns} FROM outbox WHERE connector = ? AND rank = ? AND ${which} AND rowid > ? AND rowid <= ?
     ORDER BY rowid`,
  );
  const limit = rankLimit(upToRank);
  for (let rank = -1;;) {
    const found = nextRank.get(connector, rank, limit) as { rank: number } | undefined;
    if (found === undefined) return;
    rank = Number(found.rank);
    for (let after = -1;;) {
      const next = sizes.all(connector, rank, after) as { seq: number; bytes: number }[];
      if (next.length === 0) break;
      const last = pageEnd(next);
      yield* page.all(connector, rank, after, last) as unknown as R[];
      if (next.length < PAGE && last === next.at(-1)!.seq) break;
      after = last;
    }
  }
}

/** The last row of a page that starts with `rows`: as many as fit in {@linkcode PAGE_BYTES}, at least one. */
function pageEnd(rows: readonly { seq: number; bytes: number }[]): number {
  let budget = PAGE_BYTES - Number(rows[0].bytes);
  let last = rows[0].seq;
  for (const row of rows.slice(1)) {
    budget -= Number(row.bytes);
    if (budget < 0) break;
    last = row.seq;
  }
  return last;
}

function waitingItem(row: Omit<OutboxRow, "payload">): WaitingItem {
  const { payload: _, ...item } = queuedItem({ ...row, payload: "" });
  return { connector: row.connector, ...item, status: row.status };
}
