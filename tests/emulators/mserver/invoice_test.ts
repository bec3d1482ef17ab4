import { deepEqual, equal, match } from "node:assert/strict";
import { dataPack, ICO, invoice, postXml, sample, sampleAsWindows1250, withMServer } from "./testing.ts";

const INVOICE_SAMPLE = "own-invoice-datapack.xml";
const header = (number: string, extra = "") =>
  `<inv:invoiceType>issuedInvoice</inv:invoiceType>` +
  `<inv:number><typ:numberRequested>${number}</typ:numberRequested></inv:number>` +
  `<inv:date>2025-05-01</inv:date><inv:text>Faktura ${number}</inv:text>${extra}`;

Deno.test("the sample invoice is imported with its number, partner, items and totals", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(server, await sample(INVOICE_SAMPLE));
    equal(pack?.state, "ok");
    equal(pack?.id, "FA-2025-0001");
    equal(pack?.ico, ICO);
    deepEqual(pack?.items, [{
      id: "FA-2025-0001-1",
      state: "ok",
      response: "invoiceResponse",
      responseState: "ok",
      details: [],
      produced: { id: "1", number: "2025000123" },
    }]);

    const [stored] = server.pohoda.invoices;
    equal(server.pohoda.invoices.length, 1);
    equal(stored.agenda, "vydane_faktury");
    equal(stored.number, "2025000123");
    deepEqual(stored.extId, {
      ids: "inv-4711",
      exSystemName: "MyShop",
      exSystemText: "My e-shop (Deno connector)",
    });
    equal(stored.text, "Fakturujeme Vám zboží a služby");
    equal(stored.partner.address.company, "Žluťoučký kůň s.r.o.");
    equal(stored.partner.address.ico, "12345679");
    equal(stored.partner.address.country, "CZ");
    equal(stored.partner.addressBookId, undefined);
    equal(stored.header.paymentType, "draft");
    deepEqual(stored.itemTexts, ["Konzultace", "Kniha"]);
    // 2 × 1000 + 21 % VAT, and 112 including 12 % VAT; rounded to whole crowns (math2one).
    deepEqual(stored.totals, { base: 2100, vat: 432, total: 2532 });
    deepEqual(
      server.pohoda.imports.map(({ packId, itemId, agendaType }) => ({ packId, itemId, agendaType })),
      [
        { packId: "FA-2025-0001", itemId: "FA-2025-0001-1", agendaType: "vydane_faktury" },
      ],
    );
  }));

Deno.test("a windows-1250 request keeps its Czech text", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(server, await sampleAsWindows1250(INVOICE_SAMPLE));
    equal(pack?.items[0].state, "ok");
    equal(server.pohoda.invoices[0].partner.address.company, "Žluťoučký kůň s.r.o.");
    match(server.requests[0].body ?? "", /Žluťoučký kůň/);
  }));

Deno.test("posting the same pack twice with STW-Check-Duplicity answers recordDuplicity", () =>
  withMServer(async (server) => {
    const xml = await sample(INVOICE_SAMPLE);
    await postXml(server, xml, { duplicity: true });
    const { pack } = await postXml(server, xml, { duplicity: true });
    equal(pack?.state, "ok");
    const [item] = pack!.items;
    equal(item.state, "error");
    deepEqual(item.duplicity, {
      agendaType: "vydane_faktury",
      dateCreate: server.pohoda.imports[0].dateCreate,
      id: "1",
      number: "2025000123",
    });
    equal(server.pohoda.invoices.length, 1);
  }));

Deno.test("without the duplicity header a repeated number is refused by checkDuplicity", () =>
  withMServer(async (server) => {
    const xml = await sample(INVOICE_SAMPLE);
    await postXml(server, xml);
    const { pack } = await postXml(server, xml);
    const [item] = pack!.items;
    equal(item.state, "error");
    equal(item.note, "Doklad s číslem 2025000123 již existuje.");
    deepEqual(item.details, [{
      state: "error",
      note: "Doklad s číslem 2025000123 již existuje.",
      XPath: "dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:number/typ:numberRequested",
      valueRequested: "2025000123",
    }]);
    equal(server.pohoda.invoices.length, 1);
  }));

Deno.test("checkDuplicity=false renumbers a taken number with a 603 warning", () =>
  withMServer(async (server) => {
    await postXml(server, dataPack("P1", [["A", invoice(header("FV1"))]]));
    const renumbered = header("FV1").replace(
      "<typ:numberRequested>",
      '<typ:numberRequested checkDuplicity="false">',
    );
    const { pack } = await postXml(server, dataPack("P2", [["B", invoice(renumbered)]]));
    const [item] = pack!.items;
    equal(item.state, "ok");
    deepEqual(item.produced, { id: "2", number: "25FV00001" });
    equal(item.details[0].errno, "603");
    equal(item.details[0].valueRequested, "FV1");
    equal(item.details[0].valueProduced, "25FV00001");
  }));

Deno.test("documents without a number get the next number of their agenda's series", () =>
  withMServer(async (server) => {
    const unnumbered = (type: string, text: string) =>
      invoice(
        `<inv:invoiceType>${type}</inv:invoiceType><inv:date>2025-02-03</inv:date><inv:text>${text}</inv:text>`,
      );
    const { pack } = await postXml(
      server,
      dataPack("P1", [
        ["A", unnumbered("issuedInvoice", "první")],
        ["B", unnumbered("issuedInvoice", "druhá")],
        ["C", unnumbered("issuedAdvanceInvoice", "záloha")],
        ["D", unnumbered("receivable", "pohledávka")],
      ]),
    );
    deepEqual(pack?.items.map((item) => item.produced?.number), [
      "25FV00001",
      "25FV00002",
      "25ZF00001",
      "25OP00001",
    ]);
    deepEqual(server.pohoda.invoices.map((i) => i.agenda), [
      "vydane_faktury",
      "vydane_faktury",
      "vydane_zalohove_faktury",
      "ostatni_pohledavky",
    ]);
  }));

Deno.test("a date outside the accounting year is imported with warning 606", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(server, await sample(INVOICE_SAMPLE));
    const [item] = pack!.items;
    equal(item.state, "ok");
    deepEqual(item.details, [{
      state: "warning",
      errno: "606",
      note: "Datum není z účetního období.",
      XPath: "dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:date",
      valueRequested: "10.03.2025",
      valueProduced: "10.03.2025",
    }]);
    equal(server.pohoda.invoices.length, 1);
  }, { year: 2026 }));

Deno.test("a schema error inside one item fails only that item", () =>
  withMServer(async (server) => {
    const tooLong = header("FV1", `<inv:symVar>${"1".repeat(21)}</inv:symVar>`);
    const { pack } = await postXml(
      server,
      dataPack("P1", [["bad", invoice(tooLong)], ["good", invoice(header("FV2"))]]),
    );
    equal(pack?.state, "ok");
    const [bad, good] = pack!.items;
    equal(bad.id, "bad");
    equal(bad.state, "error");
    equal(bad.responseState, "error");
    match(bad.note ?? "", /symVar.*maxLength/);
    equal(bad.details[0].XPath, "dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:symVar");
    equal(good.state, "ok");
    deepEqual(server.pohoda.invoices.map((i) => i.number), ["FV2"]);
    equal(server.requests[0].schemaIssues?.length, 1);
  }));

Deno.test("a schema error in the envelope fails the whole pack", () =>
  withMServer(async (server) => {
    const xml = dataPack("P1", [["A", invoice(header("FV1"))]]).replace(
      'version="2.0" id="P1"',
      'version="3.0" id="P1"',
    );
    const { pack } = await postXml(server, xml);
    equal(pack?.state, "error");
    equal(pack?.id, "P1");
    match(pack?.note ?? "", /^Nepodařila se validace dokumentu podle schématu: .*version/);
    deepEqual(pack?.items, []);
    equal(server.pohoda.invoices.length, 0);
  }));

Deno.test("a pack for another IČO is refused whole; changing the emulated IČO lets it in", () =>
  withMServer(async (server) => {
    const xml = dataPack("P1", [["A", invoice(header("FV1"))]], { ico: "87654321" });
    const { pack } = await postXml(server, xml);
    equal(pack?.state, "error");
    equal(pack?.note, "IČO v XML se neshoduje s IČO účetní jednotky.");
    equal(pack?.ico, ICO);
    deepEqual(pack?.items, []);
    equal(server.pohoda.invoices.length, 0);

    server.pohoda.company.ico = "87654321";
    const retry = await postXml(server, xml);
    equal(retry.pack?.items[0].state, "ok");
  }));

Deno.test("an invoice without text is refused", () =>
  withMServer(async (server) => {
    const noText = `<inv:invoiceType>issuedInvoice</inv:invoiceType>`;
    const { pack } = await postXml(server, dataPack("P1", [["A", invoice(noText)]]));
    equal(pack?.items[0].state, "error");
    equal(
      pack?.items[0].details[0].XPath,
      "dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:text",
    );
  }));

Deno.test("a deducted advance must exist (errno 115) and is linked when it does", () =>
  withMServer(async (server) => {
    const advanceItem = `<inv:invoiceAdvancePaymentItem><inv:sourceDocument><typ:number>ZF1</typ:number>` +
      `</inv:sourceDocument><inv:quantity>1</inv:quantity><inv:payVAT>false</inv:payVAT>` +
      `<inv:rateVAT>high</inv:rateVAT><inv:homeCurrency><typ:unitPrice>-50</typ:unitPrice><typ:price>-50</typ:price>` +
      `<typ:priceVAT>-10.5</typ:priceVAT></inv:homeCurrency>` +
      `</inv:invoiceAdvancePaymentItem>`;
    const final = invoice(header("FV1"), advanceItem);
    const early = await postXml(server, dataPack("P1", [["final", final]]));
    equal(early.pack?.items[0].state, "error");
    equal(early.pack?.items[0].details[0].errno, "115");

    const advance = invoice(header("ZF1").replace("issuedInvoice", "issuedAdvanceInvoice"));
    await postXml(server, dataPack("P2", [["advance", advance]]));
    const late = await postXml(server, dataPack("P3", [["final", final]]));
    equal(late.pack?.items[0].state, "ok");
    const stored = server.pohoda.invoicesIn("vydane_faktury")[0];
    deepEqual(stored.links, [{
      kind: "advance",
      invoiceId: server.pohoda.invoicesIn("vydane_zalohove_faktury")[0].id,
    }]);
    deepEqual(stored.totals, { base: 50, vat: 10.5, total: 60.5 });
  }));

Deno.test("a partner referenced by extId is linked to its address-book record", () =>
  withMServer(async (server) => {
    const partner = server.pohoda.createAddress({
      extIds: [{ ids: "cust-1", exSystemName: "MyShop" }],
      address: { company: "Odběratel a.s.", ico: "11223344" },
      header: {},
    });
    const identity = `<inv:partnerIdentity><typ:extId><typ:ids>cust-1</typ:ids>` +
      `<typ:exSystemName>MyShop</typ:exSystemName></typ:extId></inv:partnerIdentity>`;
    const { pack } = await postXml(server, dataPack("P1", [["A", invoice(header("FV1", identity))]]));
    equal(pack?.items[0].state, "ok");
    equal(server.pohoda.invoices[0].partner.addressBookId, partner.id);
    equal(server.pohoda.invoices[0].partner.address.company, "Odběratel a.s.");
  }));

Deno.test("injected rejections fail the chosen items only", () =>
  withMServer(async (server) => {
    server.faults.rejectItem = (item) => item.number === "FV2" ? "Účet KB neexistuje." : undefined;
    const { pack } = await postXml(
      server,
      dataPack("P1", [["A", invoice(header("FV1"))], ["B", invoice(header("FV2"))]]),
    );
    deepEqual(pack?.items.map((item) => [item.id, item.state, item.note]), [
      ["A", "ok", undefined],
      ["B", "error", "Účet KB neexistuje."],
    ]);
    equal(pack?.items[1].details[0].note, "Účet KB neexistuje.");
    deepEqual(server.pohoda.invoices.map((i) => i.number), ["FV1"]);
  }));

Deno.test("the pack-level error override answers like a user without the XML-import right", () =>
  withMServer(async (server) => {
    server.faults.packError = "Uživatel není oprávnen importovat XML soubory.";
    const { pack } = await postXml(server, await sample(INVOICE_SAMPLE));
    deepEqual({ ...pack, programVersion: undefined }, {
      id: "",
      state: "error",
      note: "Uživatel není oprávnen importovat XML soubory.",
      ico: ICO,
      programVersion: undefined,
      items: [],
    });
    equal(server.pohoda.invoices.length, 0);
  }));

Deno.test("agendas the emulator does not import are refused per item, answered by id", async () => {
  await withMServer(async (server) => {
    const intDoc = (text: string) =>
      `<int:intDoc xmlns:int="http://www.stormware.cz/schema/version_2/intDoc.xsd" version="2.0">` +
      `<int:intDocHeader><int:text>${text}</int:text></int:intDocHeader></int:intDoc>`;
    const { pack } = await postXml(server, dataPack("P", [["INT-1", intDoc("a")], ["INT-2", intDoc("b")]]));
    equal(pack?.state, "ok");
    deepEqual(pack?.items.map((item) => [item.id, item.state]), [["INT-1", "error"], ["INT-2", "error"]]);
    match(pack?.items[0].note ?? "", /intDoc/);
  });
});
