/**
 * Disk faults end to end: a full disk, a read-only data folder, downloads folder or log, through the
 * CLI against the emulators. Each says which folder and what to do under exit 6 (never "a bug"),
 * leaves nothing that confuses the next run, records the run where the state can still be written,
 * and the next run, with the fault gone, imports everything exactly once.
 *
 * @module
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { type CliResult, runCli, tempDataDir } from "./helpers/cli.ts";
import { type DiskFault, runCliWithFault, unavailable } from "./helpers/disk_faults.ts";
import { startWorld, type World } from "./helpers/world.ts";

const noFaults = await unavailable;
if (noFaults) console.log(`disk_faults_test: real disk faults cannot be made here (${noFaults}); skipped.`);

/** What the emulated FLOWii exports: POHODA must hold exactly this many after the fault is gone. */
const EXPORTED = { partners: 20, documents: 60 };

/** Names in `dir` (sorted), and in its downloads folder, that a run cut short might leave. */
function leftovers(dir: string): string[] {
  const names = (folder: string) => {
    try {
      return [...Deno.readDirSync(folder)].map((e) => e.name);
    } catch {
      return [];
    }
  };
  return [...names(dir), ...names(join(dir, "downloads")).map((name) => `downloads/${name}`)]
    .filter((name) => /\.(tmp|part)$|^spojka\.lock\.json$/.test(name)).sort();
}

/** A disk fault is exit 6 and never called a bug, nor sends the user to a log it could not write. */
function assertStorageFault(result: CliResult, message: RegExp): void {
  equal(result.code, 6, result.stderr);
  match(result.stderr, message);
  ok(!/bug|Internal error/i.test(result.stderr), result.stderr);
}

/** The next run, with the fault gone, imports everything, and nothing twice. */
async function assertNextRunCompletes(world: World): Promise<void> {
  const next = await world.spojka("sync");
  equal(next.code, 0, next.stderr);
  equal(world.mserver.pohoda.addressBook.length, EXPORTED.partners);
  equal(world.mserver.pohoda.invoices.length, EXPORTED.documents);
}

async function withWorld(test: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld();
  try {
    await test(world);
  } finally {
    await world.close();
  }
}

const sync = (world: World, fault: DiskFault) => runCliWithFault(["--dir", world.dir, "sync"], fault);

// Free space at which the first sync runs out at different points: writing who holds the lock, the
// state database, a download.
for (const freeBytes of [0, 64 * 1024, 128 * 1024]) {
  Deno.test({
    name: `a full disk (${freeBytes / 1024} KiB free) is exit 6 naming the folder, leaves no empty lock ` +
      "or temp file, and the next run imports everything once",
    ignore: noFaults !== null,
  }, () =>
    withWorld(async (world) => {
      const result = await sync(world, { full: world.dir, freeBytes });
      // SQLite may meet the full disk as an error writing its shared-memory file.
      assertStorageFault(
        result,
        new RegExp(`^Error: The disk holding ${world.dir}\\S* (is full|reported an error)`, "m"),
      );
      match(result.stderr, /Free space on that disk|free space on it/);
      deepEqual(leftovers(world.dir), []);
      await assertNextRunCompletes(world);
    }));
}

Deno.test({
  name: "a read-only data folder is exit 6 naming it; the log that cannot be written is said, not pointed to",
  ignore: noFaults !== null,
}, () =>
  withWorld(async (world) => {
    const before = [...Deno.readDirSync(world.dir)].map((e) => e.name).sort();
    const result = await sync(world, { readOnly: world.dir });
    assertStorageFault(
      result,
      new RegExp(`^Error: spojka cannot write to ${world.dir} \\(Read-only file system`, "m"),
    );
    match(result.stderr, new RegExp(`^spojka cannot write its log ${world.dir}/log.txt `, "m"));
    match(result.stderr, /run spojka as the user that owns the folder/);
    ok(!result.stderr.includes("details are in"), result.stderr);
    deepEqual([...Deno.readDirSync(world.dir)].map((e) => e.name).sort(), before);
    await assertNextRunCompletes(world);
  }));

Deno.test({
  name:
    "a read-only downloads folder is exit 6 naming it, recorded for status, and the next run imports everything",
  ignore: noFaults !== null,
}, () =>
  withWorld(async (world) => {
    const downloads = join(world.dir, "downloads");
    await Deno.mkdir(downloads);
    const result = await sync(world, { readOnly: downloads });
    assertStorageFault(result, new RegExp(`^Error: spojka cannot write to ${downloads} \\(`, "m"));
    const status = await world.spojka("status", "--json");
    equal(status.code, 0, status.stderr);
    const [run] = JSON.parse(status.stdout).lastRuns;
    equal(run.connector, "flowii");
    equal(run.exitCode, 6);
    match(run.message, new RegExp(`^spojka cannot write to ${downloads} `));
    deepEqual(leftovers(world.dir), []);
    await assertNextRunCompletes(world);
  }));

Deno.test({
  name: "a log.txt that cannot be written does not stop the run: it says so once and logs to the console",
  ignore: noFaults !== null,
}, () =>
  withWorld(async (world) => {
    const result = await sync(world, { readOnly: join(world.dir, "log.txt") });
    equal(result.code, 0, result.stderr);
    equal(result.stderr.match(/spojka cannot write its log/g)?.length, 1, result.stderr);
    match(result.stdout, /FLOWii → POHODA: fetched 80, imported 80/);
    equal(world.mserver.pohoda.invoices.length, EXPORTED.documents);
  }));

Deno.test("an empty lock file and temp files left by a crash do not hold up the next run, which removes them", () =>
  withWorld(async (world) => {
    await Deno.writeTextFile(join(world.dir, "spojka.lock.json"), "");
    await Deno.writeTextFile(join(world.dir, "config.toml.tmp"), "[flowii]\nuser = ");
    await Deno.mkdir(join(world.dir, "downloads"));
    await Deno.writeFile(join(world.dir, "downloads", "documents.zip.part"), new Uint8Array(4096));
    await assertNextRunCompletes(world);
    deepEqual(leftovers(world.dir), []);
  }));

Deno.test("a data folder that is a file, or under one, is a usage error (exit 2) for every command", async () => {
  const file = join(await tempDataDir(), "config.toml");
  await Deno.writeTextFile(file, "");
  for (const dir of [file, join(file, "spojka")]) {
    for (const args of [["status"], ["init", "--non-interactive"]]) {
      const result = await runCli(["--dir", dir, ...args]);
      equal(result.code, 2, result.stderr);
      match(
        result.stderr,
        new RegExp(`The data folder ${dir} cannot be used: it, or a folder above it, is a file`),
      );
    }
  }
});

Deno.test({
  name: "a data folder on a path the system keeps to itself is exit 6 naming it, not a bug",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const result = await runCli(["--dir", "/proc/self/spojka", "init", "--non-interactive"]);
  assertStorageFault(result, /^Error: spojka cannot write to \/proc\/self \(/m);
});
