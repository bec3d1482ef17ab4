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
  const e = error instanceof Error ? error : new Error(String(error));
  log.error(`Internal error: ${e.message}. This is a bug in spojka; the details are in log.txt.`);
  log.detail(e.stack ?? e.message);
  return ExitCode.Internal;
}
