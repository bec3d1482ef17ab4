import { deepEqual, equal, match } from "node:assert/strict";
import { XmlDocument, type XmlElement } from "libxml2-wasm";
import { NS } from "../pohoda_ns.ts";
import { validateXml } from "../xsd.ts";
import { type Answer, dataPack, invoice, postXml, sample, withMServer } from "./testing.ts";
import type { MServer } from "./server.ts";

const LISTS = `xmlns:lst="${NS.lst}" xmlns:lAdb="${NS.lAdb}"`;

const header = (number: string, date: string, ico: string) =>
  `<inv:invoiceType>issuedInvoice</inv:invoiceType>` +
  `<inv:number><typ:numberRequested>${number}</typ:numberRequested></inv:number>` +
  `<inv:date>${date}</inv:date><inv:text>Faktura ${number}</inv:text>` +
  `<inv:partnerIdentity><typ:address><typ:company>Firma ${ico}</typ:company><typ:ico>${ico}</typ:ico>` +
  `</typ:address></inv:partnerIdentity>`;

/** Three issued invoices (100 + 21 % VAT each) and an advance invoice. */
async function seed(server: MServer): Promise<void> {
  const advance = invoice(
    header("ZF1", "2025-01-05", "11111111").replace("issuedInvoice", "issuedAdvanceInvoice"),
  );
  await postXml(
    server,
    dataPack("SEED", [
      ["a", invoice(header("FV1", "2025-01-10", "11111111"))],
      ["b", invoice(header("FV2", "2025-02-10", "22222222"))],
      ["c", invoice(header("FV3", "2025-03-10", "11111111"))],
      ["d", advance],
    ]),
  );
}

/** Posts list requests (`[id, request XML]`) and returns the answer, checked against response.xsd. */
async function list(server: MServer, requests: [string, string][]): Promise<Answer> {
  const body = dataPack("LIST", requests).replace("<dat:dataPack ", `<dat:dataPack ${LISTS} `);
  const answer = await postXml(server, body);
  equal(answer.status, 200);
  deepEqual(server.requests.at(-1)?.schemaIssues, [], "the request validates against data.xsd");
  return answer;
}

function records(answer: Answer, itemId: string): XmlElement[] {
  const doc = XmlDocument.fromBuffer(answer.bytes);
  const path = `/rsp:responsePack/rsp:responsePackItem[@id='${itemId}']/*/*[local-name()='invoice' or ` +
    `local-name()='order' or local-name()='addressbook']`;
  return doc.find(path, NS) as XmlElement[];
}

const numbers = (found: XmlElement[]) =>
  found.map((record) => record.get("inv:invoiceHeader/inv:number/typ:numberRequested", NS)?.content);

const invoiceRequest = (filter: string, limit = "") =>
  `<lst:listInvoiceRequest version="2.0" invoiceType="issuedInvoice" invoiceVersion="2.0">${limit}` +
  `<lst:requestInvoice>${filter}</lst:requestInvoice></lst:listInvoiceRequest>`;

Deno.test("documents are listed by type, filtered by numbers, dates and IČO, paged from an id", () =>
  withMServer(async (server) => {
    await seed(server);
    const answer = await list(server, [
      ["all", invoiceRequest("")],
      [
        "numbers",
        invoiceRequest(
          `<ftr:filter><ftr:selectedNumbers><ftr:number><typ:numberRequested>FV3</typ:numberRequested></ftr:number>` +
            `<ftr:number><typ:numberRequested>ZF1</typ:numberRequested></ftr:number></ftr:selectedNumbers></ftr:filter>`,
        ),
      ],
      ["dates", invoiceRequest(`<ftr:filter><ftr:dateFrom>2025-02-01</ftr:dateFrom></ftr:filter>`)],
      [
        "ico",
        invoiceRequest(
          `<ftr:filter><ftr:selectedIco><ftr:ico>11111111</ftr:ico></ftr:selectedIco></ftr:filter>`,
        ),
      ],
      [
        "page",
        invoiceRequest("", "<lst:limit><ftr:idFrom>2</ftr:idFrom><ftr:count>1</ftr:count></lst:limit>"),
      ],
    ]);
    equal(answer.pack?.items.every((item) => item.state === "ok"), true);
    deepEqual(numbers(records(answer, "all")), ["FV1", "FV2", "FV3"]);
    deepEqual(numbers(records(answer, "numbers")), ["FV3"], "the advance is of another type");
    deepEqual(numbers(records(answer, "dates")), ["FV2", "FV3"]);
    deepEqual(numbers(records(answer, "ico")), ["FV1", "FV3"]);
    deepEqual(numbers(records(answer, "page")), ["FV2"]);
  }));

Deno.test("a listed document carries its id, partner and a summary whose parts add up to its total", () =>
  withMServer(async (server) => {
    await seed(server);
    server.pohoda.invoices[0].totals.total = 121.4; // a rounding of 0.40 on top of 100 + 21
    const [first] = records(await list(server, [["all", invoiceRequest("")]]), "all");
    const value = (path: string) => first.get(path, NS)?.content;
    equal(value("inv:invoiceHeader/inv:id"), String(server.pohoda.invoices[0].id));
    equal(value("inv:invoiceHeader/inv:partnerIdentity/typ:address/typ:ico"), "11111111");
    equal(value("inv:invoiceHeader/inv:date"), "2025-01-10");
    const home = "inv:invoiceSummary/inv:homeCurrency/typ:";
    deepEqual(
      ["priceNone", "priceHigh", "priceHighVAT", "priceHighSum", "round/typ:priceRound"].map((p) =>
        value(home + p)
      ),
      ["0", "100", "21", "121", "0.4"],
    );
  }));

Deno.test("the address book is listed with the external ids of the system asked for", () =>
  withMServer(async (server) => {
    server.pohoda.createAddress({
      extIds: [{ ids: "P-1", exSystemName: "FLOWii" }, { ids: "X-9", exSystemName: "Other" }],
      address: { company: "Firma s.r.o.", ico: "12345679", country: "CZ" },
      header: {},
    });
    server.pohoda.createAddress({ extIds: [], address: { name: "Jan Novák" }, header: {} });
    const answer = await list(server, [[
      "adb",
      `<lAdb:listAddressBookRequest version="2.0" addressBookVersion="2.0" extSystem="FLOWii">` +
      `<lAdb:requestAddressBook/></lAdb:listAddressBookRequest>`,
    ]]);
    const found = records(answer, "adb");
    equal(found.length, 2);
    const extIds = (record: XmlElement) =>
      (record.find("adb:addressbookHeader/adb:identity/typ:extId/typ:ids", NS) as XmlElement[]).map((e) =>
        e.content
      );
    deepEqual(found.map(extIds), [["P-1"], []]);
    equal(found[0].get("adb:addressbookHeader/adb:identity/typ:address/typ:ico", NS)?.content, "12345679");
  }));

Deno.test("the sample list requests are answered; a filter the emulator cannot run is an error of that item", () =>
  withMServer(async (server) => {
    const answer = await postXml(server, await sample("own-list-requests-datapack.xml"));
    deepEqual(answer.pack?.items.map((item) => [item.id, item.state]), [["LST-INV-1", "ok"], [
      "LST-ADB-1",
      "ok",
    ]]);
    const refused = await list(server, [[
      "query",
      invoiceRequest(`<ftr:queryFilter><ftr:filter>1=1</ftr:filter></ftr:queryFilter>`),
    ]]);
    equal(refused.pack?.items[0].state, "error");
    match(refused.pack?.items[0].note ?? "", /nepodporuje ftr:queryFilter/);
    deepEqual(await validateXml("response", refused.bytes), []);
  }));

/** An order of `type` for 10 × 100 at `rate` (`high`: 21 %), in EUR when `eur`. */
const order = (type: string, number: string, ico: string, options: { rate?: string; eur?: boolean } = {}) => {
  const prices = options.eur ? "ord:foreignCurrency" : "ord:homeCurrency";
  const summary = options.eur
    ? `<ord:orderSummary><ord:foreignCurrency><typ:currency><typ:ids>EUR</typ:ids></typ:currency>` +
      `<typ:priceSum>1000</typ:priceSum></ord:foreignCurrency></ord:orderSummary>`
    : "";
  return `<ord:order xmlns:ord="${NS.ord}" version="2.0"><ord:orderHeader><ord:orderType>${type}</ord:orderType>` +
    `<ord:number><typ:numberRequested checkDuplicity="true">${number}</typ:numberRequested></ord:number>` +
    `<ord:date>2025-04-02</ord:date><ord:partnerIdentity><typ:address><typ:company>Firma ${ico}</typ:company>` +
    `<typ:ico>${ico}</typ:ico></typ:address></ord:partnerIdentity></ord:orderHeader><ord:orderDetail>` +
    `<ord:orderItem><ord:text>Cement</ord:text><ord:quantity>10</ord:quantity>` +
    `<ord:rateVAT>${
      options.rate ?? "none"
    }</ord:rateVAT><${prices}><typ:unitPrice>100</typ:unitPrice></${prices}>` +
    `</ord:orderItem></ord:orderDetail>${summary}</ord:order>`;
};

const orderRequest = (type: string, filter = "") =>
  `<lst:listOrderRequest version="2.0" orderType="${type}" orderVersion="2.0">` +
  `<lst:requestOrder>${filter}</lst:requestOrder></lst:listOrderRequest>`;

Deno.test("orders are listed by lst:listOrderRequest per order type, with their summary's total", () =>
  withMServer(async (server) => {
    await postXml(
      server,
      dataPack("SEED", [
        ["a", order("receivedOrder", "OBJ1", "11111111", { rate: "high" })],
        ["b", order("receivedOrder", "OBJ2", "22222222", { eur: true })],
        ["c", order("issuedOrder", "OBJ1", "33333333")],
      ]),
    );
    equal(server.pohoda.orders.length, 3);
    const answer = await list(server, [
      ["received", orderRequest("receivedOrder")],
      ["issued", orderRequest("issuedOrder")],
      [
        "numbers",
        orderRequest(
          "receivedOrder",
          `<ftr:filter><ftr:selectedNumbers><ftr:number><typ:numberRequested>OBJ2</typ:numberRequested>` +
            `</ftr:number></ftr:selectedNumbers></ftr:filter>`,
        ),
      ],
      ["invoices", invoiceRequest("")],
    ]);
    equal(answer.pack?.items.every((item) => item.state === "ok"), true);
    const orderNumbers = (found: XmlElement[]) =>
      found.map((record) => record.get("ord:orderHeader/ord:number/typ:numberRequested", NS)?.content);
    deepEqual(orderNumbers(records(answer, "received")), ["OBJ1", "OBJ2"]);
    deepEqual(orderNumbers(records(answer, "issued")), ["OBJ1"]);
    deepEqual(orderNumbers(records(answer, "numbers")), ["OBJ2"]);
    deepEqual(records(answer, "invoices"), [], "orders are not invoices");
    const [home, eur] = records(answer, "received");
    const value = (record: XmlElement, path: string) => record.get(path, NS)?.content;
    equal(value(home, "ord:orderHeader/ord:orderType"), "receivedOrder");
    equal(value(home, "ord:orderHeader/ord:partnerIdentity/typ:address/typ:ico"), "11111111");
    equal(value(home, "ord:orderSummary/ord:homeCurrency/typ:priceHighSum"), "1210");
    equal(value(eur, "ord:orderSummary/ord:foreignCurrency/typ:priceSum"), "1000");
    equal(value(eur, "ord:orderSummary/ord:foreignCurrency/typ:currency/typ:ids"), "EUR");
  }));
