/**
 * Telling the user about an error: what happened, what to do, and the exit code it means.
 *
 * @module
 */

import { ExitCode, LockedError, SpojkaError } from "./errors.ts";
import type { Log } from "./log.ts";
import { storageError } from "./storage.ts";
import { m } from "../i18n/mod.ts";

/**
 * Logs `error` the way a user can act on it and returns its exit code; a bug gets its stack in the
 * log. `dataDir` is the folder named for a disk fault that does not say which file it hit.
 */
export function reportError(error: unknown, log: Log, dataDir: string): ExitCode {
  const known = knownError(error, dataDir);
  if (known) {
    log.error(m.report.error(known.message));
    if (known.hint) log.error(known.hint);
    return known.exitCode;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  // The stack first, so the message knows whether it reached the log file.
  log.detail(e.stack ?? e.message);
  const where = log.file ? m.report.detailsIn(log.file) : m.report.detailsFollow;
  log.error(m.report.internal(e.message.replace(/\.$/, ""), where));
  if (!log.file) log.error(e.stack ?? e.message);
  return ExitCode.Internal;
}

/**
 * What stopped a run, as it is recorded for `status`, /healthz and the alert: the same error
 * {@linkcode reportError} tells the user about (so the same exit code), anything else as a bug.
 */
export function failureOf(error: unknown, dataDir: string): SpojkaError {
  return knownError(error, dataDir) ??
    new SpojkaError(ExitCode.Internal, m.report.internalRecorded(String((error as Error)?.message ?? error)));
}

/**
 * `error` as the {@linkcode SpojkaError} it means for the user (a disk fault, a file another
 * program holds), or `undefined` for a bug. The one place both the report and the record decide.
 */
function knownError(error: unknown, dataDir: string): SpojkaError | undefined {
  if (error instanceof SpojkaError) return error;
  return storageError(error, dataDir) ?? heldState(error, dataDir) ?? heldFile(error);
}

/**
 * SQLite waited its whole busy timeout for another writer of state.db: not spojka (its own runs take
 * the folder's lock first), so another program holds the file, such as a backup or an antivirus.
 */
function heldState(error: unknown, dataDir: string): LockedError | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== "ERR_SQLITE_ERROR") {
    return undefined;
  }
  if (!/^database is locked/.test(error.message)) return undefined;
  return new LockedError(m.report.stateHeld(dataDir, error.message), { hint: m.report.stateHeldHint });
}

/**
 * A file another program holds open (on Windows a sharing violation, os error 32, from an antivirus
 * or a backup): Deno throws `Deno.errors.Busy`, node:fs an error with the code `EBUSY`. The OS's
 * message names the file when it knows it.
 */
function heldFile(error: unknown): LockedError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (!(error instanceof Deno.errors.Busy) && (error as { code?: unknown }).code !== "EBUSY") {
    return undefined;
  }
  return new LockedError(m.report.fileHeld(error.message), { hint: m.report.fileHeldHint });
}
