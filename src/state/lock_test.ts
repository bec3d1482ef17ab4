import { deepEqual, equal, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import { dataPaths } from "../core/datadir.ts";
import type { LockedError, StorageError } from "../core/errors.ts";
import { acquireLock, currentHolder } from "./lock.ts";

async function lockPaths() {
  return dataPaths(await Deno.makeTempDir({ prefix: "spojka-lock-" }));
}

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("a second run is refused with the holder's PID and start time, until the first releases", async () => {
  const paths = await lockPaths();
  const first = await acquireLock(paths, "sync");
  await rejects(acquireLock(paths, "sync"), (e: LockedError) => {
    equal(e.exitCode, 3);
    match(
      e.message,
      new RegExp(`PID ${Deno.pid}\\b.*"spojka sync" started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d`),
    );
    return true;
  });
  equal((await currentHolder(paths))?.pid, Deno.pid);
  await first.release();
  equal(await currentHolder(paths), null);
  const second = await acquireLock(paths, "sync");
  await second.release();
});

Deno.test("the lock of a process that died is taken over", async () => {
  const paths = await lockPaths();
  const holder = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { acquireLock } from ${JSON.stringify(new URL("./lock.ts", import.meta.url).href)};
       await acquireLock(${
        JSON.stringify(paths)
      }, "sync"); console.log("locked"); setInterval(() => {}, 1000);`,
    ],
    stdout: "piped",
  }).spawn();
  const reader = holder.stdout.pipeThrough(new TextDecoderStream()).getReader();
  equal((await reader.read()).value?.trim(), "locked");
  await rejects(acquireLock(paths, "sync"), /Another spojka run/);
  holder.kill("SIGKILL");
  await holder.status;
  reader.releaseLock();
  await holder.stdout.cancel().catch(() => {});
  // Its holder file is left behind, but the OS released the lock with the process.
  equal(await currentHolder(paths), null);
  const lock = await acquireLock(paths, "sync");
  await lock.release();
});

Deno.test("an empty or damaged holder file and temp files left by a crash do not hold up the next run", async () => {
  const paths = await lockPaths();
  await Deno.writeTextFile(paths.lockInfo, ""); // what a full disk left before the holder file was atomic
  await Deno.writeTextFile(`${paths.lockInfo}.tmp`, '{"pid": 4');
  await Deno.writeTextFile(`${paths.config}.tmp`, "[flowii]\nuser = ");
  await Deno.mkdir(paths.downloads);
  await Deno.writeFile(join(paths.downloads, "documents.zip.part"), new Uint8Array(1000));
  await Deno.writeFile(join(paths.downloads, "companies.zip"), new Uint8Array(10));
  equal(await currentHolder(paths), null);
  const lock = await acquireLock(paths, "sync");
  equal((await currentHolder(paths))?.pid, Deno.pid);
  deepEqual(names(paths.dir), ["downloads", "spojka.lock", "spojka.lock.json"]);
  deepEqual(names(paths.downloads), ["companies.zip"]);
  await lock.release();
  deepEqual(names(paths.dir), ["downloads", "spojka.lock"]);
});

/** `/dev/full` fails every write with ENOSPC, as a full disk does (Linux). */
const devFull = (() => {
  try {
    return Deno.statSync("/dev/full").isCharDevice === true;
  } catch {
    return false;
  }
})();
if (!devFull) console.log("lock_test: no /dev/full here, so the full-disk test is skipped.");

Deno.test({
  name: "a holder file that cannot be written (full disk) leaves nothing behind and frees the lock",
  ignore: !devFull,
}, async () => {
  const paths = await lockPaths();
  // Its temp file on /dev/full: every write of it fails with ENOSPC, as on a full disk.
  await Deno.symlink("/dev/full", `${paths.lockInfo}.tmp`);
  await rejects(acquireLock(paths, "sync"), (e: StorageError) => {
    equal(e.exitCode, 6);
    equal(e.message.startsWith(`The disk holding ${paths.dir} is full`), true, e.message);
    return true;
  });
  deepEqual(names(paths.dir), ["spojka.lock"]);
  // Not held any more: the next run takes it.
  const lock = await acquireLock(paths, "sync");
  await lock.release();
});
