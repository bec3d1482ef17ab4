import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { NS } from "../pohoda/namespaces.ts";
import { StateDb } from "../state/db.ts";
import { confirmInLedger, Ledger } from "./ledger.ts";

async function tempDb(): Promise<StateDb> {
  return StateDb.open(join(await Deno.makeTempDir(), "state.db"));
}

function invoice(number: string, total: string, date: string): string {
  return `<inv:invoice xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}" version="2.0"><inv:invoiceHeader>` +
    `<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:number><typ:numberRequested checkDuplicity="true">` +
    `${number}</typ:numberRequested></inv:number><inv:date>${date}</inv:date><inv:partnerIdentity><typ:address>` +
    `<typ:company>Firma s.r.o.</typ:company><typ:ico>12345679</typ:ico></typ:address></inv:partnerIdentity>` +
    `</inv:invoiceHeader><inv:invoiceSummary><inv:homeCurrency><typ:priceHighSum>${total}</typ:priceHighSum>` +
    `</inv:homeCurrency></inv:invoiceSummary></inv:invoice>`;
}

function partner(filter: string): string {
  return `<adb:addressbook xmlns:adb="${NS.adb}" xmlns:ftr="${NS.ftr}" xmlns:typ="${NS.typ}" version="2.0">` +
    `<adb:actionType><adb:update add="true"><ftr:filter>${filter}</ftr:filter></adb:update></adb:actionType>` +
    `<adb:addressbookHeader><adb:identity><typ:address><typ:name>Jan Novák</typ:name><typ:ico>12345679</typ:ico>` +
    `</typ:address></adb:identity></adb:addressbookHeader></adb:addressbook>`;
}

const doc = (number: string, total: string, date = "2026-03-10") => ({
  key: `issuedInvoice/${number}`,
  itemId: `FLW-issuedInvoice-${number}`,
  agenda: "issuedInvoice",
  label: `${number} (Firma s.r.o.)`,
  payload: invoice(number, total, date),
});

Deno.test("one row per item: a document's facts from its payload, a newer confirmation replacing the older", async () => {
  const db = await tempDb();
  const day1 = new Date("2026-03-10T08:00:00Z");
  const day2 = new Date("2026-03-12T08:00:00Z");
  db.transaction(() => {
    confirmInLedger(db, "flowii", doc("2026100001", "1210"), "imported", "41", day1);
    confirmInLedger(db, "flowii", doc("2026100002", "500", "2026-02-01"), "imported", "42", day1);
    confirmInLedger(db, "flowii", doc("2026100001", "1210"), "already_present", "41", day2);
  });
  const ledger = new Ledger(db, "flowii");
  deepEqual([...ledger.documents("issuedInvoice")].map((d) => [d.facts, d.confirmedAs]), [
    [{
      agenda: "issuedInvoice",
      number: "2026100002",
      partnerIco: "12345679",
      totalCents: 50000,
      date: "2026-02-01",
      id: "42",
    }, "imported"],
    [{
      agenda: "issuedInvoice",
      number: "2026100001",
      partnerIco: "12345679",
      totalCents: 121000,
      date: "2026-03-10",
      id: "41",
    }, "already_present"],
  ]);
  deepEqual(ledger.documentAgendas(), [{ agenda: "issuedInvoice", count: 2, earliestDate: "2026-02-01" }]);
  // --since selects by the time of the confirmation, not the document date.
  deepEqual([...ledger.documents("issuedInvoice", new Date("2026-03-11"))].map((d) => d.facts.number), [
    "2026100001",
  ]);
  deepEqual(ledger.documentAgendas(new Date("2026-03-11")), [{
    agenda: "issuedInvoice",
    count: 1,
    earliestDate: "2026-03-10",
  }]);
  equal(ledger.firstConfirmation(), day1.toISOString());
  db.close();
});

Deno.test("a partner is kept with the identity its upsert filters by; other connectors' rows stay apart", async () => {
  const db = await tempDb();
  const now = new Date("2026-03-10T08:00:00Z");
  const base = { agenda: "addressbook", label: "Jan Novák (IČO 12345679)" };
  confirmInLedger(
    db,
    "flowii",
    {
      ...base,
      key: "addressbook/ext/FLOWii/P-1",
      itemId: "FLW-P-ext-FLOWii-P-1",
      payload: partner(
        `<ftr:extId><typ:ids>P-1</typ:ids><typ:exSystemName>FLOWii</typ:exSystemName></ftr:extId>`,
      ),
    },
    "imported",
    "7",
    now,
  );
  confirmInLedger(
    db,
    "flowii",
    {
      ...base,
      key: "addressbook/ico/12345679",
      itemId: "FLW-P-ico-12345679",
      payload: partner(`<ftr:ico>12345679</ftr:ico>`),
    },
    "imported",
    undefined,
    now,
  );
  confirmInLedger(
    db,
    "other",
    { ...base, key: "x", itemId: "x", payload: "not xml" },
    "imported",
    undefined,
    now,
  );
  const ledger = new Ledger(db, "flowii");
  deepEqual([...ledger.partners()].map((p) => [p.key, p.identity, p.pohodaId]), [
    ["addressbook/ext/FLOWii/P-1", { extId: { ids: "P-1", system: "FLOWii" } }, "7"],
    ["addressbook/ico/12345679", { ico: "12345679" }, undefined],
  ]);
  deepEqual(ledger.partnerSystems(), ["FLOWii"]);
  equal(ledger.partnerCount(), 2);
  deepEqual(ledger.documentAgendas(), []);
  // A payload without facts still has its row: the item was confirmed.
  deepEqual([...new Ledger(db, "other").partners()].map((p) => [p.key, p.identity]), [["x", undefined]]);
  db.close();
});
