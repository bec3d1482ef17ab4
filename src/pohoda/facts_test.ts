import { deepEqual, equal } from "node:assert/strict";
import { amount, describeDocument, differences, documentFacts, itemFacts, partnerFacts } from "./facts.ts";
import { NS } from "./namespaces.ts";
import { at, child, childrenOf, parseXml, serialize } from "./xmltree.ts";

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);
const xmlns = `xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}"`;

function invoice(summary: string, header = ""): string {
  return `<inv:invoice ${xmlns} version="2.0"><inv:invoiceHeader><inv:invoiceType>issuedInvoice</inv:invoiceType>` +
    `<inv:number><typ:numberRequested>2026100001</typ:numberRequested></inv:number>${header}</inv:invoiceHeader>` +
    `<inv:invoiceSummary>${summary}</inv:invoiceSummary></inv:invoice>`;
}

function facts(xml: string) {
  const found = itemFacts(xml);
  if (found?.kind !== "document") throw new Error(`expected a document, got ${found?.kind}`);
  return found.facts;
}

Deno.test("POHODA's real list answer: number, id, date, and the total as the sum of its summary's parts", async () => {
  const root = parseXml(await Deno.readTextFile(new URL("masa331-response_pack-listInvoice.xml", samples)));
  const list = at(root, [NS.rsp, "responsePackItem"], [NS.lst, "listInvoice"]);
  const invoices = childrenOf(list, NS.lst, "invoice").map(documentFacts);
  deepEqual(invoices[0], {
    agenda: "issuedInvoice",
    number: "4721703283",
    partnerName: "Martina Nova",
    totalCents: 982000,
    date: "2017-10-02",
    id: "3769",
  });
  // The total agrees with what POHODA says is left to pay.
  equal(amount(invoices[0]), "9820.00");
  equal(invoices[1].number, "4721703284");
});

Deno.test("a payload's facts: partner IČO; no total when the summary states no amount", async () => {
  const text = await Deno.readTextFile(new URL("own-invoice-datapack.xml", samples));
  const record = at(parseXml(text), [NS.dat, "dataPackItem"], [NS.inv, "invoice"])!;
  const expected = {
    agenda: "issuedInvoice",
    number: "2025000123",
    partnerIco: "12345679",
    partnerName: "Žluťoučký kůň s.r.o.",
    date: "2025-03-10",
  };
  deepEqual(documentFacts(record), expected);
  // As an outbox payload (spojka's serialisation), read without its items.
  deepEqual(itemFacts(serialize(record)), { kind: "document", facts: expected });
});

Deno.test("the home-currency total adds each rate's sum (or base and VAT), the zero rate and the rounding", () => {
  const total = facts(invoice(
    `<inv:homeCurrency><typ:priceNone>100</typ:priceNone><typ:priceLow>200</typ:priceLow>` +
      `<typ:priceLowVAT>24</typ:priceLowVAT><typ:priceHighSum>121.4</typ:priceHighSum>` +
      `<typ:round><typ:priceRound>0.6</typ:priceRound></typ:round></inv:homeCurrency>`,
  ));
  equal(total.totalCents, 44600);
  equal(total.currency, undefined);
});

Deno.test("a foreign-currency document's total is its foreign priceSum, in that currency", () => {
  const foreign = facts(invoice(
    `<inv:homeCurrency><typ:priceHighSum>30000</typ:priceHighSum></inv:homeCurrency>` +
      `<inv:foreignCurrency><typ:currency><typ:ids>EUR</typ:ids></typ:currency><typ:rate>25</typ:rate>` +
      `<typ:amount>1</typ:amount><typ:priceSum>1210.5</typ:priceSum></inv:foreignCurrency>`,
  ));
  equal(foreign.totalCents, 121050);
  equal(amount(foreign), "1210.50 EUR");
  equal(amount({ agenda: "issuedCreditNotice", totalCents: -5 }), "-0.05");
});

Deno.test("an order's facts are read like an invoice's, its total from ord:orderSummary", () => {
  const order = (summary: string) =>
    `<ord:order xmlns:ord="${NS.ord}" xmlns:typ="${NS.typ}" version="2.0"><ord:orderHeader>` +
    `<ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested checkDuplicity="true">OBJ-7` +
    `</typ:numberRequested></ord:number><ord:date>2026-03-02</ord:date><ord:partnerIdentity><typ:address>` +
    `<typ:name>Jan Novák</typ:name><typ:ico>12345679</typ:ico></typ:address></ord:partnerIdentity></ord:orderHeader>` +
    `<ord:orderDetail><ord:orderItem><ord:text>Cement</ord:text><ord:homeCurrency><typ:unitPrice>9</typ:unitPrice>` +
    `</ord:homeCurrency></ord:orderItem></ord:orderDetail><ord:orderSummary>${summary}</ord:orderSummary></ord:order>`;
  deepEqual(
    facts(order(
      `<ord:homeCurrency><typ:priceNone>100</typ:priceNone><typ:priceLow>200</typ:priceLow>` +
        `<typ:priceLowVAT>24</typ:priceLowVAT><typ:priceHighSum>121.4</typ:priceHighSum>` +
        `<typ:round><typ:priceRound>0.6</typ:priceRound></typ:round></ord:homeCurrency>`,
    )),
    {
      agenda: "receivedOrder",
      number: "OBJ-7",
      partnerIco: "12345679",
      partnerName: "Jan Novák",
      totalCents: 44600,
      date: "2026-03-02",
    },
  );
  const foreign = facts(order(
    `<ord:foreignCurrency><typ:currency><typ:ids>EUR</typ:ids></typ:currency><typ:priceSum>99.5</typ:priceSum>` +
      `</ord:foreignCurrency>`,
  ));
  equal(amount(foreign), "99.50 EUR");
  // POHODA's list answer: an lst:order, its parts in the order namespace.
  const listed = parseXml(
    order("").replace("<ord:order ", `<lst:order xmlns:lst="${NS.lst}" `)
      .replace("</ord:order>", "</lst:order>").replace(
        "<ord:orderHeader>",
        "<ord:orderHeader><ord:id>5</ord:id>",
      ),
  );
  equal(documentFacts(listed).id, "5");
  equal(documentFacts(listed).agenda, "receivedOrder");
});

Deno.test("a partner's facts: the identity its upsert filters by, its extIds and IČO", async () => {
  const upsert =
    `<adb:addressbook xmlns:adb="${NS.adb}" xmlns:ftr="${NS.ftr}" xmlns:typ="${NS.typ}" version="2.0">` +
    `<adb:actionType><adb:update add="true"><ftr:filter><ftr:extId><typ:ids>P-7</typ:ids>` +
    `<typ:exSystemName>FLOWii</typ:exSystemName></ftr:extId></ftr:filter></adb:update></adb:actionType>` +
    `<adb:addressbookHeader><adb:identity><typ:extId><typ:ids>P-7</typ:ids><typ:exSystemName>FLOWii</typ:exSystemName>` +
    `</typ:extId><typ:address><typ:company>Firma s.r.o.</typ:company><typ:ico>12345679</typ:ico></typ:address>` +
    `</adb:identity></adb:addressbookHeader></adb:addressbook>`;
  deepEqual(itemFacts(upsert), {
    kind: "partner",
    facts: {
      filter: { extId: { ids: "P-7", system: "FLOWii" } },
      extIds: [{ ids: "P-7", system: "FLOWii" }],
      ico: "12345679",
      name: "Firma s.r.o.",
    },
  });
  const sample = parseXml(await Deno.readTextFile(new URL("own-addressbook-datapack.xml", samples)));
  const [byIco] = childrenOf(sample, NS.dat, "dataPackItem").map((item) =>
    partnerFacts(child(item, NS.adb, "addressbook")!)
  );
  deepEqual(byIco.filter, { ico: "12345679" });
});

Deno.test("differences name what disagrees; an unknown total of ours is not compared", () => {
  const ours = { agenda: "issuedInvoice", number: "1", partnerIco: "12345679", totalCents: 121000 };
  deepEqual(differences(ours, { ...ours, partnerIco: " 1234 5679 ", id: "4" }), []);
  deepEqual(differences(ours, { ...ours, partnerIco: "87654321", totalCents: 130000 }), [
    "partner IČO 12345679 here, 87654321 in POHODA",
    "total 1210.00 here, 1300.00 in POHODA",
  ]);
  deepEqual(differences({ ...ours, totalCents: undefined }, { ...ours, totalCents: 5 }), []);
  deepEqual(differences({ ...ours, partnerIco: undefined }, { ...ours, partnerIco: "" }), []);
  deepEqual(differences(ours, { ...ours, currency: "EUR" }), ["currency home here, EUR in POHODA"]);
});

Deno.test("a document is described with what people recognise it by", () => {
  equal(
    describeDocument({
      agenda: "issuedInvoice",
      number: "2026100001",
      partnerName: "Firma s.r.o.",
      partnerIco: "12345679",
      totalCents: 121000,
      date: "2026-03-10",
      id: "412",
    }),
    "Issued invoices 2026100001 (Firma s.r.o., IČO 12345679, total 1210.00, 2026-03-10, POHODA id 412)",
  );
});

Deno.test("an unreadable payload or another agenda has no facts", () => {
  equal(itemFacts("<inv:invoice"), undefined);
  equal(itemFacts(`<x:order xmlns:x="urn:x"/>`), undefined);
  equal(itemFacts(`<inv:order xmlns:inv="${NS.inv}"/>`), undefined);
});
