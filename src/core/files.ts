/**
 * Durable file writes: a file is either its old or its new content, never half of each, even
 * when the PC loses power mid-write.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { storageError } from "./storage.ts";

/** Options for {@linkcode writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** File mode for a new file (ignored on Windows). */
  mode?: number;
}

/**
 * Writes `data` to `path` atomically: temp file, fsync, rename over the old file. When that fails
 * the temp file is removed, and a disk fault is thrown as the {@linkcode StorageError} it means.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  // One fixed temp name: writers hold the data folder's lock, which also removes what a crash left
  // (removeLeftovers).
  const temp = `${path}${TEMP_SUFFIX}`;
  try {
    const file = await Deno.open(temp, { write: true, create: true, truncate: true, mode: options.mode });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (e) {
    // On a full disk the temp may hold a part of the content; on a read-only one it is not there.
    await removeIfExists(temp).catch(() => {});
    throw storageError(e, dirname(path)) ?? e;
  }
  await syncDirectoryOf(path);
}

/** What {@linkcode writeFileAtomic} names its temp files. */
export const TEMP_SUFFIX = ".tmp";

/**
 * Removes the files directly in `dir` whose names end with one of `suffixes`: what writes cut
 * short by a crash left behind. Only for a holder of the data folder's lock, so no write of
 * another run is in progress. A missing folder has nothing to remove.
 */
export async function removeLeftovers(dir: string, suffixes: readonly string[]): Promise<void> {
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && suffixes.some((suffix) => entry.name.endsWith(suffix))) {
        await removeIfExists(join(dir, entry.name));
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** Whether a file or folder exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Removes a file if it is there; a missing file is not an error. */
export async function removeIfExists(path: string, options?: Deno.RemoveOptions): Promise<boolean> {
  try {
    await Deno.remove(path, options);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Makes a rename durable on POSIX; Windows has no directory handles to sync, NTFS journals it. */
async function syncDirectoryOf(path: string): Promise<void> {
  if (Deno.build.os === "windows") return;
  const dir = path.replace(/[/\\][^/\\]*$/, "") || ".";
  const handle = await Deno.open(dir, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}
