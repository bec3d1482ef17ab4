/**
 * One run at a time per data folder. The lock is an OS file lock on `spojka.lock`, so the OS
 * releases it when its holder ends in any way (crash, kill, power loss): a lock whose process is
 * gone is simply taken over. Who holds it is written beside it, in `spojka.lock.json`, because
 * Windows does not let other processes read a locked file.
 *
 * @module
 */

import type { DataPaths } from "../core/datadir.ts";
import { LockedError } from "../core/errors.ts";
import { removeIfExists, removeLeftovers, TEMP_SUFFIX, writeFileAtomic } from "../core/files.ts";
import { storageError } from "../core/storage.ts";
import { formatLocal } from "../core/time.ts";
import { m } from "../i18n/mod.ts";

/** Who holds the lock. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  command: string;
  hostname?: string;
}

/** A held lock; release it when the run ends. */
export interface RunLock {
  release(): Promise<void>;
}

/** What the lock needs of the data folder: the lock files, and the folders it tidies when taken. */
export type LockPaths = Pick<DataPaths, "dir" | "lock" | "lockInfo" | "downloads">;

/**
 * Takes the data folder's lock or throws {@linkcode LockedError} (exit 3) naming the holder. Once
 * taken, what earlier runs cut short left behind is removed: temp files in the data folder and
 * partial downloads. A folder spojka cannot write is a {@linkcode StorageError} (exit 6), and then
 * the lock is not kept.
 */
export async function acquireLock(paths: LockPaths, command: string): Promise<RunLock> {
  // The lock file itself is never deleted: deleting it would let two runs lock two different files.
  const file = await Deno.open(paths.lock, { read: true, write: true, create: true }).catch((e) => {
    throw storageError(e, paths.dir) ?? e;
  });
  if (!(await file.tryLock(true))) {
    file.close();
    throw new LockedError(m.state.locked(await describeHolder(paths.lockInfo)), { hint: m.state.lockedHint });
  }
  const holder: LockHolder = {
    pid: Deno.pid,
    startedAt: new Date().toISOString(),
    command,
    hostname: hostname(),
  };
  // Tidying is best effort: a folder that cannot be written fails the write that needs it, and that
  // run is recorded.
  await removeLeftovers(paths.dir, [TEMP_SUFFIX]).catch(() => {});
  await removeLeftovers(paths.downloads, [PART_SUFFIX]).catch(() => {});
  try {
    // Atomic, so a reader never sees it half written, and a full disk leaves no empty one behind. A
    // holder file left by a run that ended abruptly is simply replaced: the lock is free, so it is stale.
    await writeFileAtomic(paths.lockInfo, JSON.stringify(holder, null, 2) + "\n");
  } catch (e) {
    await file.unlock();
    file.close();
    throw storageError(e, paths.dir) ?? e;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      // Left behind (a disk gone read-only), it is stale once the lock is free, and ignored.
      await removeIfExists(paths.lockInfo).catch(() => {});
      await file.unlock();
      file.close();
    },
  };
}

/** What src/core/http.ts names a download until it is whole. */
const PART_SUFFIX = ".part";

async function describeHolder(infoPath: string): Promise<string> {
  try {
    return describe(JSON.parse(await Deno.readTextFile(infoPath)) as LockHolder);
  } catch {
    return m.state.holderUnknown;
  }
}

/** `PID 4242 on POHODA-PC, "spojka sync" started 2026-11-23 10:30:00 +01:00`. */
export function describe(holder: LockHolder): string {
  return m.state.holder(holder.pid, holder.hostname, holder.command, formatLocal(new Date(holder.startedAt)));
}

function hostname(): string | undefined {
  try {
    return Deno.hostname();
  } catch {
    return undefined; // without --allow-sys the lock still works, it just names no host
  }
}

/**
 * The holder of the lock if a run is in progress, else `null`. A holder file left by a crashed run
 * is recognised as stale because its lock is free.
 */
export async function currentHolder(paths: { lock: string; lockInfo: string }): Promise<LockHolder | null> {
  let holder: LockHolder;
  try {
    holder = JSON.parse(await Deno.readTextFile(paths.lockInfo)) as LockHolder;
  } catch {
    return null;
  }
  const file = await Deno.open(paths.lock, { read: true, write: true, create: true });
  try {
    if (!(await file.tryLock(true))) return holder;
    await file.unlock();
    return null;
  } finally {
    file.close();
  }
}
