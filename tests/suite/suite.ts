/**
 * The standard connector suite: every connector, over its emulators, through the real CLI. One test
 * per world; its steps tell one data folder's story in order (set up, refused, synced twice, shown,
 * dry-run, killed and resumed), each step asserting what a user relies on. See README.md here.
 * Each world's `*_test.ts` beside this file calls {@linkcode connectorSuite}.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join, relative } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { runCli, spawnCli } from "../helpers/cli.ts";
import { formsFound, secretForms } from "../helpers/secret_forms.ts";
import type { ConnectorWorld, WorldKind } from "./world.ts";

/** How many source records the killed run has to move: enough for several writes. */
const KILL_CHANGES = 12;

/**
 * Registers the suite for one connector world. Each world has a test file of its own, so that
 * `deno test --parallel` runs the worlds side by side.
 */
export function connectorSuite(kind: WorldKind): void {
  Deno.test(`suite ${kind.name}`, async (t) => {
    const world = await kind.start();
    try {
      for (const [name, step] of Object.entries(CASES)) {
        if (!await t.step(`suite ${kind.name}: ${name}`, () => step(world))) break;
      }
    } finally {
      await world.stop();
    }
  });
}

/** The cases, in the order a data folder lives them; each builds on the state the one before left. */
const CASES: Record<string, (world: ConnectorWorld) => Promise<void>> = {
  "init from the environment": async (world) => {
    // The world ran `init --non-interactive` with nothing but its variables.
    for (const check of world.initChecks) match(world.init.stdout, check);
    await assertNoSecret(world, world.dir);
    const status = await statusOf(world, world.dir);
    ok(status.config?.settings, "the saved config reads back");
    deepEqual(status.lastRuns, [], "init moved nothing");
  },

  "wrong credentials exit 4": async (world) => {
    const before = await world.targetStore();
    for (const wrong of world.wrongCredentials()) {
      const run = await world.spojka(["sync", world.connector], wrong.env);
      equal(run.code, 4, `${wrong.label}: ${run.stderr}`);
      match(run.stderr, wrong.message, wrong.label);
      for (const value of Object.values(wrong.env)) {
        ok(!(run.stdout + run.stderr).includes(value), `${wrong.label}: the wrong value is not echoed`);
      }
      deepEqual(await world.targetStore(), before, `${wrong.label}: nothing reached the target`);
      equal((await lastRun(world)).exitCode, 4, `${wrong.label}: the run is recorded as refused`);
    }
    await assertNoSecret(world, world.dir);
  },

  "first sync moves everything once, a second neither duplicates nor writes": async (world) => {
    const first = await world.spojka(["sync", world.connector]);
    equal(first.code, 0, first.stderr);
    deepEqual(await world.targetStore(), world.expectedStore());
    const writes = await world.writesSeen();
    ok(writes > 0);

    const second = await world.spojka(["sync", world.connector]);
    equal(second.code, 0, second.stderr);
    equal(await world.writesSeen(), writes, "the second sync wrote nothing");
    deepEqual(await world.targetStore(), world.expectedStore(), "nothing twice");
    equal(world.moved((await lastRun(world)).counts), 0);
  },

  "status --json shows the connector with its figures": async (world) => {
    // The last run moved nothing; the one before it moved the whole source.
    const status = await statusOf(world, world.dir);
    const runs = status.lastRuns.filter((r: { connector: string }) => r.connector === world.connector);
    ok(runs.length >= 1, `status lists ${world.connector}`);
    const run = runs[0];
    deepEqual([run.exitCode, run.result], [0, "ok"]);
    equal(world.moved(run.counts), 0);
    equal(status.outbox.pending + status.outbox.failed, 0, "nothing waits");
    equal(status.running, null);
    const history = runsOf(world.dir);
    equal(world.moved(history.at(-2)!.counts), world.sourceCount(), "the first sync's figures");
  },

  "a dry run moves nothing": async (world) => {
    world.changeSource(1);
    const before = stateOf(world.dir);
    const writes = await world.writesSeen();
    const target = await world.targetStore();
    const dry = await world.spojka(["sync", world.connector, "--dry-run"]);
    equal(dry.code, 0, dry.stderr);
    equal(await world.writesSeen(), writes, "nothing was written");
    deepEqual(await world.targetStore(), target);
    const after = stateOf(world.dir, before.lastRun);
    deepEqual(after.kept, before.kept, "no cursor moved, nothing queued or confirmed");
    ok(after.runs - before.runs <= 1, "at most the dry run's own record");

    const real = await world.spojka(["sync", world.connector]);
    equal(real.code, 0, real.stderr);
    deepEqual(await world.targetStore(), world.expectedStore(), "the change the dry run showed moves now");
    equal(world.moved((await lastRun(world)).counts), 1);
  },

  "SIGKILL while writing, then a clean run: everything exactly once": async (world) => {
    world.changeSource(KILL_CHANGES);
    await world.slowDown();
    const child = spawnCli(["--dir", world.dir, "sync", world.connector]);
    const ended = child.status.then(() => {
      throw new Error("the run ended before it could be killed");
    });
    ended.catch(() => {});
    await Promise.race([world.writing(), ended]);
    child.kill("SIGKILL");
    equal((await child.output()).signal, "SIGKILL");
    await world.recover();
    // A Pohoda.exe the killed run started may have imported everything; its answer then waits.
    const waiting = (await statusOf(world, world.dir)).outbox.pending;
    const landed = await world.targetStore();
    ok(waiting > 0 || landed.join() !== world.expectedStore().join(), "the kill left work for the next run");

    const clean = await world.spojka(["sync", world.connector]);
    equal(clean.code, 0, clean.stderr);
    deepEqual(await world.targetStore(), world.expectedStore(), "each record exactly once, none lost");
    // Records changed within FLOWii's overlap are offered again, and POHODA answers "already present".
    const again = await world.spojka(["sync", world.connector]);
    equal(again.code, 0, again.stderr);
    equal(world.moved((await lastRun(world)).counts), 0, "nothing was left to move");
    deepEqual(await world.targetStore(), world.expectedStore());
    const status = await statusOf(world, world.dir);
    equal(status.outbox.pending + status.outbox.failed, 0, "nothing waits");
  },
};

// deno-lint-ignore no-explicit-any
type Status = any;

async function statusOf(world: ConnectorWorld, dir: string): Promise<Status> {
  const result = await runCli(["--dir", dir, "status", "--json"]);
  equal(result.code, 0, result.stderr);
  for (const variable of world.secretVariables) {
    deepEqual(formsFound(result.stdout, secretForms(world.env[variable])), [], `${variable} in status`);
  }
  const status = JSON.parse(result.stdout);
  if (status.stateError) throw new Error(status.stateError);
  return status;
}

/** The connector's latest run as `status --json` shows it. */
async function lastRun(world: ConnectorWorld): Promise<Status> {
  const status = await statusOf(world, world.dir);
  const run = status.lastRuns.find((r: { connector: string }) => r.connector === world.connector);
  ok(run, `status lists ${world.connector}`);
  return run;
}

/** Every run recorded in the state, oldest first. */
function runsOf(dir: string): { counts: Record<string, Record<string, number>> }[] {
  return readState(dir, (db) =>
    db.prepare("SELECT counts FROM runs ORDER BY id").all().map((row) => ({
      counts: JSON.parse(String(row.counts)),
    })));
}

/**
 * What a run must leave alone when it moves nothing: the connectors' memory (cursors, quantities
 * sent), the outbox, the ledger and the outcomes of the runs up to `upToRun` (default all); and how
 * many runs are recorded, and the latest. The rate limiters' request log is left out: reading the
 * source is a request like any other.
 */
function stateOf(dir: string, upToRun?: number): { kept: unknown; runs: number; lastRun: number } {
  return readState(dir, (db) => {
    const all = (sql: string) => db.prepare(sql).all().map((row) => ({ ...row }));
    const runs = Number(db.prepare("SELECT count(*) AS n FROM runs").get()!.n);
    const lastRun = Number(db.prepare("SELECT coalesce(max(id), 0) AS id FROM runs").get()!.id);
    return {
      kept: {
        memory: all("SELECT * FROM memory ORDER BY namespace, key"),
        outbox: all("SELECT * FROM outbox ORDER BY key"),
        ledger: all("SELECT * FROM ledger ORDER BY key"),
        outcomes: all(`SELECT * FROM outcomes WHERE run <= ${upToRun ?? lastRun} ORDER BY run, key, at`),
      },
      runs,
      lastRun,
    };
  });
}

/** Reads the state database of `dir` (no spojka runs meanwhile). */
function readState<T>(dir: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dir, "state.db"), { readOnly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** No form of any secret in any file of the data folder. */
async function assertNoSecret(world: ConnectorWorld, dir: string): Promise<void> {
  for await (const path of files(dir)) {
    const bytes = await Deno.readFile(path);
    for (const variable of world.secretVariables) {
      const found = formsFound(bytes, secretForms(world.env[variable]));
      deepEqual(found, [], `${variable} is in ${relative(dir, path)}`);
    }
  }
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* files(path);
    else yield path;
  }
}
