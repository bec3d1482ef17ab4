import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { StateDb } from "../state/db.ts";
import { notableOutcomes } from "../state/outcomes.ts";
import { lastRuns } from "../state/runs.ts";
import {
  dropWaiting,
  findWaiting,
  Outbox,
  type OutboxItem,
  OutboxSelection,
  outboxSummary,
  waitingItems,
} from "./outbox.ts";

const item = (agenda: string, number: string, partner: string, rank = 3): OutboxItem => ({
  key: `flowii/${agenda}/${number}`,
  itemId: `FLW-${agenda}-${number}`,
  agenda,
  label: `${number} (${partner})`,
  rank,
  payload: `<x n="${number}"/>`,
});

async function tempDb(): Promise<StateDb> {
  return StateDb.open(join(await Deno.makeTempDir(), "state.db"));
}

Deno.test("an item is found by its key, item id, exact number, or a part of its label in any letter case", async () => {
  const db = await tempDb();
  new Outbox(db, "flowii").stage(
    [
      item("issuedInvoice", "FV1", "Čermák a syn"),
      item("issuedInvoice", "FV10", "Dvořák s.r.o."),
      item("issuedAdvanceInvoice", "FV1", "Čermák a syn", 1),
    ],
    "d1",
    new Date(),
  );
  const keys = (query: string, limit?: number) => {
    const found = findWaiting(db, query, limit);
    return [found.items.map((i) => i.key), found.total];
  };
  deepEqual(keys("flowii/issuedInvoice/FV1"), [["flowii/issuedInvoice/FV1"], 1]);
  deepEqual(keys("FLW-issuedInvoice-FV10"), [["flowii/issuedInvoice/FV10"], 1]);
  // An exact number wins over the labels it is a part of (FV10); two agendas may share it.
  deepEqual(keys("FV1"), [["flowii/issuedAdvanceInvoice/FV1", "flowii/issuedInvoice/FV1"], 2]);
  deepEqual(keys("DVOŘÁK"), [["flowii/issuedInvoice/FV10"], 1]);
  deepEqual(keys("čermák", 1), [["flowii/issuedAdvanceInvoice/FV1"], 2]);
  deepEqual(keys("Novák"), [[], 0]);
  db.close();
});

Deno.test("the summary counts pending and failed items per connector and agenda", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage(
    [
      item("addressbook", "12345679", "Firma", 0),
      item("issuedInvoice", "FV1", "A"),
      item("issuedInvoice", "FV2", "B"),
      item("issuedInvoice", "FV3", "C"),
    ],
    "d1",
    new Date(),
  );
  outbox.fail([...outbox.inOrder()].find((i) => i.label.startsWith("FV2"))!, "Chyba", new Date());
  deepEqual(outboxSummary(db), [
    { connector: "flowii", agendas: ["addressbook"], pending: 1, failed: 0, held: 0 },
    { connector: "flowii", agendas: ["issuedInvoice"], pending: 2, failed: 1, held: 0 },
  ]);
  deepEqual([...waitingItems(db, "failed")].map((i) => [i.key, i.error]), [[
    "flowii/issuedInvoice/FV2",
    "Chyba",
  ]]);
  db.close();
});

Deno.test("a selection posts only the named items, in posting order", async () => {
  const db = await tempDb();
  new Outbox(db, "flowii").stage(
    [
      item("issuedInvoice", "FV1", "A"),
      item("issuedInvoice", "FV2", "B"),
      item("issuedAdvanceInvoice", "ZF1", "C", 1),
    ],
    "d1",
    new Date(),
  );
  const selection = new OutboxSelection(db, "flowii", {
    keys: ["flowii/issuedInvoice/FV2", "flowii/issuedAdvanceInvoice/ZF1", "flowii/gone/X"],
  });
  deepEqual(selection.counts(), { pending: 2, failed: 0, held: 0 });
  deepEqual([...selection.inOrder()].map((i) => i.payload), ['<x n="ZF1"/>', '<x n="FV2"/>']);
  deepEqual(selection.counts(1), { pending: 1, failed: 0, held: 0 });
  db.close();
});

Deno.test("a selection of the failed items pages through them in posting order while they are settled", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  const numbers = Array.from({ length: 1300 }, (_, i) => String(i).padStart(5, "0"));
  outbox.stage(numbers.map((n, i) => item("issuedInvoice", n, "P", i % 2 ? 3 : 1)), "d1", new Date());
  db.transaction(() => {
    for (const queued of outbox.inOrder()) {
      if (Number(queued.label.slice(0, 5)) % 5 !== 0) outbox.fail(queued, "x", new Date());
    }
  });
  const failed = new OutboxSelection(db, "flowii", { failed: true });
  deepEqual(failed.counts(), { pending: 0, failed: 1040, held: 0 });
  const seen: string[] = [];
  for (const queued of failed.inOrder()) {
    seen.push(queued.label.slice(0, 5));
    // Half are confirmed and leave, half fail again and stay: none is met twice.
    if (seen.length % 2) outbox.confirm(queued);
    else outbox.fail(queued, "again", new Date());
  }
  const expected = numbers.filter((n) => Number(n) % 5 !== 0);
  const rank = (n: string) => Number(n) % 2 ? 3 : 1;
  deepEqual(seen, [...expected.filter((n) => rank(n) === 1), ...expected.filter((n) => rank(n) === 3)]);
  deepEqual(failed.counts(), { pending: 0, failed: 520, held: 0 });
  db.close();
});

Deno.test("dropping removes the version a person saw, as a run with the outcome dropped", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage([item("issuedInvoice", "FV1", "A"), item("issuedInvoice", "FV2", "B")], "d1", new Date());
  const [first, second] = [...waitingItems(db, "pending")];
  outbox.stage([item("issuedInvoice", "FV2", "B")], "d2", new Date());
  equal(dropWaiting(db, second, "dropped by user x", new Date()), false, "a newer download replaced it");
  equal(dropWaiting(db, first, "dropped by user x", new Date()), true);
  equal(dropWaiting(db, first, "dropped by user x", new Date()), false, "already gone");
  deepEqual([...waitingItems(db, "pending")].map((i) => i.key), ["flowii/issuedInvoice/FV2"]);
  const run = lastRuns(db).flowii;
  deepEqual([run.result, run.exitCode, run.counts], ["ok", 0, { issuedInvoice: { dropped: 1 } }]);
  deepEqual(notableOutcomes(db, run.id).items.map((i) => [i.key, i.outcome, i.detail]), [
    ["flowii/issuedInvoice/FV1", "dropped", "dropped by user x"],
  ]);
  db.close();
});
