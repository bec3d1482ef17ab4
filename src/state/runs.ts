/**
 * How a connector's run ended, as `status` and `/healthz` report it.
 *
 * @module
 */

import { type ExitCode, ExitCode as Exit, type SpojkaError } from "../core/errors.ts";
import type { RunSummary, State } from "./schema.ts";

/** What a run reports when it ends. */
export interface RunEnd {
  startedAt: Date;
  counts: RunSummary["counts"];
  /** Items the target refused (kept or reported for the next run). */
  failed: number;
  /** What stopped the run, if something did. */
  failure?: SpojkaError;
}

/** Records the run in `state` (the caller saves it) and returns its exit code. */
export function recordRun(state: State, connector: string, end: RunEnd): ExitCode {
  const exitCode: ExitCode = end.failure?.exitCode ?? (end.failed > 0 ? Exit.ItemsFailed : Exit.Ok);
  state.runs[connector] = {
    startedAt: end.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    exitCode,
    result: end.failure ? "failed" : end.failed > 0 ? "partial" : "ok",
    counts: end.counts,
    message: end.failure?.message,
  };
  return exitCode;
}
