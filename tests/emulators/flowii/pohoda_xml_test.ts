import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { XmlDocument } from "libxml2-wasm";
import { NS } from "../pohoda_ns.ts";
import type { XmlEncoding } from "../xml.ts";
import { validateXml } from "../xsd.ts";
import { type DatasetOptions, generateDataset } from "./dataset.ts";
import {
  clip,
  decimal,
  documentsExportChunks,
  documentsExportXml,
  partnersExportChunks,
  partnersExportXml,
} from "./pohoda_xml.ts";
import type { Country } from "./records.ts";
const ENCODINGS: XmlEncoding[] = ["windows-1250", "utf-8"];
const BASE: DatasetOptions = {
  seed: 5,
  partners: 300,
  documents: 300,
  start: new Date("2026-03-01T10:00:00Z"),
};

function exports(country: Country, encoding: XmlEncoding, extra: Partial<DatasetOptions> = {}) {
  const ds = generateDataset({ ...BASE, companyCountry: country, ...extra });
  const context = { encoding, company: ds.company };
  return {
    ds,
    partners: partnersExportXml(ds.partners, context),
    documents: documentsExportXml(ds.documents, { ...context, partners: ds.partners }),
  };
}

/** Runs `fn` on the parsed document and frees it afterwards. */
function inspect<T>(bytes: Uint8Array, fn: (doc: XmlDocument) => T): T {
  const doc = XmlDocument.fromBuffer(bytes);
  try {
    return fn(doc);
  } finally {
    doc.dispose();
  }
}

const strings = (doc: XmlDocument, xpath: string) => doc.find(xpath, NS).map((n) => n.content);
const number = (doc: XmlDocument, xpath: string) => doc.eval(xpath, NS) as number;

for (const country of ["CZ", "SK"] as const) {
  for (const encoding of ENCODINGS) {
    Deno.test(`${country} exports in ${encoding} validate against data.xsd`, async () => {
      const { partners, documents } = exports(country, encoding, { unencodable: true });
      deepEqual(await validateXml("data", partners), []);
      deepEqual(await validateXml("data", documents), []);
    });
  }
}

Deno.test("the declaration names the encoding; both encodings carry the same text", () => {
  const cp = exports("SK", "windows-1250");
  const utf = exports("SK", "utf-8");
  for (const kind of ["partners", "documents"] as const) {
    const legacy = new TextDecoder("windows-1250").decode(cp[kind]);
    const modern = new TextDecoder().decode(utf[kind]);
    ok(legacy.startsWith('<?xml version="1.0" encoding="Windows-1250"?>\r\n'));
    ok(modern.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n'));
    equal(legacy.replace("Windows-1250", "UTF-8"), modern);
    ok(modern.includes("ľ") && modern.includes("ô"), "Slovak diacritics present");
  }
});

Deno.test("windows-1250 replaces unencodable characters, UTF-8 keeps them", () => {
  const cp = exports("CZ", "windows-1250", { unencodable: true });
  const utf = exports("CZ", "utf-8", { unencodable: true });
  const utfText = new TextDecoder().decode(utf.partners) + new TextDecoder().decode(utf.documents);
  ok(utfText.includes("Ștef") && utfText.includes("🎁"));
  const cpText = new TextDecoder("windows-1250").decode(cp.partners) +
    new TextDecoder("windows-1250").decode(cp.documents);
  ok(!cpText.includes("Ș") && !cpText.includes("🎁") && cpText.includes("?tef"));
});

Deno.test("envelope and extId conventions", () => {
  const { ds, partners, documents } = exports("CZ", "utf-8");
  inspect(partners, (doc) => {
    equal(doc.eval("string(/dat:dataPack/@ico)", NS), ds.company.ico);
    equal(doc.eval("string(/dat:dataPack/@application)", NS), "FLOWii");
    deepEqual(strings(doc, "//dat:dataPackItem/@id"), ds.partners.map((p) => p.id));
    deepEqual(
      strings(doc, "//adb:identity/typ:extId/typ:ids"),
      ds.partners.filter((p) => p.extIdInExport).map((p) => p.id),
    );
    deepEqual(
      [...new Set(strings(doc, "//typ:extId/typ:exSystemName"))],
      ["FLOWii"],
    );
    equal(number(doc, "count(//adb:actionType)"), 0, "plain add, no upsert");
    equal(number(doc, "count(//adb:p2[. = 'true'])"), ds.partners.length);
    equal(
      number(doc, "count(//typ:address[typ:ico])"),
      ds.partners.filter((p) => p.kind === "company").length,
    );
  });
  inspect(documents, (doc) => {
    deepEqual(strings(doc, "//dat:dataPackItem/@id"), ds.documents.map((d) => d.id));
    deepEqual(strings(doc, "//inv:invoiceHeader/inv:extId/typ:ids"), ds.documents.map((d) => d.id));
    deepEqual(strings(doc, "//inv:number/typ:numberRequested"), ds.documents.map((d) => d.number));
    const linked = ds.documents.filter((d) => ds.partners.find((p) => p.id === d.partnerId)!.extIdInExport);
    deepEqual(strings(doc, "//inv:partnerIdentity/typ:extId/typ:ids"), linked.map((d) => d.partnerId));
  });
});

Deno.test("with every agenda, received invoices and orders validate and carry their numbers and ids", async () => {
  for (const country of ["CZ", "SK"] as const) {
    const { ds, documents } = exports(country, "windows-1250", { everyAgenda: true });
    deepEqual(await validateXml("data", documents), []);
    inspect(documents, (doc) => {
      for (const type of ["receivedOrder", "issuedOrder"]) {
        const orders = ds.documents.filter((d) => d.type === type);
        ok(orders.length > 0, type);
        const header = `//ord:orderHeader[ord:orderType = '${type}']`;
        deepEqual(strings(doc, `${header}/ord:number/typ:numberRequested`), orders.map((d) => d.number));
        deepEqual(strings(doc, `${header}/ord:extId/typ:ids`), orders.map((d) => d.id));
      }
      equal(number(doc, "count(//ord:order/ord:orderDetail/ord:orderItem)") > 0, true);
      const received = ds.documents.filter((d) => d.type === "receivedInvoice");
      ok(received.length > 0);
      deepEqual(
        strings(doc, "//inv:invoiceHeader[inv:invoiceType = 'receivedInvoice']/inv:originalDocument"),
        received.map((d) => d.originalDocument),
      );
    });
  }
});

Deno.test("a document FLOWii exports without number and extId has neither in the XML", () => {
  const ds = generateDataset({ ...BASE, documents: 3 });
  Object.assign(ds.documents[1], { number: "", withoutExtId: true });
  const documents = documentsExportXml(ds.documents, {
    encoding: "utf-8",
    company: ds.company,
    partners: ds.partners,
  });
  inspect(documents, (doc) => {
    equal(number(doc, "count(//inv:invoiceHeader/inv:number)"), 2);
    equal(number(doc, "count(//inv:invoiceHeader/inv:extId)"), 2);
    equal(number(doc, "count(//ord:order)"), 0);
  });
});

Deno.test("summaries agree with the items; credit notes carry the sign on quantities and amounts", () => {
  const { documents } = exports("CZ", "utf-8");
  inspect(documents, (doc) => {
    const invoices = doc.find("//inv:invoice", NS);
    for (const inv of invoices) {
      const id = inv.eval("string(inv:invoiceHeader/inv:extId/typ:ids)", NS);
      const items = inv.eval("sum(inv:invoiceDetail/inv:invoiceItem/*/typ:priceSum)", NS) as number;
      const home = inv.eval(
        "sum(inv:invoiceSummary/inv:homeCurrency/*[self::typ:priceNone or self::typ:priceLowSum or " +
          "self::typ:priceHighSum or self::typ:price3Sum or self::typ:round])",
        NS,
      ) as number;
      const foreign = inv.eval("sum(inv:invoiceSummary/inv:foreignCurrency/typ:priceSum)", NS) as number;
      const rounding = inv.eval(
        "sum(inv:invoiceSummary/inv:homeCurrency/typ:round/typ:priceRound)",
        NS,
      ) as number;
      const total = home + foreign;
      if (inv.eval("count(inv:invoiceDetail)", NS) as number > 0) {
        ok(
          Math.abs(items + rounding - total) < 0.011,
          `${id}: items ${items} + ${rounding} vs summary ${total}`,
        );
      }
      if (inv.eval("string(inv:invoiceHeader/inv:invoiceType)", NS) === "issuedCreditNotice") {
        ok(inv.eval("count(.//inv:quantity[. >= 0])", NS) === 0, `${id} quantities`);
        ok(inv.eval("count(.//typ:priceVAT[. > 0] | .//typ:price[. > 0])", NS) === 0, `${id} amounts`);
      }
    }
    ok(number(doc, "count(//inv:invoiceSummary/inv:foreignCurrency[typ:currency/typ:ids = 'EUR'])") > 0);
    ok(number(doc, "count(//inv:invoice[not(inv:invoiceDetail)])") > 0, "header-only receivables");
  });
});

Deno.test("clip counts code points and decimal never writes exponents or -0", () => {
  equal([...clip("🎁".repeat(100), 90)!].length, 90);
  equal(clip("krátký", 90), "krátký");
  equal(clip("ab cd", 3), "ab");
  equal(clip(undefined, 3), undefined);
  deepEqual([1e-7, -0.00001, 12.5, 100, -121.4, 24.985].map(decimal), [
    "0",
    "0",
    "12.5",
    "100",
    "-121.4",
    "24.985",
  ]);
});

Deno.test("an empty record list cannot become a dataPack", () => {
  const ds = generateDataset({ ...BASE, partners: 1, documents: 0 });
  throws(
    () => partnersExportXml([], { encoding: "utf-8", company: ds.company }),
    /at least one dataPackItem/,
  );
});

Deno.test("the chunked exports are the same bytes as the exports in one piece", async () => {
  for (const encoding of ENCODINGS) {
    const { ds, partners, documents } = exports("SK", encoding);
    const context = { encoding, company: ds.company };
    deepEqual(await new Blob([...partnersExportChunks(ds.partners, context)]).bytes(), partners);
    const chunks = documentsExportChunks(ds.documents, { ...context, partners: ds.partners });
    deepEqual(await new Blob([...chunks]).bytes(), documents);
  }
});
