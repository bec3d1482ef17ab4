/**
 * Reports that never mislead: what a run says it did is what happened in POHODA, also when an
 * answer was lost, and a run never starts from an empty state in silence.
 */
import { deepEqual, doesNotMatch, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Buffer } from "node:buffer";
import { listen } from "./emulators/server.ts";
import { editConfig } from "./helpers/cli.ts";
import { agendaName } from "../src/i18n/mod.ts";
import { startWorld, type World, type WorldOptions } from "./helpers/world.ts";

async function withWorld(options: WorldOptions, body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld(options);
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** The counts of the last FLOWii run, as `status --json` keeps them. */
async function lastCounts(world: World): Promise<Record<string, Record<string, number>>> {
  const status = JSON.parse((await world.spojka("status", "--json")).stdout);
  return status.lastRuns.find((run: { connector: string }) => run.connector === "flowii").counts;
}

function ledger(world: World): { key: string; confirmed_as: string; pohoda_id: string | null }[] {
  const db = new DatabaseSync(join(world.dir, "state.db"), { readOnly: true });
  try {
    return db.prepare("SELECT key, confirmed_as, pohoda_id FROM ledger ORDER BY key").all() as {
      key: string;
      confirmed_as: string;
      pohoda_id: string | null;
    }[];
  } finally {
    db.close();
  }
}

const ANSWERED_ITEM = /<rsp:responsePackItem\b[^>]*\bid="([^"]*)"[^>]*>[\s\S]*?<\/rsp:responsePackItem>/g;

/** A way to mServer that drops from its answers the items `silenced` names (POHODA still imports them). */
function silencing(mserverUrl: string, silenced: (itemId: string) => boolean) {
  return listen(async (request) => {
    const url = new URL(request.url);
    const headers = [...request.headers].filter(([name]) => /^(stw-|content-type)/i.test(name));
    const answer = await fetch(mserverUrl + url.pathname + url.search, {
      method: request.method,
      headers,
      body: request.method === "POST" ? await request.arrayBuffer() : undefined,
    });
    // Byte for byte, so the windows-1250 answer stays as POHODA wrote it.
    const text = Buffer.from(await answer.arrayBuffer()).toString("latin1")
      .replace(ANSWERED_ITEM, (item, id) => silenced(id) ? "" : item);
    return new Response(Buffer.from(text, "latin1"), {
      status: answer.status,
      headers: { "content-type": answer.headers.get("content-type") ?? "text/xml" },
    });
  });
}

Deno.test("items POHODA's answer leaves out are looked up: found ones count as imported, the rest go again", async () => {
  await withWorld({ flowii: { dataset: { seed: 23, partners: 5, documents: 12 } } }, async (world) => {
    const [imported, refused] = world.flowii.dataset.documents.filter((d) => d.number).slice(0, 2);
    const proxy = silencing(
      world.mserver.url,
      (id) => [imported, refused].some((d) => id.includes(d.number)),
    );
    try {
      await editConfig(world.dir, (config) => config.pohoda.url = `${proxy.url}/xml`);
      world.mserver.faults.rejectItem = (item) => item.number === refused.number ? "Chyba 1." : undefined;
      const first = await world.spojka("sync");
      equal(first.code, 1, "exit 1: an item waits for the next run");
      match(
        first.stdout,
        /imported 16, updated 0, already present 0, with warnings 0, failed 0, no answer 1/,
      );
      doesNotMatch(first.stderr, /not imported/);
      doesNotMatch(first.stderr, new RegExp(imported.number));
      match(
        first.stderr,
        new RegExp(
          `${refused.number}\\b.*: no answer from POHODA, will be checked: .*POHODA has no ${refused.number} in ` +
            agendaName(refused.type),
        ),
      );
      const status = JSON.parse((await world.spojka("status", "--json")).stdout);
      deepEqual([status.outbox.pending, status.outbox.failed], [1, 0]);
      const row = ledger(world).find((r) => r.key.includes(imported.number));
      equal(row?.confirmed_as, "imported");
      ok(row?.pohoda_id, "with POHODA's id from the lookup");

      world.mserver.faults.rejectItem = undefined;
      const second = await world.spojka("sync");
      equal(second.code, 0, second.stderr);
      equal(world.mserver.pohoda.invoices.length, 12);
      equal(new Set(world.mserver.pohoda.invoices.map((i) => `${i.invoiceType} ${i.number}`)).size, 12);
    } finally {
      await proxy.close();
    }
  });
});

Deno.test("a pack sent again after its answer was lost counts this run's imports as imported, not already present", async () => {
  // The export's history ends an hour ago, so the second run fetches only the documents added then.
  let clock = Date.now() - 3_600_000;
  await withWorld(
    { flowii: { dataset: { seed: 21, partners: 5, documents: 10 }, now: () => clock } },
    async (world) => {
      equal((await world.spojka("sync")).code, 0);
      clock = Date.now();
      const added = world.flowii.addDocuments(3);
      world.mserver.faults.dropResponse = 1;
      const second = await world.spojka("sync");
      equal(second.code, 0, second.stderr);
      const posts = world.mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml").slice(-2);
      deepEqual(
        posts.map((r) => Boolean(r.dropped)),
        [true, false],
        "the answer was lost, the pack sent again",
      );
      equal(world.mserver.pohoda.invoices.length, 13, "each document imported once");
      match(second.stdout, /fetched 3, imported 3, updated 0, already present 0, with warnings 0, failed 0/);
      const counts = Object.values(await lastCounts(world));
      equal(counts.reduce((sum, c) => sum + (c.already_present ?? 0), 0), 0);
      const byKey = new Map(ledger(world).map((row) => [row.key, row]));
      for (const document of added) {
        const row = [...byKey.values()].find((r) => r.key.includes(document.number));
        equal(row?.confirmed_as, "imported", `${document.number} in the ledger`);
        ok(row?.pohoda_id, `${document.number} has POHODA's id`);
      }
    },
  );
});

Deno.test("documents POHODA had before the run stay already present, also in a pack sent again", async () => {
  let clock = Date.now() - 3_600_000;
  await withWorld(
    { flowii: { dataset: { seed: 22, partners: 5, documents: 10 }, now: () => clock } },
    async (world) => {
      equal((await world.spojka("sync")).code, 0);
      clock = Date.now();
      // Edited in FLOWii, so exported again: POHODA has them from the first run.
      for (const document of world.flowii.dataset.documents.slice(0, 2)) world.flowii.touch(document.id);
      world.flowii.addDocuments(2);
      world.mserver.faults.dropResponse = 1;
      const again = await world.spojka("sync");
      equal(again.code, 0, again.stderr);
      ok(world.mserver.requests.some((r) => r.dropped), "the answer was lost");
      match(again.stdout, /fetched 4, imported 2, updated 0, already present 2, with warnings 0, failed 0/);
    },
  );
});

Deno.test("a state.db gone beside its backup stops sync with exit 2 until reset --new-state, and nothing doubles", async () => {
  await withWorld({ flowii: { dataset: { seed: 24, partners: 4, documents: 8 } } }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const stateDb = join(world.dir, "state.db");
    const asked = world.flowii.requests.length;
    await Deno.rename(stateDb, `${stateDb}.bak`);
    const refused = await world.spojka("sync");
    equal(refused.code, 2);
    match(refused.stderr, /state\.db is missing, but an earlier state left state\.db\.bak/);
    match(refused.stderr, /put it back as .*state\.db.*spojka reset --new-state/s);
    equal(world.flowii.requests.length, asked, "nothing was fetched");
    match((await world.spojka("status")).stdout, /state cannot be read: .*state\.db is missing/);

    const fresh = await world.spojka("reset", "--new-state");
    equal(fresh.code, 0, fresh.stderr);
    match(fresh.stdout, /Started a new, empty state/);
    const again = await world.spojka("sync");
    equal(again.code, 0, again.stderr);
    match(again.stdout, /imported 0, updated 4, already present 8/);
    equal(world.mserver.pohoda.invoices.length, 8);
  });
});
