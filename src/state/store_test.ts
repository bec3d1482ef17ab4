import { deepEqual, equal, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import type { ConfigError } from "../core/errors.ts";
import { emptyState } from "./schema.ts";
import { loadState, saveState } from "./store.ts";

async function statePath() {
  return join(await Deno.makeTempDir({ prefix: "spojka-state-" }), "state.json");
}

Deno.test("a folder without state starts empty", async () => {
  deepEqual(await loadState(await statePath()), emptyState());
});

Deno.test("saving keeps the previous version as state.json.bak and leaves no temp file", async () => {
  const path = await statePath();
  const first = emptyState();
  first.cursors["flowii.documents"] = { epoch: 1_700_000_000, setAt: "2026-11-23T10:00:00.000Z" };
  await saveState(path, first);
  const second = structuredClone(first);
  second.cursors["flowii.documents"].epoch = 1_800_000_000;
  await saveState(path, second);
  equal((await loadState(path)).cursors["flowii.documents"].epoch, 1_800_000_000);
  equal((await loadState(`${path}.bak`)).cursors["flowii.documents"].epoch, 1_700_000_000);
  const names = [...Deno.readDirSync(join(path, ".."))].map((e) => e.name).sort();
  deepEqual(names, ["state.json", "state.json.bak"]);
});

Deno.test("a damaged state is an error that names the backup", async () => {
  const path = await statePath();
  await saveState(path, emptyState());
  await Deno.writeTextFile(path, '{"schemaVersion": 1, "cursors": {');
  await rejects(loadState(path), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /state\.json is damaged: it is not valid JSON/);
    match(e.message, /previous version is kept in .*state\.json\.bak/);
    return true;
  });
});

Deno.test("a state with a wrong shape is damaged too, with the field named", async () => {
  const path = await statePath();
  await Deno.writeTextFile(
    path,
    JSON.stringify({ ...emptyState(), cursors: { "flowii.documents": { epoch: "x" } } }),
  );
  await rejects(loadState(path), /\[cursors\.flowii\.documents\] epoch: must be a number/);
});

Deno.test("a state from a newer spojka is not touched", async () => {
  const path = await statePath();
  await Deno.writeTextFile(path, JSON.stringify({ schemaVersion: 99 }));
  await rejects(loadState(path), /written by a newer spojka \(state version 99/);
});
