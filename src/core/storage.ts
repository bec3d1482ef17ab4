/**
 * Disk faults: a full disk, a folder spojka may not write, a disk that reports errors. They are the
 * user's to fix, never a bug, so they become a {@linkcode StorageError} (exit 6) that names the
 * folder and says what to do.
 *
 * @module
 */

import { dirname } from "node:path";
import { StorageError } from "./errors.ts";
import { m } from "../i18n/mod.ts";

/** What is wrong: no space left, no right to write, or a disk that fails. */
export type DiskFault = "full" | "unwritable" | "failing" | "damaged";

/** By OS error code; Deno names Windows' own codes the same way (after libuv). */
const BY_CODE: Readonly<Record<string, DiskFault>> = {
  ENOSPC: "full",
  EDQUOT: "full",
  EROFS: "unwritable",
  EACCES: "unwritable",
  EPERM: "unwritable",
  EIO: "failing",
};

/**
 * By SQLite's message for its result code: node:sqlite gives the code itself for prepared
 * statements only, never for `exec` (a COMMIT), so the message decides.
 */
const BY_SQLITE_MESSAGE: readonly (readonly [RegExp, DiskFault])[] = [
  [/^database or disk is full/, "full"], // SQLITE_FULL
  [/^attempt to write a readonly database/, "unwritable"], // SQLITE_READONLY
  [/^unable to open database file/, "unwritable"], // SQLITE_CANTOPEN: no right to create its -wal, -shm
  [/^access permission denied/, "unwritable"], // SQLITE_PERM
  [/^disk I\/O error/, "failing"], // SQLITE_IOERR
  [/^database disk image is malformed/, "damaged"], // SQLITE_CORRUPT
];

/** How Deno words its refusal of a path, e.g. `Requires all access to "/proc/1/x", run again with …`. */
const DENO_REFUSED_PATH = /^Requires (?:all|write) access to "([^"]+)"/;

/** The disk fault `error` reports, if it is one. */
export function diskFault(error: unknown): DiskFault | undefined {
  if (!(error instanceof Error)) return undefined;
  // Deno's own refusal of a device or system path (/dev, /proc …) that spojka was pointed at.
  if (error instanceof Deno.errors.NotCapable) {
    return DENO_REFUSED_PATH.test(error.message) ? "unwritable" : undefined;
  }
  const code = (error as { code?: unknown }).code;
  if (code === "ERR_SQLITE_ERROR") {
    return BY_SQLITE_MESSAGE.find(([pattern]) => pattern.test(error.message))?.[1];
  }
  return typeof code === "string" ? BY_CODE[code] : undefined;
}

/**
 * `error` as a {@linkcode StorageError} if it is a disk fault, else `undefined` (throw it on as it
 * is). The folder named is that of the path in the OS's message (`… (os error 28): open '<path>'`);
 * a write to an open file and SQLite name none, so the caller says which `folder` (and `file`) it
 * was writing.
 */
export function storageError(error: unknown, folder: string, file?: string): StorageError | undefined {
  const fault = diskFault(error);
  if (!fault) return undefined;
  const reason = (error as Error).message;
  const named = /\(os error \d+\): \w+ '([^']+)'/.exec(reason)?.[1] ?? DENO_REFUSED_PATH.exec(reason)?.[1];
  const where = named ? dirname(named) : folder;
  const detail = file && !named ? `${file}: ${reason}` : reason;
  const { message, hint } = WORDING[fault](where, detail);
  return new StorageError(message, { hint, cause: error });
}

const WORDING: Readonly<
  Record<DiskFault, (folder: string, detail: string) => { message: string; hint: string }>
> = {
  full: (folder, detail) => ({ message: m.storage.full(folder, detail), hint: m.storage.fullHint }),
  unwritable: (folder, detail) => ({
    message: m.storage.unwritable(folder, detail),
    hint: m.storage.unwritableHint,
  }),
  failing: (folder, detail) => ({ message: m.storage.failing(folder, detail), hint: m.storage.failingHint }),
  damaged: (folder, detail) => ({ message: m.storage.damaged(folder, detail), hint: m.storage.damagedHint }),
};
