import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { diskFault, storageError } from "./storage.ts";

/** The error `work` throws; the tests below provoke real ones, not look-alikes. */
async function thrown(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error("nothing was thrown");
}

/** `/dev/full` fails every write with ENOSPC, as a full disk does (Linux). */
const devFull = (() => {
  try {
    return Deno.statSync("/dev/full").isCharDevice === true;
  } catch {
    return false;
  }
})();
if (!devFull) console.log("storage_test: no /dev/full here, so the ENOSPC tests are skipped.");

Deno.test({
  name: "a full disk names the folder of the file the OS names, or the one the caller was writing",
  ignore: !devFull,
}, async () => {
  const named = storageError(await thrown(() => Deno.writeFile("/dev/full", new Uint8Array(8))), "/data");
  equal(named?.exitCode, 6);
  match(named!.message, /^The disk holding \/dev is full \(No space left on device \(os error 28\)/);
  match(named!.hint!, /Free space on that disk/);

  using file = await Deno.open("/dev/full", { write: true });
  const unnamed = storageError(await thrown(() => file.write(new Uint8Array(8))), "/data", "documents.zip");
  equal(
    unnamed?.message,
    "The disk holding /data is full (documents.zip: No space left on device (os error 28)).",
  );
});

Deno.test("SQLite's full disk, read-only database and unopenable file are disk faults, from exec and from statements", async () => {
  const db = new DatabaseSync(":memory:");
  db.exec("PRAGMA max_page_count = 2; CREATE TABLE t (x)");
  const insert = db.prepare("INSERT INTO t VALUES (randomblob(100000))");
  equal(diskFault(await thrown(() => insert.run())), "full");
  equal(diskFault(await thrown(() => db.exec("INSERT INTO t VALUES (randomblob(100000))"))), "full");
  equal(
    storageError(await thrown(() => insert.run()), "/data", "state.db")?.message,
    "The disk holding /data is full (state.db: database or disk is full).",
  );

  const dir = await Deno.makeTempDir();
  new DatabaseSync(join(dir, "state.db")).exec("CREATE TABLE t (x)");
  const readOnly = new DatabaseSync(join(dir, "state.db"), { readOnly: true });
  equal(diskFault(await thrown(() => readOnly.exec("INSERT INTO t VALUES (1)"))), "unwritable");
  match(
    storageError(await thrown(() => readOnly.exec("INSERT INTO t VALUES (1)")), dir)!.message,
    new RegExp(`^spojka cannot write to ${dir} \\(attempt to write a readonly database\\)`),
  );
  equal(diskFault(await thrown(() => new DatabaseSync(join(dir, "missing", "state.db")))), "unwritable");
});

Deno.test("a read-only or foreign folder is a disk fault; anything else is not", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "file"), "not a database ".repeat(100));
  // A folder where a file is and a missing file are not the disk's fault.
  equal(diskFault(await thrown(() => Deno.writeTextFile(join(dir, "file", "x"), "x"))), undefined);
  equal(diskFault(await thrown(() => Deno.readTextFile(join(dir, "missing")))), undefined);
  equal(diskFault(new Error("database or disk is full")), undefined); // not from SQLite
  equal(diskFault("ENOSPC"), undefined);
  const notADatabase = await thrown(() => {
    new DatabaseSync(join(dir, "file")).exec("CREATE TABLE t (x)");
  });
  equal(diskFault(notADatabase), undefined);

  if (Deno.build.os === "windows" || Deno.uid() === 0) {
    console.log("storage_test: permissions do not bind here (Windows or root); EACCES is tested end to end.");
    return;
  }
  await Deno.chmod(dir, 0o500);
  try {
    const denied = storageError(await thrown(() => Deno.writeTextFile(join(dir, "x"), "x")), "/elsewhere");
    ok(denied?.message.startsWith(`spojka cannot write to ${dir} (Permission denied`), denied?.message);
    match(denied!.hint!, /run spojka as the user that owns the folder/);
  } finally {
    await Deno.chmod(dir, 0o700);
  }
});
