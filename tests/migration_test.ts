/**
 * The move from spojka 0.1's `state.json` (+ `outbox/` spool files) into `state.db`, end to end through
 * the CLI, with a real version 1 data folder written by spojka 0.1 (tests/fixtures/state-v1, see its
 * README) against the same FLOWii dataset.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { exists } from "../src/core/files.ts";
import { FlowiiDataset } from "./emulators/flowii/dataset.ts";
import type { MServer } from "./emulators/mserver/mod.ts";
import { startWorld, type World } from "./helpers/world.ts";

const FIXTURE = new URL("./fixtures/state-v1/", import.meta.url);

/** The dataset and accounting year the fixture was written against (tests/fixtures/state-v1/README.md). */
const DATASET = { seed: 11, partners: 8, documents: 24, start: new Date("2026-11-30T08:00:00Z") };
const YEAR = 2026;

interface FixtureEntry {
  connector: string;
  agenda: string;
  label: string;
  itemId: string;
  spool: string;
  status: "pending" | "failed";
  attempts: number;
  queuedAt: string;
  lastAttemptAt?: string;
  error?: string;
}

/** The fixture's state.json, read as plain JSON (the old schema is gone from src/). */
const v1 = JSON.parse(Deno.readTextFileSync(new URL("state.json", FIXTURE))) as {
  schemaVersion: number;
  cursors: Record<string, { epoch: number; setAt: string }>;
  runs: Record<string, Record<string, unknown>>;
  outbox: Record<string, FixtureEntry>;
  stock: { lastSent: Record<string, { quantity: number; at: string }> };
};
const v1Entries = Object.entries(v1.outbox);
const v1Failed = v1Entries.filter(([, e]) => e.status === "failed");
const v1Pending = v1Entries.filter(([, e]) => e.status === "pending");
/** `flowii/issuedInvoice/2026100002` → `2026100002`; partners have no number. */
const v1DocumentNumbers = v1Entries.filter(([, e]) => e.agenda !== "addressbook").map(([key]) =>
  key.split("/").at(-1)!
).sort();

// deno-lint-ignore no-explicit-any
type Report = any;

async function withMigrationWorld(body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld({ flowii: { dataset: DATASET }, mserver: { year: YEAR } });
  try {
    await body(world);
  } finally {
    await world.close();
    await Deno.remove(world.dir, { recursive: true }).catch(() => {});
  }
}

/** Puts the fixture's state.json and outbox/ into the data folder, as spojka 0.1 left them. */
async function copyFixture(dir: string): Promise<void> {
  await Deno.copyFile(new URL("state.json", FIXTURE), join(dir, "state.json"));
  await Deno.mkdir(join(dir, "outbox"));
  for (const entry of Deno.readDirSync(new URL("outbox/", FIXTURE))) {
    await Deno.copyFile(new URL(`outbox/${entry.name}`, FIXTURE), join(dir, "outbox", entry.name));
  }
}

async function status(world: World): Promise<Report> {
  const result = await world.spojka("status", "--json");
  equal(result.code, 0, `status failed (${result.code}): ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout);
}

function numbers(mserver: MServer): string[] {
  return mserver.pohoda.invoices.map((i) => i.number);
}

function assertNoDuplicates(mserver: MServer): void {
  equal(new Set(numbers(mserver)).size, mserver.pohoda.invoices.length, "a document was imported twice");
}

function assertEveryPackValid(mserver: MServer): void {
  const packs = mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml" && r.schemaIssues);
  for (const pack of packs) deepEqual(pack.schemaIssues, [], `pack ${pack.packId} does not validate`);
}

function cursorsOf(report: Report): { stream: string; epoch: number }[] {
  // deno-lint-ignore no-explicit-any
  return report.cursors.map((c: any) => ({ stream: c.stream, epoch: c.epoch }))
    .sort((a: { stream: string }, b: { stream: string }) => a.stream.localeCompare(b.stream));
}

function runOf(report: Report, connector: string): Report {
  // deno-lint-ignore no-explicit-any
  const run = report.lastRuns.find((r: any) => r.connector === connector);
  ok(run, `no last run of ${connector} in ${JSON.stringify(report.lastRuns)}`);
  return run;
}

Deno.test("the fixture is what its README says: a spojka 0.1 state of that dataset", () => {
  equal(v1.schemaVersion, 1);
  deepEqual(Object.keys(v1.cursors).sort(), ["flowii.documents", "flowii.partners"]);
  deepEqual(Object.keys(v1.runs).sort(), ["flowii", "stock"]);
  equal(v1Failed.length, 2);
  equal(v1Pending.length, 4);
  equal(Object.keys(v1.stock.lastSent).length, 5);
  // Every waiting item is a record of the dataset the tests generate again, under its own name.
  const dataset = new FlowiiDataset(DATASET);
  const partnerName = (id: string) => {
    const partner = dataset.partners.find((p) => p.id === id)!;
    return partner.company ?? partner.name!;
  };
  for (const [key, entry] of v1Entries) {
    if (entry.agenda === "addressbook") {
      const id = key.split("/").at(-1)!;
      ok(entry.label.startsWith(partnerName(id)), `${key}: ${entry.label}`);
      continue;
    }
    const number = key.split("/").at(-1)!;
    const doc = dataset.documents.find((d) => d.number === number);
    ok(doc, `${number} is not in the dataset`);
    equal(doc.type, entry.agenda);
    equal(entry.label, `${number} (${partnerName(doc.partnerId)})`);
  }
});

Deno.test("a spojka 0.1 state.json is moved into state.db once, and what waited is imported exactly once", async () => {
  await withMigrationWorld(async (world) => {
    const { dir, mserver, flowii } = world;
    await copyFixture(dir);

    // 1. status migrates, and shows the old state.
    const migrated = await status(world);
    deepEqual(
      migrated.cursors.map((c: Report) => ({ stream: c.stream, epoch: c.epoch, setAt: c.setAt })).sort((
        a: Report,
        b: Report,
      ) => a.stream.localeCompare(b.stream)),
      Object.entries(v1.cursors).map(([stream, c]) => ({ stream, epoch: c.epoch, setAt: c.setAt }))
        .sort((a, b) => a.stream.localeCompare(b.stream)),
    );
    for (const connector of ["flowii", "stock"]) {
      const run = runOf(migrated, connector);
      const { startedAt, finishedAt, exitCode, result, counts, message } = run;
      deepEqual({ startedAt, finishedAt, exitCode, result, counts, message }, {
        message: undefined,
        ...v1.runs[connector],
      }, `the last ${connector} run`);
    }
    equal(runOf(migrated, "flowii").result, "failed");
    equal(runOf(migrated, "stock").result, "ok");
    equal(migrated.outbox.pending, v1Pending.length);
    equal(migrated.outbox.failed, v1Failed.length);
    deepEqual(
      // deno-lint-ignore no-explicit-any
      migrated.outbox.failedItems.map((i: any) => ({
        key: i.key,
        agenda: i.agenda,
        label: i.label,
        attempts: i.attempts,
        error: i.error,
      })).sort((a: Report, b: Report) => a.key.localeCompare(b.key)),
      v1Failed.map(([key, e]) => ({
        key,
        agenda: e.agenda,
        label: e.label,
        attempts: e.attempts,
        error: e.error,
      }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    match(JSON.stringify(migrated.outbox.failedItems), /Předkontace 3Fv neexistuje/);
    match(JSON.stringify(migrated.outbox.failedItems), /Číselná řada 26DN je zablokovaná/);
    // spojka 0.1 did not name the shop; whatever shop name the migration files them under, they are all there.
    const lastSent = Object.assign({}, ...Object.values(migrated.stock?.lastSent ?? {}));
    deepEqual(lastSent, v1.stock.lastSent);

    ok(!(await exists(join(dir, "state.json"))), "state.json is renamed");
    equal(
      await Deno.readTextFile(join(dir, "state.json.migrated")),
      await Deno.readTextFile(new URL("state.json", FIXTURE)),
      "state.json.migrated is the old file, unchanged",
    );
    ok(!(await exists(join(dir, "outbox"))), "outbox/ is renamed");
    deepEqual(
      [...Deno.readDirSync(join(dir, "outbox.migrated"))].map((e) => e.name).sort(),
      [...Deno.readDirSync(new URL("outbox/", FIXTURE))].map((e) => e.name).sort(),
    );
    ok(await exists(join(dir, "state.db")));
    equal(mserver.pohoda.invoices.length + mserver.pohoda.addressBook.length, 0, "status sent nothing");

    // 2. The next sync sends what waited (POHODA accepts it now), and continues FLOWii from the old cursors.
    const sync = await world.spojka("sync", "flowii");
    equal(sync.code, 0, `sync flowii exited ${sync.code}:\n${sync.stdout}\n${sync.stderr}`);
    assertNoDuplicates(mserver);
    deepEqual(numbers(mserver).sort(), v1DocumentNumbers, "exactly the migrated documents were imported");
    equal(mserver.pohoda.addressBook.filter((r) => r.address.ico === "85805726").length, 1);
    const exports = flowii.requests.filter((r) => r.path.endsWith("pohoda-export"));
    deepEqual(
      exports.map((r) => r.query.from).sort(),
      [String(v1.cursors["flowii.documents"].epoch), String(v1.cursors["flowii.partners"].epoch)].sort(),
      "FLOWii was asked for changes since the migrated cursors",
    );
    const synced = await status(world);
    deepEqual(synced.outbox, { pending: 0, failed: 0, held: 0, failedItems: [], heldItems: [] });
    equal(runOf(synced, "flowii").result, "ok");
    deepEqual(
      runOf(synced, "stock").startedAt,
      v1.runs.stock.startedAt,
      "the stock run is still the old one",
    );
    const invoicesAfterSync = numbers(mserver).length;
    const postsAfterSync = mserver.requests.filter((r) => r.method === "POST").length;

    // 3. Nothing migrates twice: status again, a sync again.
    const again = await status(world);
    deepEqual(again.outbox, { pending: 0, failed: 0, held: 0, failedItems: [], heldItems: [] });
    deepEqual(cursorsOf(again), cursorsOf(synced));
    ok(await exists(join(dir, "state.json.migrated")));
    ok(await exists(join(dir, "outbox.migrated")));
    ok(!(await exists(join(dir, "state.json"))));
    const resync = await world.spojka("sync", "flowii");
    equal(resync.code, 0, resync.stderr);
    const resynced = await status(world);
    equal(numbers(mserver).length, invoicesAfterSync, "nothing was imported again");
    equal(
      mserver.requests.filter((r) => r.method === "POST").length,
      postsAfterSync,
      "nothing was posted again",
    );

    // 4. A crash between the import's commit and the renames leaves state.json and outbox/ in place:
    //    the next start only renames them, and imports nothing a second time.
    await Deno.rename(join(dir, "state.json.migrated"), join(dir, "state.json"));
    await Deno.rename(join(dir, "outbox.migrated"), join(dir, "outbox"));
    const before = await status(world);
    deepEqual(
      before.outbox,
      { pending: 0, failed: 0, held: 0, failedItems: [], heldItems: [] },
      "the outbox was not imported again",
    );
    deepEqual(cursorsOf(before), cursorsOf(resynced), "the cursors were not set back");
    ok(
      cursorsOf(before).every((c) => c.epoch > v1.cursors[c.stream].epoch),
      "the cursors are not the migrated ones",
    );
    ok(!(await exists(join(dir, "state.json"))));
    ok(await exists(join(dir, "state.json.migrated")));
    ok(!(await exists(join(dir, "outbox"))));
    ok(await exists(join(dir, "outbox.migrated")));
    assertNoDuplicates(mserver);
    assertEveryPackValid(mserver);
  });
});

Deno.test("a damaged state.json stops status and sync with exit 2, naming the file and its .bak", async () => {
  await withMigrationWorld(async (world) => {
    const { dir, mserver, flowii } = world;
    const path = join(dir, "state.json");
    await copyFixture(dir);
    await Deno.writeTextFile(path, '{"schemaVersion": 1, "cursors": {"flowii.partn');
    await Deno.copyFile(new URL("state.json", FIXTURE), `${path}.bak`);
    const damaged = new RegExp(
      `${RegExp.escape(path)} \\(the state of an earlier spojka\\) is damaged: it is not valid JSON`,
    );
    const bak = new RegExp(`Replace ${RegExp.escape(path)} with a copy of ${RegExp.escape(path)}\\.bak`);

    const shown = await world.spojka("status", "--json");
    equal(shown.code, 2, shown.stderr);
    const report = JSON.parse(shown.stdout);
    match(report.stateError, damaged);
    match(report.stateError, bak);
    const text = await world.spojka("status");
    equal(text.code, 2);
    match(text.stdout + text.stderr, damaged);
    match(text.stdout + text.stderr, bak);

    const asked = flowii.requests.length; // init checked the login
    const sync = await world.spojka("sync", "flowii");
    equal(sync.code, 2, `sync flowii exited ${sync.code}:\n${sync.stdout}\n${sync.stderr}`);
    match(sync.stderr, damaged);
    match(sync.stderr, bak);
    equal(flowii.requests.length, asked, "nothing was fetched");
    equal(mserver.requests.filter((r) => r.method === "POST").length, 0, "nothing was posted");
    ok(await exists(path), "the damaged file stays where it is");
    ok(!(await exists(`${path}.migrated`)));

    // The way out the message gives: the .bak in its place, and the migration goes through.
    await Deno.copyFile(`${path}.bak`, path);
    const repaired = await status(world);
    deepEqual(
      { pending: repaired.outbox.pending, failed: repaired.outbox.failed },
      { pending: v1Pending.length, failed: v1Failed.length },
    );
    ok(await exists(`${path}.migrated`));
  });
});
