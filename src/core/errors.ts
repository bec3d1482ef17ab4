/**
 * Exit codes of the spojka command line; `spojka help exit-codes` tells the user what each means
 * (the words are in the message catalogue, src/i18n).
 *
 * @module
 */

/** Distinct process exit codes, so a scheduler or script can tell outcomes apart. */
export const ExitCode = {
  /** Everything that was asked for was done. */
  Ok: 0,
  /**
   * The run finished, but some items failed or got no answer (kept and retried on the next run), or
   * were left out for good (too large, unguarded: named, and taken when FLOWii exports them fixed).
   */
  ItemsFailed: 1,
  /** Configuration or usage error: fix the config or the command line. */
  Usage: 2,
  /** Another spojka run holds the data folder's lock, or another program holds state.db or another file. */
  Locked: 3,
  /** A service cannot be reached, refuses the credentials, or refuses the whole request. */
  Unreachable: 4,
  /**
   * `spojka verify` found what spojka confirmed missing in POHODA, there more than once, or with
   * another partner IČO or total.
   */
  VerifyFailed: 5,
  /**
   * The disk is full, or spojka may not write to a folder it needs (read-only, another user's), or
   * the disk reports errors: the data folder's disk is the user's to fix, never a bug.
   */
  Storage: 6,
  /** An unexpected internal error (a bug); details are in log.txt. */
  Internal: 70,
} as const;

/** One of the values of {@linkcode ExitCode}. */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/** An error meant for the user: a message, an optional hint on how to fix it, and an exit code. */
export class SpojkaError extends Error {
  /** Process exit code that this error ends the run with. */
  readonly exitCode: ExitCode;
  /** What the user can do about it, if anything. */
  readonly hint?: string;

  constructor(exitCode: ExitCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}

/** Wrong or missing configuration, or wrong command-line usage (exit 2). */
export class ConfigError extends SpojkaError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(ExitCode.Usage, message, options);
  }
}

/** The data folder is locked by another run (exit 3). */
export class LockedError extends SpojkaError {
  constructor(message: string, options?: { hint?: string }) {
    super(ExitCode.Locked, message, options);
  }
}

/** A service is unreachable, refused the credentials or the whole request (exit 4). */
export class ServiceError extends SpojkaError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(ExitCode.Unreachable, message, options);
  }
}

/** The disk is full, or a folder cannot be written (exit 6); see src/core/storage.ts. */
export class StorageError extends SpojkaError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(ExitCode.Storage, message, options);
  }
}

/** The more severe of two exit codes, so a run that did several things reports the worst. */
export function worstExitCode(a: ExitCode, b: ExitCode): ExitCode {
  const rank = (code: ExitCode) => (code === ExitCode.Internal ? 100 : code);
  return rank(a) >= rank(b) ? a : b;
}
