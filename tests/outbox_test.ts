/**
 * `spojka outbox` end to end: the real CLI as a subprocess, against the FLOWii and mServer emulators
 * where items are posted, and against a filled state where only the listing is under test.
 */
import { agendaName } from "../src/i18n/mod.ts";
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { dataPaths } from "../src/core/datadir.ts";
import { StateDb } from "../src/state/db.ts";
import { acquireLock } from "../src/state/lock.ts";
import { Outbox } from "../src/pipeline/outbox.ts";
import { postingRank } from "../src/pohoda/post.ts";
import type { IssuedDocument } from "./emulators/flowii/records.ts";
import { runCli, tempDataDir } from "./helpers/cli.ts";
import { startWorld, type World } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };

async function withWorld(body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld({ flowii: small });
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** POHODA refuses `documents` with the reasons given, and takes everything else. */
function reject(world: World, reasons: Map<IssuedDocument, string>): void {
  world.mserver.faults.rejectItem = (item) =>
    [...reasons].find(([document]) => document.number === item.number)?.[1];
}

/** How often POHODA holds `document`. */
function timesInPohoda(world: World, document: IssuedDocument): number {
  return world.mserver.pohoda.invoices.filter((i) =>
    i.invoiceType === document.type && i.number === document.number
  )
    .length;
}

interface Listed {
  pending: number;
  failed: number;
  items: { key: string; label: string; status: string; attempts: number; error?: string }[];
  more: number;
}

async function listed(world: World, ...options: string[]): Promise<Listed> {
  const result = await world.spojka("outbox", "list", "--json", ...options);
  equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

Deno.test("a rejected document is listed with POHODA's reason, shown with its XML, and retried into POHODA once", async () => {
  await withWorld(async (world) => {
    const [victim, other] = [world.flowii.dataset.documents[3], world.flowii.dataset.documents[7]];
    reject(
      world,
      new Map([[victim, "Předkontace 3Fv neexistuje."], [other, "Členění DPH UDA5 neexistuje."]]),
    );
    equal((await world.spojka("sync")).code, 1);

    const list = await world.spojka("outbox");
    equal(list.code, 0, list.stderr);
    match(list.stdout, /Outbox: 0 pending, 2 failed/);
    match(
      list.stdout,
      new RegExp(
        `${
          agendaName(victim.type)
        } ${victim.number} \\(.*\\): 1 attempt, [^\\n]*\\n +reason: Předkontace 3Fv neexistuje`,
      ),
    );
    match(
      list.stdout,
      new RegExp(`${agendaName(other.type)} ${other.number} .*\\n +reason: Členění DPH UDA5 neexistuje`),
    );
    const failed = await listed(world, "--failed");
    deepEqual(failed.items.map((i) => [i.status, i.attempts]), [["failed", 1], ["failed", 1]]);

    const shown = await world.spojka("outbox", "show", victim.number);
    equal(shown.code, 0, shown.stderr);
    match(shown.stdout, /reason: +Předkontace 3Fv neexistuje/);
    match(
      shown.stdout,
      new RegExp(`<typ:numberRequested checkDuplicity="true">${victim.number}</typ:numberRequested>`),
    );
    // The partner's name, in other letter case, names the same item (Š, Ř … included).
    const partner = failed.items.find((i) => i.label.startsWith(victim.number))!.label.match(/\((.*)\)/)![1];
    const byName = await world.spojka("outbox", "show", partner.toLocaleUpperCase("cs"), "--json");
    equal(byName.code, 0, byName.stderr);
    equal(JSON.parse(byName.stdout).key, failed.items.find((i) => i.label.startsWith(victim.number))!.key);
    const common = victim.number.slice(0, 6);
    ok(other.number.startsWith(common));
    const ambiguous = await world.spojka("outbox", "show", common);
    equal(ambiguous.code, 2, "ambiguous: a usage error");
    match(ambiguous.stderr, new RegExp(`"${common}" matches 2 waiting items`));
    for (const item of failed.items) {
      ok(ambiguous.stderr.includes(item.key), `${item.key} among the candidates`);
    }

    world.mserver.faults.packError = "Uživatel není oprávnen importovat XML soubory.";
    const refused = await world.spojka("outbox", "retry", victim.number);
    equal(refused.code, 4, "exit 4, as a sync POHODA refuses whole");
    equal((await listed(world)).failed, 2, "both still wait");
    world.mserver.faults.packError = undefined;

    reject(world, new Map([[other, "Členění DPH UDA5 neexistuje."]]));
    const retried = await world.spojka("outbox", "retry", victim.number);
    equal(retried.code, 0, retried.stderr);
    match(
      retried.stdout,
      new RegExp(`imported: ${agendaName(victim.type)} ${victim.number} .*It has left the outbox`),
    );
    equal(timesInPohoda(world, victim), 1);
    const posts = world.mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml");
    equal(posts.at(-1)!.itemIds!.length, 1, "only the named item was sent");
    deepEqual((await listed(world)).items.map((i) => i.label.split(" ")[0]), [other.number]);

    const again = await world.spojka("outbox", "retry", other.number);
    equal(again.code, 1, "exit 1, as a sync with a failed item");
    match(
      again.stdout,
      new RegExp(`failed: ${agendaName(other.type)} ${other.number} .*Členění DPH UDA5.*stays in the outbox`),
    );
    deepEqual((await listed(world)).items.map((i) => i.attempts), [2]);
    equal(timesInPohoda(world, other), 0);
  });
});

Deno.test("a dropped document leaves the outbox, is named in the log and status, and returns only when FLOWii exports it again", async () => {
  await withWorld(async (world) => {
    const victim = world.flowii.dataset.documents[7];
    reject(world, new Map([[victim, "Členění DPH UDA5 neexistuje."]]));
    equal((await world.spojka("sync")).code, 1);

    const unconfirmed = await world.spojka("outbox", "drop", victim.number);
    equal(unconfirmed.code, 2, "no terminal and no --yes: refused");
    match(unconfirmed.stderr, /needs a confirmation, and there is no terminal.*\n.*--yes/);
    match(unconfirmed.stderr, /not be imported unless FLOWii exports it again/);
    equal((await listed(world)).failed, 1, "still waiting");

    const dropped = await runCli(["--dir", world.dir, "outbox", "drop", victim.number, "--yes"], {
      env: { USER: "ucetni" },
    });
    equal(dropped.code, 0, dropped.stderr);
    deepEqual((await listed(world)).items, []);
    const log = await Deno.readTextFile(join(world.dir, "log.txt"));
    match(
      log,
      new RegExp(
        `INFO +Dropped ${agendaName(victim.type)} ${victim.number} .* at the request of user ucetni`,
      ),
    );
    const status = await world.spojka("status");
    match(
      status.stdout,
      new RegExp(
        `dropped: ${agendaName(victim.type)} ${victim.number} .*: dropped from the outbox by user ucetni; ` +
          "the last reason was: Členění DPH UDA5 neexistuje",
      ),
    );

    world.mserver.faults.rejectItem = undefined;
    equal((await world.spojka("sync")).code, 0);
    equal(timesInPohoda(world, victim), 0, "a dropped document is not imported later");
    world.flowii.touch(victim.id);
    equal((await world.spojka("sync")).code, 0);
    equal(timesInPohoda(world, victim), 1, "exported again, it is imported");
  });
});

Deno.test("the list is bounded: counts per agenda and the first 20, failed first; --all and --failed list more", async () => {
  const dir = await tempDataDir();
  const db = StateDb.open(join(dir, "state.db"));
  const outbox = new Outbox(db, "flowii");
  const agendas = ["issuedInvoice", "issuedAdvanceInvoice", "addressbook"];
  outbox.stage(
    Array.from({ length: 1000 }, (_, i) => {
      const agenda = agendas[i % 3];
      const label = `${String(i).padStart(4, "0")} (Firma ${i})`;
      return {
        key: `flowii/${agenda}/${i}`,
        itemId: `FLW-${i}`,
        agenda,
        label,
        rank: postingRank(agenda),
        payload: "<x/>",
      };
    }),
    "d1",
    new Date(),
  );
  db.transaction(() => {
    for (const item of outbox.inOrder().filter((i) => i.agenda === "issuedInvoice").take(30)) {
      outbox.fail(item, `Chyba ${item.label}`, new Date());
    }
  });
  db.close();
  const outboxCli = async (...args: string[]) => {
    const result = await runCli(["--dir", dir, "outbox", ...args]);
    equal(result.code, 0, result.stderr);
    return result.stdout;
  };

  const text = await outboxCli();
  match(text, /Outbox: 970 pending, 30 failed/);
  match(
    text,
    /flowii Address book: 333 pending, 0 failed\n +flowii Issued advance invoices: 333 pending, 0 failed\n +flowii Issued invoices: 304 pending, 30 failed/,
  );
  equal(text.match(/^ {2}Issued invoices \d{4} \(Firma \d+\): /gm)?.length, 20);
  match(text, /Failed \(.*\):\n +Issued invoices 0000 \(Firma 0\): 1 attempt/);
  ok(!text.includes("Pending ("), "20 failed items come first");
  match(text, /… and 980 more: spojka outbox list --all/);

  const all = JSON.parse(await outboxCli("list", "--all", "--json"));
  equal(all.items.length, 1000);
  equal(all.more, 0);
  deepEqual(all.items.slice(0, 31).map((i: { status: string }) => i.status), [
    ...Array(30).fill("failed"),
    "pending",
  ]);
  // Pending in posting order: partners, then advances, then invoices.
  deepEqual(
    [...new Set(all.items.slice(30).map((i: { agenda: string }) => i.agenda))],
    ["addressbook", "issuedAdvanceInvoice", "issuedInvoice"],
  );
  const failedOnly = JSON.parse(await outboxCli("list", "--failed", "--json"));
  deepEqual([failedOnly.items.length, failedOnly.more], [20, 10]);
  match(
    await outboxCli("list", "--failed", "--all"),
    /Issued invoices 0087 \(Firma 87\): 1 attempt.*\n +reason: Chyba 0087/,
  );
});

Deno.test("while a sync holds the lock the outbox can be read, and drop waits its turn with exit 3", async () => {
  const dir = await tempDataDir();
  const db = StateDb.open(join(dir, "state.db"));
  new Outbox(db, "flowii").stage(
    [{
      key: "flowii/issuedInvoice/FV1",
      itemId: "FLW-1",
      agenda: "issuedInvoice",
      label: "FV1 (A)",
      rank: 3,
      payload: "<x/>",
    }],
    "d1",
    new Date(),
  );
  db.close();
  const lock = await acquireLock(dataPaths(dir), "sync");
  try {
    const list = await runCli(["--dir", dir, "outbox"]);
    equal(list.code, 0, list.stderr);
    match(list.stdout, /Issued invoices FV1 \(A\): not sent yet/);
    equal((await runCli(["--dir", dir, "outbox", "show", "FV1"])).code, 0);
    const drop = await runCli(["--dir", dir, "outbox", "drop", "FV1", "--yes"]);
    equal(drop.code, 3);
    match(drop.stderr, /Another spojka run is working/);
  } finally {
    await lock.release();
  }
  match(
    (await runCli(["--dir", dir, "outbox"])).stdout,
    /Outbox: 1 pending, 0 failed/,
    "nothing was dropped",
  );
});
