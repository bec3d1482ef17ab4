/**
 * Runs of each connector: begun when a run starts (so its per-item outcomes can refer to it),
 * ended with its counts and exit code, as `status` and `/healthz` report them.
 *
 * @module
 */

import { type ExitCode, ExitCode as Exit, type SpojkaError } from "../core/errors.ts";
import { redact } from "../core/redact.ts";
import type { StateDb } from "./db.ts";

/** Counts per agenda, e.g. `{ "issuedInvoice": { "fetched": 12, "imported": 11, "failed": 1 } }`. */
export type RunCounts = Record<string, Record<string, number>>;

/** Outcome of one finished run of a connector. */
export interface RunSummary {
  startedAt: string;
  finishedAt: string;
  /** The process exit code the run ended with. */
  exitCode: number;
  /** `ok`: all done; `partial`: some items failed; `failed`: the run stopped early. */
  result: "ok" | "partial" | "failed";
  counts: RunCounts;
  /** Why the run failed, if it did. */
  message?: string;
}

/** What a run reports when it ends. */
export interface RunEnd {
  counts: RunCounts;
  /** Items the target refused (kept or reported for the next run). */
  failed: number;
  /** What stopped the run, if something did. */
  failure?: SpojkaError;
}

/** How many finished runs (with their per-item outcomes) each connector keeps. */
const KEPT_RUNS = 10;

/** Records that a run of `connector` started; returns its id. */
export function beginRun(db: StateDb, connector: string, startedAt: Date): number {
  // In a transaction: node:sqlite's get() loses an autocommit that fails (a full disk) without a word.
  const row = db.transaction(() =>
    db.statement("INSERT INTO runs (connector, started_at) VALUES (?, ?) RETURNING id")
      .get(connector, startedAt.toISOString()) as { id: number }
  );
  return Number(row.id);
}

/** Ends run `run` and returns its exit code; older runs beyond the kept ones are forgotten. */
export function endRun(db: StateDb, run: number, end: RunEnd): ExitCode {
  const exitCode: ExitCode = end.failure?.exitCode ?? (end.failed > 0 ? Exit.ItemsFailed : Exit.Ok);
  const result = end.failure ? "failed" : end.failed > 0 ? "partial" : "ok";
  db.transaction(() => {
    const { connector } = db.statement(
      `UPDATE runs SET finished_at = ?, exit_code = ?, result = ?, counts = ?, message = ? WHERE id = ?
       RETURNING connector`,
    ).get(
      new Date().toISOString(),
      exitCode,
      result,
      JSON.stringify(end.counts),
      // A service's answer quoted in the message may echo a secret.
      end.failure ? redact(end.failure.message) : null,
      run,
    ) as { connector: string };
    // Per-item outcomes go with their run (ON DELETE CASCADE).
    db.statement(
      `DELETE FROM runs WHERE connector = ? AND id NOT IN
         (SELECT id FROM runs WHERE connector = ? ORDER BY id DESC LIMIT ?)`,
    ).run(connector, connector, KEPT_RUNS);
  });
  return exitCode;
}

/** The last finished run of each connector. */
export function lastRuns(db: StateDb): Record<string, RunSummary & { id: number }> {
  const rows = db.statement(
    `SELECT * FROM runs WHERE id IN
       (SELECT max(id) FROM runs WHERE finished_at IS NOT NULL GROUP BY connector)
     ORDER BY connector`,
  ).all() as unknown as RunRow[];
  return Object.fromEntries(rows.map((row) => [row.connector, summary(row)]));
}

/** Imports a finished run as it was recorded elsewhere (the state.json migration). */
export function importRun(db: StateDb, connector: string, run: RunSummary): void {
  db.statement(
    `INSERT INTO runs (connector, started_at, finished_at, exit_code, result, counts, message)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    connector,
    run.startedAt,
    run.finishedAt,
    run.exitCode,
    run.result,
    JSON.stringify(run.counts),
    run.message ?? null,
  );
}

interface RunRow {
  id: number;
  connector: string;
  started_at: string;
  finished_at: string;
  exit_code: number;
  result: RunSummary["result"];
  counts: string;
  message: string | null;
}

function summary(row: RunRow): RunSummary & { id: number } {
  return {
    id: Number(row.id),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    exitCode: Number(row.exit_code),
    result: row.result,
    counts: JSON.parse(row.counts),
    ...(row.message === null ? {} : { message: row.message }),
  };
}
