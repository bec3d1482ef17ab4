import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import type { ConfigError } from "../core/errors.ts";
import { exists } from "../core/files.ts";
import { dataPaths } from "../core/datadir.ts";
import { getCursor, Memory, setCursor } from "./memory.ts";
import { traces } from "./missing.ts";
import { newState, openState } from "./store.ts";

async function folder() {
  return dataPaths(await Deno.makeTempDir({ prefix: "spojka-missing-" }));
}

Deno.test("a new data folder, or one whose state is there, has no traces to worry about", async () => {
  const paths = await folder();
  await Deno.writeTextFile(join(paths.dir, "config.toml"), "");
  await Deno.mkdir(join(paths.dir, "responses"));
  deepEqual(await traces(paths), []);
  (await openState(paths)).close();
  await Deno.writeTextFile(join(paths.dir, "state.db.bak"), "");
  deepEqual(await traces(paths), [], "state.db is there");
});

Deno.test("copies, side files and spojka 0.1's leftovers are traces of an earlier state", async () => {
  const paths = await folder();
  for (
    const name of ["state.db-wal", "state - kopie.db", "state.json.migrated", "statements.db", "log.txt"]
  ) {
    await Deno.writeTextFile(join(paths.dir, name), "");
  }
  await Deno.mkdir(join(paths.dir, "outbox.migrated"));
  deepEqual(await traces(paths), [
    "outbox.migrated",
    "state - kopie.db",
    "state.db-wal",
    "state.json.migrated",
  ]);
  await Deno.writeTextFile(paths.legacyState, "{}");
  deepEqual(await traces(paths), [], "a state.json is moved into a new state.db as usual");
});

Deno.test("a missing state.db beside a backup is refused, naming it and both ways on", async () => {
  const paths = await folder();
  const db = await openState(paths);
  setCursor(new Memory(db, "flowii"), "documents", 1_800_000_000);
  db.close();
  await Deno.rename(paths.stateDb, `${paths.stateDb}.bak`);
  await rejects(openState(paths), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /state\.db is missing, but an earlier state left state\.db\.bak in /);
    match(e.hint!, /put it back as .*state\.db/);
    match(e.hint!, /spojka reset --new-state/);
    return true;
  });
  ok(!(await exists(paths.stateDb)), "nothing was created");
  // The way out the message gives first: the copy back in its place.
  await Deno.rename(`${paths.stateDb}.bak`, paths.stateDb);
  const back = await openState(paths);
  equal(getCursor(new Memory(back, "flowii"), "documents")?.epoch, 1_800_000_000);
  back.close();
});

Deno.test("reset --new-state starts an empty state, with the lost one's side files set aside", async () => {
  const paths = await folder();
  const db = await openState(paths);
  setCursor(new Memory(db, "flowii"), "documents", 1_800_000_000);
  db.close();
  // Side files left by a crash, their database gone: SQLite would apply them to a new file.
  await Deno.writeTextFile(`${paths.stateDb}-wal`, "the lost database's last changes");
  await Deno.writeTextFile(`${paths.stateDb}-shm`, "");
  await Deno.remove(paths.stateDb);
  await rejects(openState(paths), /state\.db-shm, state\.db-wal/);
  const made = await newState(paths);
  deepEqual(made?.setAside.map((name) => name.replace(/\d/g, "0")), [
    "state.db-wal.old-0000-00-00-00-00-00",
    "state.db-shm.old-0000-00-00-00-00-00",
  ]);
  const fresh = await openState(paths);
  equal(getCursor(new Memory(fresh, "flowii"), "documents"), undefined);
  fresh.close();
  equal(await newState(paths), null, "a state that is there is left alone");
});
