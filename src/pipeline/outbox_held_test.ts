import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { StateDb } from "../state/db.ts";
import { notableOutcomes, recordOutcome } from "../state/outcomes.ts";
import { beginRun } from "../state/runs.ts";
import {
  findWaiting,
  type HeldItem,
  Outbox,
  outboxCounts,
  type OutboxItem,
  OutboxSelection,
  outboxSummary,
  waitingItems,
  waitingWithPayload,
} from "./outbox.ts";

const item = (number: string, payload = `<x n="${number}"/>`): OutboxItem => ({
  key: `flowii/issuedInvoice/${number}`,
  itemId: `FLW-issuedInvoice-${number}`,
  agenda: "issuedInvoice",
  label: `${number} (Firma)`,
  rank: 3,
  payload,
});

const held = (number: string, reason = "it is 5.0 MiB, more than [flowii] max_item_mb"): HeldItem => ({
  key: `flowii/issuedInvoice/${number}`,
  agenda: "issuedInvoice",
  label: `${number} (Firma), dataPackItem 7`,
  rank: 3,
  reason,
});

async function tempDb(): Promise<StateDb> {
  return StateDb.open(join(await Deno.makeTempDir(), "state.db"));
}

Deno.test("a held record is listed and counted apart, and never read for sending", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage([item("FV1"), held("FV2"), item("FV3")], "d1", new Date("2026-11-01T10:00:00Z"));
  deepEqual([...outbox.inOrder()].map((i) => i.key), [
    "flowii/issuedInvoice/FV1",
    "flowii/issuedInvoice/FV3",
  ]);
  deepEqual(outbox.counts(), { pending: 2, failed: 0, held: 1 });
  deepEqual(outboxCounts(db), { pending: 2, failed: 0, held: 1 });
  deepEqual(outboxSummary(db), [
    { connector: "flowii", agendas: ["issuedInvoice"], pending: 2, failed: 0, held: 1 },
  ]);
  deepEqual([...waitingItems(db, "held")].map((i) => [i.key, i.status, i.error, i.itemId]), [
    ["flowii/issuedInvoice/FV2", "held", "it is 5.0 MiB, more than [flowii] max_item_mb", ""],
  ]);
  deepEqual([...waitingItems(db, "pending")].length, 2);
  deepEqual(findWaiting(db, "FV2").items.map((i) => i.status), ["held"]);
  equal(waitingWithPayload(db, "flowii/issuedInvoice/FV2")?.payload, "", "nothing of it is kept");
  // Named by a person or as the failed ones, it is not sent either.
  const named = new OutboxSelection(db, "flowii", { keys: ["flowii/issuedInvoice/FV2"] });
  deepEqual([[...named.inOrder()], named.counts()], [[], { pending: 0, failed: 0, held: 0 }]);
  db.close();
});

Deno.test("a held note replaces the waiting version of its key, and a version that can go replaces the note", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage([item("FV1")], "d1", new Date("2026-11-01T10:00:00Z"));
  outbox.fail([...outbox.inOrder()][0], "Předkontace neexistuje", new Date());
  // Too large now: the held note replaces the failed version under the same key.
  outbox.stage([held("FV1")], "d2", new Date("2026-11-02T10:00:00Z"));
  deepEqual([[...outbox.inOrder()], outbox.counts()], [[], { pending: 0, failed: 0, held: 1 }]);
  // Exported within the limit: the item replaces the note, keeping when it was first queued.
  outbox.stage([item("FV1", "<fixed/>")], "d3", new Date("2026-11-03T10:00:00Z"));
  deepEqual(
    [...outbox.inOrder()].map((i) => [i.key, i.status, i.payload, i.error, i.queuedAt]),
    [["flowii/issuedInvoice/FV1", "pending", "<fixed/>", undefined, "2026-11-01T10:00:00.000Z"]],
  );
  deepEqual(outbox.counts(), { pending: 1, failed: 0, held: 0 });
  db.close();
});

Deno.test("one download leaving the same record out twice keeps one note, the second seen as identical", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  deepEqual(outbox.stage([held("FV1"), held("FV1")], "d1", new Date()), [
    { key: "flowii/issuedInvoice/FV1", label: "FV1 (Firma), dataPackItem 7", identical: true },
  ]);
  equal(outbox.counts().held, 1);
  db.close();
});

Deno.test("every run names each held record once: those its download left out, then the ones held before", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage([held("FV1"), held("FV2", "no number")], "d1", new Date());
  new Outbox(db, "other").stage([{ ...held("X1"), key: "other/X1" }], "d1", new Date());
  const run = beginRun(db, "flowii", new Date());
  // This run's download left FV2 out: it named it already.
  const { key, agenda, label } = held("FV2");
  recordOutcome(db, run, { key, agenda, label, outcome: "refused", detail: "no number" }, new Date());
  equal(outbox.reportHeld(run, new Date()), 2);
  deepEqual(notableOutcomes(db, run).items.map((i) => [i.key, i.outcome, i.detail]), [
    ["flowii/issuedInvoice/FV2", "refused", "no number"],
    ["flowii/issuedInvoice/FV1", "held", "it is 5.0 MiB, more than [flowii] max_item_mb"],
  ]);
  db.close();
});

Deno.test("a state of version 3 keeps its waiting items, in their order, and can then hold records", async () => {
  const path = join(await Deno.makeTempDir(), "state.db");
  const raw = new DatabaseSync(path);
  // The outbox as versions 1 to 3 defined it.
  raw.exec(`
    CREATE TABLE outbox (
      key TEXT PRIMARY KEY, connector TEXT NOT NULL, agenda TEXT NOT NULL, label TEXT NOT NULL,
      item_id TEXT NOT NULL, rank INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
      queued_at TEXT NOT NULL, last_attempt_at TEXT, error TEXT, staged_by TEXT NOT NULL, payload TEXT NOT NULL
    );
    CREATE INDEX outbox_in_order ON outbox (connector, rank);
    CREATE INDEX outbox_failed ON outbox (connector, rank) WHERE status = 'failed';
    -- The ledger as version 3 defined it (later versions add columns to it).
    CREATE TABLE ledger (
      key TEXT PRIMARY KEY, connector TEXT NOT NULL, agenda TEXT NOT NULL, item_id TEXT NOT NULL,
      label TEXT NOT NULL, number TEXT, partner_ico TEXT, ext_system TEXT, ext_ids TEXT, total_cents INTEGER,
      currency TEXT, date TEXT, pohoda_id TEXT, confirmed_at TEXT NOT NULL, confirmed_as TEXT NOT NULL
    );
    PRAGMA user_version = 3;
  `);
  const insert = raw.prepare(
    `INSERT INTO outbox (rowid, key, connector, agenda, label, item_id, rank, status, queued_at, staged_by, payload)
     VALUES (?, ?, 'flowii', 'issuedInvoice', ?, ?, 3, ?, '2026-11-01T10:00:00.000Z', 'd0', ?)`,
  );
  // Row ids are the posting order within a rank, whatever the keys.
  insert.run(7, "flowii/issuedInvoice/B", "B", "FLW-B", "failed", "<b/>");
  insert.run(9, "flowii/issuedInvoice/A", "A", "FLW-A", "pending", "<a/>");
  raw.close();
  const db = StateDb.open(path);
  const outbox = new Outbox(db, "flowii");
  deepEqual([...outbox.inOrder()].map((i) => [i.key, i.status, i.payload]), [
    ["flowii/issuedInvoice/B", "failed", "<b/>"],
    ["flowii/issuedInvoice/A", "pending", "<a/>"],
  ]);
  outbox.stage([held("C")], "d1", new Date());
  deepEqual(outbox.counts(), { pending: 1, failed: 1, held: 1 });
  db.close();
});
