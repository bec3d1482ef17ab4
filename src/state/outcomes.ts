/**
 * What became of each item in a run, kept in the state database with the run rather than as a log
 * line per item: a 100,000-document run would rotate everything else out of the log. `status`
 * lists the ones a person should look at.
 *
 * @module
 */

import { redact } from "../core/redact.ts";
import type { StateDb } from "./db.ts";

/** The outcomes that need no attention: the item simply arrived. */
const ROUTINE = ["imported", "updated", "already_present"];

/** One item's outcome in a run. */
export interface ItemRecord {
  key: string;
  agenda: string;
  label: string;
  /** `imported`, `updated`, `already_present`, `with_warnings`, `failed`, or a connector's own word. */
  outcome: string;
  /** The target's reason or warnings. */
  detail?: string;
}

/** Records an outcome of run `run`; call inside the pack's transaction. */
export function recordOutcome(db: StateDb, run: number, item: ItemRecord, now: Date): void {
  db.statement(
    "INSERT INTO outcomes (run, key, agenda, label, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(
    run,
    item.key,
    item.agenda,
    item.label,
    item.outcome,
    // The target's words may echo a secret.
    item.detail === undefined ? null : redact(item.detail),
    now.toISOString(),
  );
}

/** The outcomes of run `run` that need attention (failed, warned, …), at most `limit`, and how many there are. */
export function notableOutcomes(
  db: StateDb,
  run: number,
  limit = Number.MAX_SAFE_INTEGER,
): { total: number; items: (ItemRecord & { at: string })[] } {
  const routine = ROUTINE.map(() => "?").join(", ");
  const { total } = db.statement(
    `SELECT count(*) AS total FROM outcomes WHERE run = ? AND outcome NOT IN (${routine})`,
  ).get(run, ...ROUTINE) as { total: number };
  const rows = db.statement(
    `SELECT key, agenda, label, outcome, detail, at FROM outcomes
     WHERE run = ? AND outcome NOT IN (${routine}) ORDER BY rowid LIMIT ?`,
  ).all(run, ...ROUTINE, limit) as unknown as (ItemRecord & { at: string; detail: string | null })[];
  return {
    total: Number(total),
    items: rows.map(({ detail, ...row }) => detail === null ? row : { ...row, detail }),
  };
}

/** Every outcome of run `run` in the order they were recorded, at most `limit`. */
export function runOutcomes(db: StateDb, run: number, limit: number): ItemRecord[] {
  const rows = db.statement(
    "SELECT key, agenda, label, outcome, detail FROM outcomes WHERE run = ? ORDER BY rowid LIMIT ?",
  ).all(run, limit) as unknown as (ItemRecord & { detail: string | null })[];
  return rows.map(({ detail, ...row }) => detail === null ? row : { ...row, detail });
}
