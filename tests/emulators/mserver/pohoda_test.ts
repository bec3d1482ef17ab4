import { deepEqual, equal } from "node:assert/strict";
import { PohodaDb } from "./pohoda.ts";

function db(): PohodaDb {
  return new PohodaDb({ ico: "12345678", name: "Test s.r.o.", year: 2025, key: "k" });
}

const flowii = (ids: string) => ({ ids, exSystemName: "FLOWii" });

Deno.test("address-book lookups by id, extId and IČO follow creation, update and deletion", () => {
  const pohoda = db();
  const a = pohoda.createAddress({ extIds: [flowii("1")], address: { ico: "25596641" }, header: {} });
  const b = pohoda.createAddress({ extIds: [flowii("2")], address: { company: "Bez IČO" }, header: {} });
  equal(pohoda.address(b.id), b);
  deepEqual(pohoda.addressesWithExtId(flowii("1")), [a]);
  deepEqual(pohoda.addressesWithExtId({ ids: "1", exSystemName: "jiný" }), []);
  deepEqual(pohoda.addressesWithIco("25596641"), [a]);

  // The importer changes records in place, then re-indexes them.
  b.extIds[0] = flowii("3");
  b.address.ico = "25596641";
  pohoda.reindexAddress(b);
  deepEqual(pohoda.addressesWithExtId(flowii("2")), []);
  deepEqual(pohoda.addressesWithExtId(flowii("3")), [b]);
  deepEqual(pohoda.addressesWithIco("25596641"), [a, b], "in creation order");

  pohoda.deleteAddress(a.id);
  equal(pohoda.address(a.id), undefined);
  deepEqual(pohoda.addressesWithIco("25596641"), [b]);
  deepEqual(pohoda.addressBook, [b]);
});

Deno.test("document numbers and ids are found per agenda", () => {
  const pohoda = db();
  const invoice = pohoda.addInvoice({
    agenda: "vydane_faktury",
    invoiceType: "issuedInvoice",
    number: "2025100001",
    date: "2025-03-01",
    text: "x",
    symVar: "2025100001",
    header: {},
    partner: { address: {}, extIds: [] },
    itemCount: 0,
    itemTexts: [],
    totals: { base: 0, vat: 0, total: 0 },
    links: [],
    created: "2025-03-01",
    dataPackId: "P",
    dataPackItemId: "I",
  });
  equal(pohoda.invoice(invoice.id), invoice);
  equal(pohoda.numberTaken("vydane_faktury", "2025100001"), true);
  equal(pohoda.numberTaken("ostatni_pohledavky", "2025100001"), false);
});

Deno.test("the import history finds the first row of an item, and forgets rows a test purges", () => {
  const pohoda = db();
  const row = (itemId: string, recordId: number) => ({
    packId: "P",
    itemId,
    agendaType: "adresar" as const,
    recordId,
    dateCreate: "2025-03-01",
  });
  pohoda.recordImport(row("A", 1));
  equal(pohoda.findImport("P", "A")?.recordId, 1);
  pohoda.recordImport(row("A", 2));
  pohoda.recordImport(row("B", 3));
  equal(pohoda.findImport("P", "A")?.recordId, 1);
  equal(pohoda.findImport("P", "B")?.recordId, 3);

  pohoda.imports.length = 0;
  equal(pohoda.findImport("P", "A"), undefined);
  pohoda.recordImport(row("A", 4));
  equal(pohoda.findImport("P", "A")?.recordId, 4);
});
