import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import type { DocumentFacts, PartnerFacts } from "../pohoda/facts.ts";
import type { DocumentQuery } from "../pohoda/list.ts";
import { NS } from "../pohoda/namespaces.ts";
import { StateDb } from "../state/db.ts";
import { confirmInLedger, Ledger } from "./ledger.ts";
import { formatVerify, verifyPohoda } from "./verify.ts";

const CONFIRMED = new Date("2026-03-10T08:00:00Z");

function invoice(type: string, number: string | undefined, total: string): string {
  const numbered = number
    ? `<inv:number><typ:numberRequested>${number}</typ:numberRequested></inv:number>`
    : "";
  return `<inv:invoice xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}" version="2.0"><inv:invoiceHeader>` +
    `<inv:invoiceType>${type}</inv:invoiceType>${numbered}<inv:date>2026-03-01</inv:date><inv:partnerIdentity>` +
    `<typ:address><typ:ico>11111111</typ:ico></typ:address></inv:partnerIdentity></inv:invoiceHeader>` +
    `<inv:invoiceSummary><inv:homeCurrency><typ:priceNone>${total}</typ:priceNone></inv:homeCurrency>` +
    `</inv:invoiceSummary></inv:invoice>`;
}

function partner(ico: string): string {
  return `<adb:addressbook xmlns:adb="${NS.adb}" xmlns:ftr="${NS.ftr}" xmlns:typ="${NS.typ}" version="2.0">` +
    `<adb:actionType><adb:update add="true"><ftr:filter><ftr:ico>${ico}</ftr:ico></ftr:filter></adb:update>` +
    `</adb:actionType></adb:addressbook>`;
}

async function ledgerWith(items: [string, string, string, string | undefined][]): Promise<Ledger> {
  const db = StateDb.open(join(await Deno.makeTempDir(), "state.db"));
  for (const [key, agenda, payload, id] of items) {
    confirmInLedger(
      db,
      "flowii",
      { key, itemId: key, agenda, label: key, payload },
      "imported",
      id,
      CONFIRMED,
    );
  }
  return new Ledger(db, "flowii");
}

/** POHODA as list answers give it; every query is remembered. */
function fakeLists(documents: DocumentFacts[], partners: PartnerFacts[]) {
  const queries: (DocumentQuery | { extSystem?: string })[] = [];
  return {
    queries,
    documents: async function* (query: DocumentQuery) {
      queries.push(query);
      // Like a POHODA that lists the type's whole agenda.
      yield* documents;
    },
    addresses: async function* (extSystem?: string) {
      queries.push({ extSystem });
      yield* partners;
    },
  };
}

Deno.test("documents are found by number (by POHODA's id without one), among POHODA's documents of their type", async () => {
  const ledger = await ledgerWith([
    ["FV1", "issuedInvoice", invoice("issuedInvoice", "FV1", "100"), "1"],
    ["FV2", "issuedInvoice", invoice("issuedInvoice", "FV2", "100"), "2"],
    ["ext", "issuedInvoice", invoice("issuedInvoice", undefined, "100"), "7"],
    ["hash", "issuedInvoice", invoice("issuedInvoice", undefined, "100"), undefined],
    ["p", "addressbook", partner("11111111"), "3"],
  ]);
  const doc = (number: string, id: string, agenda = "issuedInvoice"): DocumentFacts => ({
    agenda,
    number,
    id,
    partnerIco: "11111111",
    totalCents: 10000,
  });
  const lists = fakeLists(
    [doc("FV1", "1"), doc("FV2", "2", "issuedCreditNotice"), { ...doc("26FV00001", "7"), totalCents: 1 }],
    [{ extIds: [], ico: "11111111", id: "3" }, { extIds: [], ico: "1111 1111", id: "4" }],
  );
  const report = await verifyPohoda(ledger, lists);
  deepEqual(report.problems.map((p) => [p.kind, p.key]), [
    // POHODA's FV2 is a credit note: the invoice FV2 is not there.
    ["missing", "FV2"],
    ["mismatched", "ext"],
    ["duplicated", "p"],
  ]);
  deepEqual(report.checked, { documents: 3, partners: 1 });
  deepEqual(report.notChecked, [{ agenda: "issuedInvoice", count: 1 }]);
  deepEqual(lists.queries, [{ type: "issuedInvoice" }, { extSystem: undefined }]);
  const text = formatVerify(report);
  match(text, /Missing in POHODA \(1\):\n {2}Issued invoices FV2: not found in POHODA \(imported /);
  match(text, /Different in POHODA \(1\):\n {2}Issued invoices ext: total 100\.00 here, 0\.01 in POHODA/);
  match(text, /More than once in POHODA \(1\):\n {2}Address book p: 2 records: IČO 11111111, POHODA id 3; /);
  match(text, /1 item of Issued invoices has nothing POHODA can be searched by/);
});

Deno.test("with --since, POHODA is listed from the earliest date among the documents checked", async () => {
  const ledger = await ledgerWith([["FV1", "issuedInvoice", invoice("issuedInvoice", "FV1", "100"), "1"]]);
  const lists = fakeLists([{
    agenda: "issuedInvoice",
    number: "FV1",
    partnerIco: "11111111",
    totalCents: 10000,
  }], []);
  const report = await verifyPohoda(ledger, lists, { since: new Date("2026-03-01T00:00:00Z") });
  equal(report.ok, true);
  deepEqual(lists.queries, [{ type: "issuedInvoice", dateFrom: "2026-03-01" }]);
  match(formatVerify(report), /Everything agrees/);
  const none = await verifyPohoda(await ledgerWith([]), lists);
  match(formatVerify(none), /has not confirmed anything yet/);
});

Deno.test("orders from the ledger are listed by their type and checked by number, partner IČO and total", async () => {
  const order = (number: string) =>
    `<ord:order xmlns:ord="${NS.ord}" xmlns:typ="${NS.typ}" version="2.0"><ord:orderHeader>` +
    `<ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested>${number}</typ:numberRequested>` +
    `</ord:number><ord:date>2026-03-01</ord:date><ord:partnerIdentity><typ:address><typ:ico>11111111</typ:ico>` +
    `</typ:address></ord:partnerIdentity></ord:orderHeader><ord:orderSummary><ord:homeCurrency>` +
    `<typ:priceNone>100</typ:priceNone></ord:homeCurrency></ord:orderSummary></ord:order>`;
  const ledger = await ledgerWith([
    ["receivedOrder/OBJ1", "receivedOrder", order("OBJ1"), "1"],
    ["receivedOrder/OBJ2", "receivedOrder", order("OBJ2"), "2"],
  ]);
  const lists = fakeLists([{
    agenda: "receivedOrder",
    number: "OBJ1",
    partnerIco: "11111111",
    totalCents: 10000,
    id: "1",
  }], []);
  const report = await verifyPohoda(ledger, lists);
  deepEqual(report.problems.map((p) => [p.kind, p.agenda, p.key]), [[
    "missing",
    "receivedOrder",
    "receivedOrder/OBJ2",
  ]]);
  deepEqual(report.checked, { documents: 2, partners: 0 });
  deepEqual(lists.queries, [{ type: "receivedOrder" }]);
  match(
    formatVerify(report),
    /Missing in POHODA \(1\):\n {2}Received orders receivedOrder\/OBJ2: not found in POHODA/,
  );
});
