/**
 * A connector's own memory in the state database: JSON values under string keys in the
 * connector's namespace (FLOWii's cursors, the stock sync's last quantities per shop). A new
 * connector keeps what it likes here without a change to the shared schema.
 *
 * @module
 */

import type { StateDb } from "./db.ts";

/** One namespace of the memory table. */
export class Memory {
  readonly #db: StateDb;
  readonly namespace: string;

  constructor(db: StateDb, namespace: string) {
    this.#db = db;
    this.namespace = namespace;
  }

  /** The value under `key`, or `undefined`. */
  get<T>(key: string): T | undefined {
    const row = this.#db.statement("SELECT value FROM memory WHERE namespace = ? AND key = ?")
      .get(this.namespace, key) as { value: string } | undefined;
    return row ? JSON.parse(row.value) as T : undefined;
  }

  /** Sets `key` to `value` (JSON). */
  set(key: string, value: unknown, now = new Date()): void {
    this.#db.statement(
      `INSERT INTO memory (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(this.namespace, key, JSON.stringify(value), now.toISOString());
  }

  /** Every key starting with `prefix`, with its value, in key order. */
  entries<T>(prefix = ""): [key: string, value: T][] {
    const rows = this.#db.statement(
      "SELECT key, value FROM memory WHERE namespace = ? AND substr(key, 1, ?) = ? ORDER BY key",
    ).all(this.namespace, prefix.length, prefix) as { key: string; value: string }[];
    return rows.map((row) => [row.key, JSON.parse(row.value) as T]);
  }

  /** Removes every key starting with `prefix`; returns how many there were. */
  clear(prefix = ""): number {
    const result = this.#db.statement(
      "DELETE FROM memory WHERE namespace = ? AND substr(key, 1, ?) = ?",
    ).run(this.namespace, prefix.length, prefix);
    return Number(result.changes);
  }
}

/** Where a stream continues on its next run (what the vendor's connector kept in lastrun.txt). */
export interface Cursor {
  /** UNIX seconds passed to the source as "changed since". */
  epoch: number;
  /** When the cursor was set (ISO time). */
  setAt: string;
}

const CURSOR = "cursor:";

/** A stream's cursor in its connector's memory. */
export function getCursor(memory: Memory, stream: string): Cursor | undefined {
  return memory.get<Cursor>(CURSOR + stream);
}

/** Moves a stream's cursor. */
export function setCursor(memory: Memory, stream: string, epoch: number, now = new Date()): void {
  memory.set(CURSOR + stream, { epoch, setAt: now.toISOString() } satisfies Cursor, now);
}

/** Every cursor of every connector, named `<connector>.<stream>` as `status` shows them. */
export function allCursors(db: StateDb): { stream: string; cursor: Cursor }[] {
  const rows = db.statement(
    "SELECT namespace, key, value FROM memory WHERE substr(key, 1, ?) = ? ORDER BY namespace, key",
  ).all(CURSOR.length, CURSOR) as { namespace: string; key: string; value: string }[];
  return rows.map((row) => ({
    stream: `${row.namespace}.${row.key.slice(CURSOR.length)}`,
    cursor: JSON.parse(row.value),
  }));
}

/** Clears every cursor; returns the streams that had one. */
export function clearCursors(db: StateDb): string[] {
  const streams = allCursors(db).map((c) => c.stream);
  db.statement("DELETE FROM memory WHERE substr(key, 1, ?) = ?").run(CURSOR.length, CURSOR);
  return streams;
}
