/**
 * Telling the user about an error: what happened, what to do, and the exit code it means.
 *
 * @module
 */

import { ExitCode, SpojkaError } from "./errors.ts";
import type { Log } from "./log.ts";

/** Logs `error` the way a user can act on it and returns its exit code; a bug gets its stack in the log. */
export function reportError(error: unknown, log: Log): ExitCode {
  if (error instanceof SpojkaError) {
    log.error(`Error: ${error.message}`);
    if (error.hint) log.error(error.hint);
    return error.exitCode;
  }
  if (error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.Busy) {
    log.error(`Error: ${error.message}`);
    log.error(
      "Check that the user running spojka may write the data folder, and that no other program holds its files open.",
    );
    return ExitCode.Usage;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  log.error(`Internal error: ${e.message}. This is a bug in spojka; the details are in log.txt.`);
  log.detail(e.stack ?? e.message);
  return ExitCode.Internal;
}
