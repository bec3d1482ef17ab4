import { deepEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { ConfigError } from "../core/errors.ts";
import { exists } from "../core/files.ts";
import { dataPaths } from "../core/datadir.ts";
import { Outbox } from "../pipeline/outbox.ts";
import { SCHEMA_VERSION, StateDb } from "./db.ts";
import { allCursors, getCursor, Memory, setCursor } from "./memory.ts";
import { notableOutcomes, recordOutcome } from "./outcomes.ts";
import { beginRun, endRun, lastRuns } from "./runs.ts";
import { openState } from "./store.ts";

async function folder() {
  return dataPaths(await Deno.makeTempDir({ prefix: "spojka-state-" }));
}

Deno.test("a new data folder gets a database in WAL mode at the current schema version", async () => {
  const paths = await folder();
  const db = await openState(paths);
  equal(db.version, SCHEMA_VERSION);
  equal((db.sql.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode, "wal");
  db.close();
});

Deno.test("a database written by a newer spojka is refused with the way out", async () => {
  const paths = await folder();
  const raw = new DatabaseSync(paths.stateDb);
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  throws(() => StateDb.open(paths.stateDb), (e: ConfigError) => {
    match(e.message, /written by a newer spojka/);
    match(e.hint!, /Install the newer spojka/);
    return true;
  });
});

Deno.test("a file that is not a database is reported as damaged, with what to do", async () => {
  const paths = await folder();
  await Deno.writeTextFile(paths.stateDb, "this is not SQLite ".repeat(100));
  throws(() => StateDb.open(paths.stateDb), (e: ConfigError) => {
    match(e.message, /cannot be read as spojka's state/);
    match(e.hint!, /move .* away/);
    return true;
  });
});

Deno.test("a transaction that throws leaves nothing behind", async () => {
  const db = await openState(await folder());
  const memory = new Memory(db, "flowii");
  throws(() =>
    db.transaction(() => {
      setCursor(memory, "documents", 100);
      throw new Error("crash in the middle");
    })
  );
  equal(getCursor(memory, "documents"), undefined);
  db.close();
});

Deno.test("each connector's memory is its own namespace; cursors are listed as <connector>.<stream>", async () => {
  const db = await openState(await folder());
  setCursor(new Memory(db, "flowii"), "documents", 1_800_000_000, new Date("2027-01-15T08:00:00Z"));
  setCursor(new Memory(db, "another"), "documents", 5);
  new Memory(db, "flowii").set("something:else", { a: 1 });
  deepEqual(allCursors(db).map((c) => [c.stream, c.cursor.epoch]), [
    ["another.documents", 5],
    ["flowii.documents", 1_800_000_000],
  ]);
  equal(getCursor(new Memory(db, "flowii"), "documents")?.setAt, "2027-01-15T08:00:00.000Z");
  db.close();
});

Deno.test("runs keep their notable item outcomes; old runs are forgotten with theirs", async () => {
  const db = await openState(await folder());
  const runs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const run = beginRun(db, "flowii", new Date());
    runs.push(run);
    recordOutcome(
      db,
      run,
      { key: "k", agenda: "issuedInvoice", label: "FV1", outcome: "imported" },
      new Date(),
    );
    recordOutcome(db, run, {
      key: "k2",
      agenda: "issuedInvoice",
      label: "FV2",
      outcome: "failed",
      detail: "no",
    }, new Date());
    endRun(db, run, { counts: { issuedInvoice: { imported: 1, failed: 1 } }, failed: 1 });
  }
  const last = lastRuns(db).flowii;
  equal(last.id, runs.at(-1));
  equal(last.result, "partial");
  equal(last.exitCode, 1);
  deepEqual(notableOutcomes(db, last.id).items.map((i) => [i.label, i.outcome, i.detail]), [[
    "FV2",
    "failed",
    "no",
  ]]);
  equal(notableOutcomes(db, runs[0]).total, 0, "the oldest runs and their outcomes are gone");
  equal(Number((db.sql.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n), 10);
  db.close();
});

Deno.test("a version 1 state.json is moved into the database once; a crash after the import only finishes the rename", async () => {
  const paths = await folder();
  const v1 = {
    schemaVersion: 1,
    cursors: { "flowii.documents": { epoch: 1_763_900_000, setAt: "2025-11-23T10:00:00.000Z" } },
    runs: {},
    outbox: {
      "flowii/issuedInvoice/FV1": {
        connector: "flowii",
        agenda: "issuedInvoice",
        label: "FV1",
        itemId: "FLW-FV1",
        spool: "flowii-1.json",
        status: "failed",
        attempts: 2,
        queuedAt: "2025-11-23T10:00:00.000Z",
        error: "Předkontace neexistuje",
      },
    },
  };
  await Deno.writeTextFile(paths.legacyState, JSON.stringify(v1));
  await Deno.mkdir(paths.legacyOutbox);
  await Deno.writeTextFile(
    join(paths.legacyOutbox, "flowii-1.json"),
    JSON.stringify({ "flowii/issuedInvoice/FV1": "<inv:invoice/>" }),
  );
  // The import committed, then the process died before renaming: state.json is back in place.
  (await openState(paths)).close();
  await Deno.rename(`${paths.legacyState}.migrated`, paths.legacyState);
  const db = await openState(paths);
  ok(!(await exists(paths.legacyState)));
  ok(await exists(`${paths.legacyState}.migrated`));
  ok(await exists(join(`${paths.legacyOutbox}.migrated`, "flowii-1.json")));
  const items = [...new Outbox(db, "flowii").inOrder()];
  deepEqual(items.map((i) => [i.key, i.payload, i.status, i.attempts, i.error]), [
    ["flowii/issuedInvoice/FV1", "<inv:invoice/>", "failed", 2, "Předkontace neexistuje"],
  ], "imported once, not twice");
  equal(getCursor(new Memory(db, "flowii"), "documents")?.epoch, 1_763_900_000);
  db.close();
});

Deno.test("a damaged state.json stops with the way out, and nothing is half-migrated", async () => {
  const paths = await folder();
  await Deno.writeTextFile(paths.legacyState, "{ broken");
  await rejects(openState(paths), (e: ConfigError) => {
    match(e.message, /state\.json .* is damaged: it is not valid JSON/);
    match(e.hint!, /state\.json\.bak/);
    return true;
  });
  ok(await exists(paths.legacyState));
});
