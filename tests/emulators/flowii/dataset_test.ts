import { deepEqual, equal, match, notDeepEqual, ok, throws } from "node:assert/strict";
import { unencodableChars } from "../cp1250.ts";
import { type DatasetOptions, generateDataset } from "./dataset.ts";
import { isValidIco } from "./identifiers.ts";
import { UNENCODABLE } from "./vocabulary.ts";

const START = new Date("2026-03-01T10:00:00Z");
const START_S = START.getTime() / 1000;
const OPTIONS: DatasetOptions = { seed: 11, partners: 300, documents: 600, start: START };

Deno.test("the same seed gives the same dataset, another seed another one", () => {
  const a = generateDataset(OPTIONS);
  const b = generateDataset(OPTIONS);
  deepEqual([a.company, a.partners, a.documents], [b.company, b.partners, b.documents]);
  const c = generateDataset({ ...OPTIONS, seed: 12 });
  notDeepEqual(a.partners, c.partners);
});

Deno.test("partners: persons without IČO, companies with valid identifiers, ~30 % without extId", () => {
  const { partners } = generateDataset(OPTIONS);
  equal(partners.length, 300);
  equal(new Set(partners.map((p) => p.id)).size, 300, "unique ids");
  const persons = partners.filter((p) => p.kind === "person");
  ok(persons.length > 30 && persons.length < 120, `${persons.length} persons`);
  for (const p of persons) ok(p.name && !p.company && !p.ico && !p.dic && !p.icDph, p.id);
  for (const p of partners.filter((p) => p.kind === "company")) {
    ok(p.company && p.ico && isValidIco(p.ico), `${p.id} ${p.ico}`);
    if (p.country === "CZ" && p.dic) equal(p.dic, `CZ${p.ico}`);
    if (p.country === "SK") match(p.dic ?? "", /^\d{10}$/);
    if (p.icDph) equal(p.icDph, `SK${p.dic}`);
  }
  const withoutExtId = partners.filter((p) => !p.extIdInExport).length / partners.length;
  ok(withoutExtId > 0.2 && withoutExtId < 0.4, `${withoutExtId} without extId`);
  ok(partners.some((p) => p.country === "CZ") && partners.some((p) => p.country === "SK"));
});

Deno.test("every company has its own IČO, also among thousands of partners", () => {
  // 6 000 companies drawing from 9 million IČOs would collide about twice without the redraw.
  const { partners } = generateDataset({ ...OPTIONS, partners: 8_000, documents: 0 });
  const icos = partners.flatMap((p) => p.ico ? [p.ico] : []);
  equal(new Set(icos).size, icos.length);
});

Deno.test("modification times are spread over the past months", () => {
  const { partners, documents } = generateDataset(OPTIONS);
  const times = [...partners, ...documents].map((r) => r.modifiedAt);
  ok(times.every((t) => t <= START_S && t >= START_S - 7 * 31 * 86_400));
  const months = new Set(times.map((t) => new Date(t * 1000).toISOString().slice(0, 7)));
  ok(months.size >= 6, [...months].join());
});

Deno.test("documents: every type, numbering per type, valid references and credit-note signs", () => {
  const ds = generateDataset(OPTIONS);
  const partnerIds = new Set(ds.partners.map((p) => p.id));
  const types = new Set(ds.documents.map((d) => d.type));
  deepEqual([...types].sort(), ["issuedAdvanceInvoice", "issuedCreditNotice", "issuedInvoice", "receivable"]);
  for (const type of types) {
    const numbers = ds.documents.filter((d) => d.type === type).map((d) => d.number);
    equal(new Set(numbers).size, numbers.length, `unique ${type} numbers`);
  }
  const series: Record<string, string> = {
    issuedInvoice: "1",
    issuedAdvanceInvoice: "5",
    issuedCreditNotice: "3",
    receivable: "7",
  };
  for (const d of ds.documents) {
    match(d.number, new RegExp(`^20\\d\\d${series[d.type]}\\d{5}$`));
    ok(partnerIds.has(d.partnerId), d.id);
    ok(d.date <= d.dateDue, d.id);
    ok(d.items.length > 0 || d.headerOnlyAmount !== undefined, d.id);
    if (d.type === "issuedCreditNotice") {
      ok(d.items.every((i) => i.quantity < 0 && i.unitPrice > 0), d.id);
      ok(d.relatedNumber, d.id);
    } else {
      ok(d.items.every((i) => i.quantity > 0), d.id);
    }
  }
  ok(ds.documents.some((d) => d.foreignCurrency?.currency === "EUR"), "EUR documents");
  ok(ds.documents.some((d) => d.headerOnlyAmount !== undefined), "header-only receivables");
  ok(ds.documents.some((d) => d.items.some((i) => i.discountPercentage)), "discounts");
  ok(ds.documents.some((d) => d.items.some((i) => i.payVAT)), "prices with VAT");
  ok(ds.documents.some((d) => d.items.some((i) => [...i.text].length > 90)), "long item texts");
  const rates = new Set(ds.documents.flatMap((d) => d.items.map((i) => i.rateVAT)));
  deepEqual([...rates].sort(), ["high", "low", "none"], "CZ rates");
});

Deno.test("everyAgenda adds a small share of received invoices and orders, each type numbered apart", () => {
  const ds = generateDataset({ ...OPTIONS, everyAgenda: true });
  const count = (type: string) => ds.documents.filter((d) => d.type === type).length;
  for (const type of ["receivedInvoice", "receivedOrder", "issuedOrder"]) {
    const share = count(type) / ds.documents.length;
    ok(share > 0.01 && share < 0.1, `${type}: ${share}`);
    const numbers = ds.documents.filter((d) => d.type === type).map((d) => d.number);
    equal(new Set(numbers).size, numbers.length, `unique ${type} numbers`);
  }
  ok(count("issuedInvoice") > ds.documents.length / 3, "issued invoices still the most");
  for (const d of ds.documents.filter((d) => d.type === "receivedInvoice")) {
    match(d.number, /^20\d\d2\d{5}$/, "FLOWii's own number");
    match(d.originalDocument ?? "", /^FV20\d\d\d{5}$/, "the supplier's number");
    ok(d.dateTax, d.id);
  }
  ok(
    ds.documents.filter((d) => d.type === "receivedOrder").every((d) => d.numberOrder),
    "the customer's order",
  );
});

Deno.test("a Slovak company uses the third VAT rate and invoices abroad in CZK", () => {
  const ds = generateDataset({ ...OPTIONS, companyCountry: "SK" });
  equal(ds.company.currency, "EUR");
  match(ds.company.icDph ?? "", /^SK\d{10}$/);
  ok(ds.documents.some((d) => d.items.some((i) => i.rateVAT === "third")));
  ok(ds.documents.some((d) => d.foreignCurrency?.currency === "CZK"));
});

Deno.test("the texts cover every Czech and Slovak diacritic and stay windows-1250", () => {
  const ds = generateDataset(OPTIONS);
  const sk = generateDataset({ ...OPTIONS, companyCountry: "SK" });
  const text = JSON.stringify([ds.partners, ds.documents, sk.documents]);
  for (const ch of "ľĺŕôäřůěžščťďňĽŘŽŠČĎÚ") ok(text.includes(ch), ch);
  deepEqual(unencodableChars(text), []);
});

Deno.test("the unencodable option marks the last partner and document", () => {
  const ds = generateDataset({ ...OPTIONS, unencodable: true });
  const partner = ds.partners.at(-1)!;
  ok(partner.company === UNENCODABLE.company || partner.name === UNENCODABLE.person);
  ok(ds.documents.at(-1)!.text.endsWith(UNENCODABLE.textSuffix));
  deepEqual(unencodableChars(JSON.stringify([ds.partners, ds.documents])).sort(), ["Ș", "Ț", "🎁"]);
});

Deno.test("additions continue the numbering; touch edits and re-dates a record", () => {
  const ds = generateDataset({ ...OPTIONS, partners: 5, documents: 10 });
  const at = START_S + 3600;
  const [partner] = ds.addPartners(1, at);
  equal(partner.modifiedAt, at);
  const added = ds.addDocuments(20, at);
  ok(added.every((d) => d.modifiedAt === at && d.date === "2026-03-01"));
  const lastId = Math.max(...[...ds.partners, ...ds.documents.slice(0, 10)].map((r) => Number(r.id)));
  ok(added.every((d) => Number(d.id) > lastId), "new ids are higher");
  const first = ds.documents[0];
  const touched = ds.touch(first.id, at + 60, { note: "Upravené" });
  equal(touched, first);
  equal(first.modifiedAt, at + 60);
  equal(ds.documents[0].note, "Upravené");
  throws(() => ds.touch("no-such-id", at));
  throws(() => generateDataset({ seed: 1, partners: 0, documents: 1 }));
});
