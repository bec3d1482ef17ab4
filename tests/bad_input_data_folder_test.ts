/**
 * A damaged data folder, end to end through the CLI: rows of docs/bad-input.md that no other test
 * covered. A damaged config.toml, spojka.key or state.db stops the run before anything is fetched,
 * with the file named and the way out, under its documented exit code; the files stay as they were.
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { startWorld, type World } from "./helpers/world.ts";

const tiny = { dataset: { seed: 7, partners: 3, documents: 6 } };

async function withWorld(body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld({ flowii: tiny });
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** `spojka sync` stops with `code` and `message`, having asked FLOWii nothing. */
async function stopsBeforeFetching(world: World, code: number, message: RegExp): Promise<void> {
  const asked = world.flowii.requests.length;
  const result = await world.spojka("sync");
  equal(result.code, code, result.stderr);
  match(result.stderr, message);
  ok(!/bug/i.test(result.stderr), result.stderr);
  equal(world.flowii.requests.length, asked, "nothing was fetched");
}

Deno.test("a damaged config.toml exits 2 naming the key or the line: unknown key, wrong type, TOML syntax", async () => {
  const cases: [string, (toml: string) => string, RegExp][] = [
    [
      "unknown key",
      (toml) => toml.replace("[pohoda]", "[pohoda]\nbatch_sise = 20"),
      /config\.toml has an error:\n {2}unknown key "batch_sise" in \[pohoda\]: did you mean "batch_size"\?/,
    ],
    [
      "wrong type",
      (toml) => toml.replace(/^batch_size = \d+$/m, 'batch_size = "dvadsať"'),
      /config\.toml has an error:\n {2}\[pohoda\] batch_size: must be a number without quotes, not the text "dvadsať"/,
    ],
    [
      "TOML syntax",
      (toml) => toml.replace("[pohoda]", "[pohoda"),
      /config\.toml is not valid TOML \(line \d+, column \d+\): .*\nFix the line; spojka help config shows every key as it should look/,
    ],
  ];
  await withWorld(async (world) => {
    const path = join(world.dir, "config.toml");
    const good = await Deno.readTextFile(path);
    for (const [what, edit, message] of cases) {
      await Deno.writeTextFile(path, edit(good));
      await stopsBeforeFetching(world, 2, message);
      const status = await world.spojka("status");
      equal(status.code, 2, what);
      match(status.stdout, /Configuration:\n {2}cannot be read: /);
    }
    await Deno.writeTextFile(path, good);
    equal((await world.spojka("sync")).code, 0);
  });
});

Deno.test("a missing or damaged spojka.key exits 2 saying how to restore it or enter the passwords again", async () => {
  await withWorld(async (world) => {
    const key = join(world.dir, "spojka.key");
    const good = await Deno.readFile(key);
    await Deno.remove(key);
    await stopsBeforeFetching(
      world,
      2,
      /The key file .*spojka\.key is missing, so the passwords in .*config\.toml cannot be read\.\nCopy spojka\.key from the folder where spojka init was run, or run spojka init/,
    );
    await Deno.writeTextFile(key, "not a key");
    await stopsBeforeFetching(
      world,
      2,
      /The key file .*spojka\.key is damaged\.\nRestore it from a backup, or delete it and run spojka init/,
    );
    // A well-formed key, but not the one the secrets were sealed with.
    const other = new TextEncoder().encode(
      btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
    );
    await Deno.writeFile(key, other);
    await stopsBeforeFetching(
      world,
      2,
      /\[flowii\] password in config\.toml cannot be decrypted: it was edited by hand, damaged, or encrypted with another key file\.\nRun spojka init/,
    );
    await Deno.writeFile(key, good);
    equal((await world.spojka("sync")).code, 0);
  });
});

Deno.test("a state.db another program holds exits 3 naming it; the run goes through once it is let go", async () => {
  await withWorld(async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const holder = new DatabaseSync(join(world.dir, "state.db"));
    try {
      holder.exec("BEGIN EXCLUSIVE");
      // SQLite waits its busy timeout (10 s) for the holder first.
      await stopsBeforeFetching(
        world,
        3,
        /Another program holds spojka's state database in .* \(database is locked\)\.\nClose the program that has state\.db open/,
      );
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    world.flowii.addDocuments(1);
    equal((await world.spojka("sync")).code, 0);
    equal(world.mserver.pohoda.invoices.length, 7);
  });
});

Deno.test("a damaged state.db stops sync and status with the way out: exit 2 for its header, 6 for its pages", async () => {
  await withWorld(async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const path = join(world.dir, "state.db");
    const good = await Deno.readFile(path);

    // Pages of rows overwritten, as a failing disk leaves them.
    const pages = good.slice();
    pages.fill(0xa5, 8192);
    await Deno.writeFile(path, pages);
    await stopsBeforeFetching(
      world,
      6,
      /spojka's state database in .* is damaged \(state\.db: database disk image is malformed\)\.\nCheck the disk \(on Windows: chkdsk\)\. Then move state\.db aside and run spojka reset --new-state/,
    );
    equal((await world.spojka("status")).code, 6);

    // The header overwritten: not a database any more.
    const header = good.slice();
    header.fill(0x41, 0, 100);
    await Deno.writeFile(path, header);
    await stopsBeforeFetching(
      world,
      2,
      /state\.db cannot be read as spojka's state \(file is not a database\)\.\nIf the disk or the file is damaged, move .*state\.db away and run spojka reset --new-state/,
    );
    const status = await world.spojka("status");
    equal(status.code, 2);
    match(status.stdout, /state cannot be read: .*file is not a database/);
  });
});
