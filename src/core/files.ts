/**
 * Durable file writes: a file is either its old or its new content, never half of each, even
 * when the PC loses power mid-write.
 *
 * @module
 */

/** Options for {@linkcode writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Keep the previous content as `<path>.bak` (for files whose loss would hurt, such as the state). */
  backup?: boolean;
  /** File mode for a new file (ignored on Windows). */
  mode?: number;
}

/** Writes `data` to `path` atomically: temp file, fsync, rename over the old file. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  // One fixed temp name: writers hold the data folder's lock, and a crash leaves at most one leftover,
  // which the next write truncates and reuses.
  const temp = `${path}.tmp`;
  const file = await Deno.open(temp, { write: true, create: true, truncate: true, mode: options.mode });
  try {
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } finally {
    file.close();
  }
  if (options.backup && await exists(path)) await Deno.copyFile(path, `${path}.bak`);
  await Deno.rename(temp, path);
  await syncDirectoryOf(path);
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
