import { deepEqual, equal, rejects } from "node:assert/strict";
import { join } from "node:path";
import { StateDb } from "../../src/state/db.ts";
import { Crash, CrashSwitch } from "./crash.ts";

/** A run that writes the numbers 1…3, one transaction each, then fetches `url`. */
async function writeThree(path: string, url?: string): Promise<void> {
  const db = StateDb.open(path);
  try {
    for (const n of [1, 2, 3]) {
      db.transaction(() => db.statement("INSERT INTO memory VALUES ('t', ?, 'v', 'now')").run(String(n)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (url) await fetch(url).then((r) => r.body?.cancel());
  } finally {
    db.close();
  }
}

function written(path: string): string[] {
  const db = StateDb.open(path);
  try {
    return (db.statement("SELECT key FROM memory ORDER BY key").all() as { key: string }[]).map((r) => r.key);
  } finally {
    db.close();
  }
}

Deno.test("a run dies at its k-th state write, before it begins or after it commits; the disk keeps what was committed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const [when, kept] of [["before", ["1"]], ["after", ["1", "2"]]] as const) {
      const path = join(dir, `${when}.db`);
      deepEqual(written(path), [], "a new state, migrated before the run (a migration is a write too)");
      let died = 0;
      const life = new CrashSwitch({ write: 2, when }, () => died++);
      await rejects(life.run(() => writeThree(path)), Crash);
      equal(died, 1, "onDeath ran once");
      equal(life.dead, `${when} state write 2`);
      deepEqual(written(path), kept);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a dead run sends nothing more, while a run beside it goes on undisturbed", async () => {
  const dir = await Deno.makeTempDir();
  let served = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    served++;
    return new Response("ok");
  });
  const url = `http://127.0.0.1:${server.addr.port}/`;
  try {
    const dying = new CrashSwitch(undefined, () => {});
    const living = new CrashSwitch(undefined, () => {});
    const dead = dying.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await fetch(url);
    });
    dying.kill("at once");
    await rejects(dead, /simulated crash at once: the process is gone/);
    await living.run(() => writeThree(join(dir, "living.db"), url));
    deepEqual(written(join(dir, "living.db")), ["1", "2", "3"]);
    equal(served, 1, "only the living run's request arrived");
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
