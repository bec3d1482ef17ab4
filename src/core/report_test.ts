import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { Log } from "./log.ts";
import { failureOf, reportError } from "./report.ts";

/** What `work` printed on stderr. */
function stderrOf(work: () => void): string {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    work();
  } finally {
    console.error = original;
  }
  return lines.join("\n");
}

/** ENOSPC as Deno reports it for a write to an open file (no path); storage_test.ts provokes real ones. */
function enospc(): Error {
  return Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
}

Deno.test("a bug points to log.txt when it was written there", async () => {
  const file = join(await Deno.makeTempDir(), "log.txt");
  const log = new Log({ file, echo: false });
  let code = 0;
  const stderr = stderrOf(() => code = reportError(new TypeError("x is undefined"), log, "/data"));
  equal(code, 70);
  equal(stderr, `Internal error: x is undefined. This is a bug in spojka; the details are in ${file}.`);
  match(await Deno.readTextFile(file), /TypeError: x is undefined\n.*at /);
});

Deno.test("a bug never points to a log.txt that cannot be written: the details follow on stderr", async () => {
  const file = join(await Deno.makeTempDir(), "gone", "log.txt");
  const log = new Log({ file, echo: false });
  let code = 0;
  const stderr = stderrOf(() => code = reportError(new TypeError("x is undefined"), log, "/data"));
  equal(code, 70);
  match(
    stderr,
    new RegExp(`^spojka cannot write its log ${file} \\(.*\\); this run logs to the console only\\.`),
  );
  match(stderr, /This is a bug in spojka; the details follow\.\nTypeError: x is undefined\n\s+at /);
  ok(!stderr.includes("details are in"), stderr);
  equal(log.file, null);
});

Deno.test("a disk fault is exit 6 naming the data folder, recorded as such, never a bug", () => {
  const log = new Log({ file: null, echo: false });
  let code = 0;
  const stderr = stderrOf(() => code = reportError(enospc(), log, "/data"));
  equal(code, 6);
  equal(
    stderr,
    "Error: The disk holding /data is full (No space left on device (os error 28)).\n" +
      "Free space on that disk, then run spojka again: the next run picks up where this one stopped.",
  );
  const failure = failureOf(enospc(), "/data");
  equal(failure.exitCode, 6);
  equal(failure.message, "The disk holding /data is full (No space left on device (os error 28)).");
  equal(failureOf(new TypeError("x is undefined"), "/data").exitCode, 70);
});

Deno.test("a state database another program holds, or a damaged one, is the user's to fix, not a bug", async () => {
  const dir = await Deno.makeTempDir();
  const { DatabaseSync } = await import("node:sqlite");
  const path = join(dir, "state.db");
  const holder = new DatabaseSync(path);
  holder.exec("CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");
  const other = new DatabaseSync(path, { timeout: 10 });
  let busy: unknown;
  try {
    other.exec("BEGIN IMMEDIATE");
  } catch (e) {
    busy = e;
  }
  holder.exec("ROLLBACK");
  holder.close();
  other.close();
  const held = failureOf(busy, dir);
  equal(held.exitCode, 3);
  match(held.message, /Another program holds spojka's state database/);

  // Pages of rows overwritten in the middle, as a failing disk leaves them.
  const db = new DatabaseSync(path);
  db.exec("CREATE TABLE rows (x)");
  for (let i = 0; i < 200; i++) db.exec("INSERT INTO rows VALUES (randomblob(500))");
  db.close();
  const file = await Deno.open(path, { write: true });
  await file.seek(8192, Deno.SeekMode.Start);
  await file.write(new Uint8Array(16384).fill(0xa5));
  file.close();
  let damaged: unknown;
  try {
    new DatabaseSync(path).prepare("SELECT count(*), sum(length(x)) FROM rows").get();
  } catch (e) {
    damaged = e;
  }
  const failure = failureOf(damaged, dir);
  equal(failure.exitCode, 6);
  match(failure.message, /state database .* is damaged/);
  ok(failure.hint?.includes("reset --new-state"));
});

Deno.test("a file another program holds open is exit 3, told and recorded alike, never a bug", () => {
  const message =
    "The process cannot access the file because it is being used by another process. (os error 32)";
  const held = [
    new Deno.errors.Busy(`${message}: open 'C:\\spojka\\downloads\\documents.zip'`),
    Object.assign(new Error(message), { code: "EBUSY" }), // node:fs
  ];
  for (const error of held) {
    const log = new Log({ file: null, echo: false });
    let code = 0;
    const stderr = stderrOf(() => code = reportError(error, log, "/data"));
    equal(code, 3);
    match(stderr, /^Error: Another program holds a file spojka needs \(The process cannot access the file/);
    match(stderr, /Close the program that has it open/);
    const failure = failureOf(error, "/data");
    equal(failure.exitCode, 3, "status, /healthz and the alert say what the process exit says");
    equal(`Error: ${failure.message}`, stderr.split("\n")[0]);
  }
});
