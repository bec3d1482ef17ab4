import { equal, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import type { LockedError } from "../core/errors.ts";
import { acquireLock, currentHolder } from "./lock.ts";

async function lockPaths() {
  const dir = await Deno.makeTempDir({ prefix: "spojka-lock-" });
  return { lock: join(dir, "spojka.lock"), lockInfo: join(dir, "spojka.lock.json") };
}

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
