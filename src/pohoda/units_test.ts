import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Outbox, type OutboxItem } from "../pipeline/outbox.ts";
import { StateDb } from "../state/db.ts";
import type { PohodaConfig } from "./config.ts";
import { documentYear, NO_YEAR, outboxYear, routeItem, unitsOf, yearsOf } from "./units.ts";

const invoice = (date: string, prefix = "inv") =>
  `<${prefix}:invoice xmlns:${prefix}="http://www.stormware.cz/schema/version_2/invoice.xsd">` +
  `<${prefix}:invoiceHeader><${prefix}:invoiceType>issuedInvoice</${prefix}:invoiceType>` +
  `<${prefix}:date>${date}</${prefix}:date><${prefix}:dateTax>2027-01-02</${prefix}:dateTax>` +
  `</${prefix}:invoiceHeader></${prefix}:invoice>`;

Deno.test("a document's year is its header's date, whatever the prefix; the tax date does not count", () => {
  equal(documentYear(invoice("2025-12-31")), 2025);
  equal(documentYear(invoice("2026-01-01", "i")), 2026);
  equal(documentYear(`<ord:order><ord:orderHeader><ord:number/><ord:date>2024-05-01</ord:date>`), 2024);
  equal(documentYear("<adb:addressbook/>"), undefined);
  equal(outboxYear({ agenda: "issuedInvoice", payload: "<inv:invoice/>" }), NO_YEAR);
});

const config = (units?: Record<string, string>) =>
  ({
    transport: "mserver",
    url: "http://127.0.0.1:444/xml",
    ico: "12345679",
    units,
  }) as unknown as PohodaConfig;

Deno.test("without [pohoda.units] one unit takes every year; with it, each unit its own", () => {
  const [only, ...none] = unitsOf(config(), 2026);
  deepEqual([yearsOf(only), none], [undefined, []]);
  const units = unitsOf(config({ "2025": "http://127.0.0.1:445/xml" }), 2026);
  deepEqual(units.map((u) => [u.year, u.config.url, yearsOf(u)]), [
    [2026, "http://127.0.0.1:444/xml", [NO_YEAR, 2026]],
    [2025, "http://127.0.0.1:445/xml", [2025]],
  ]);
});

Deno.test("a partner waits once per unit under a key of its own; a document once, with its year", () => {
  const units = unitsOf(config({ "2025": "http://127.0.0.1:445/xml" }), 2026);
  const partner: OutboxItem = {
    key: "flowii/addressbook/ico/1",
    itemId: "P",
    agenda: "addressbook",
    label: "F",
    rank: 0,
    payload: "",
  };
  deepEqual(routeItem(partner, units).map((i) => [i.key, i.year]), [
    ["flowii/addressbook/ico/1@2026", 2026],
    ["flowii/addressbook/ico/1@2025", 2025],
  ]);
  deepEqual(routeItem(partner, undefined).map((i) => [i.key, i.year]), [[
    "flowii/addressbook/ico/1",
    NO_YEAR,
  ]]);
  const document = {
    ...partner,
    key: "flowii/issuedInvoice/1",
    agenda: "issuedInvoice",
    payload: invoice("2025-12-31"),
  };
  deepEqual(routeItem(document, units).map((i) => [i.key, i.year]), [["flowii/issuedInvoice/1", 2025]]);
});

Deno.test("a state of version 4 gets the year column; its waiting documents get their year when first routed", async () => {
  const path = join(await Deno.makeTempDir(), "state.db");
  const raw = new DatabaseSync(path);
  raw.exec(`
    CREATE TABLE outbox (
      key TEXT PRIMARY KEY, connector TEXT NOT NULL, agenda TEXT NOT NULL, label TEXT NOT NULL,
      item_id TEXT NOT NULL, rank INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'held')), attempts INTEGER NOT NULL DEFAULT 0,
      queued_at TEXT NOT NULL, last_attempt_at TEXT, error TEXT, staged_by TEXT NOT NULL, payload TEXT NOT NULL
    );
    CREATE TABLE ledger (
      key TEXT PRIMARY KEY, connector TEXT NOT NULL, agenda TEXT NOT NULL, item_id TEXT NOT NULL,
      label TEXT NOT NULL, number TEXT, partner_ico TEXT, ext_system TEXT, ext_ids TEXT, total_cents INTEGER,
      currency TEXT, date TEXT, pohoda_id TEXT, confirmed_at TEXT NOT NULL, confirmed_as TEXT NOT NULL
    );
    PRAGMA user_version = 4;
  `);
  const insert = raw.prepare(
    `INSERT INTO outbox (key, connector, agenda, label, item_id, rank, status, queued_at, staged_by, payload)
     VALUES (?, 'flowii', ?, ?, ?, 3, 'pending', '2026-01-05T10:00:00.000Z', 'd0', ?)`,
  );
  insert.run("flowii/issuedInvoice/A", "issuedInvoice", "A", "FLW-A", invoice("2025-12-31"));
  insert.run("flowii/issuedInvoice/B", "issuedInvoice", "B", "FLW-B", invoice("2026-01-02"));
  insert.run("flowii/addressbook/ico/1", "addressbook", "F", "FLW-P", "<adb:addressbook/>");
  raw.close();
  const db = StateDb.open(path);
  try {
    equal(db.version, 5);
    const outbox = new Outbox(db, "flowii");
    outbox.routeUnrouted(outboxYear);
    deepEqual([...new Outbox(db, "flowii", [2025]).inOrder()].map((i) => i.key), ["flowii/issuedInvoice/A"]);
    deepEqual([...new Outbox(db, "flowii", [NO_YEAR, 2026]).inOrder()].map((i) => i.key).sort(), [
      "flowii/addressbook/ico/1",
      "flowii/issuedInvoice/B",
    ]);
    deepEqual([...outbox.waitingByYear([NO_YEAR, 2026])], [[2025, 1]]);
  } finally {
    db.close();
  }
});
