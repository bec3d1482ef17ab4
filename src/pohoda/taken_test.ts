import { deepEqual, equal, match } from "node:assert/strict";
import { ServiceError } from "../core/errors.ts";
import { setLanguage } from "../i18n/mod.ts";
import type { DocumentFacts } from "./facts.ts";
import type { DocumentQuery } from "./list.ts";
import { NS } from "./namespaces.ts";
import type { ItemOutcome, PackEvent } from "./post.ts";
import { settleTakenNumbers } from "./taken.ts";

function payload(type: string, number: string, ico: string, total: string): string {
  return `<inv:invoice xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}" version="2.0"><inv:invoiceHeader>` +
    `<inv:invoiceType>${type}</inv:invoiceType><inv:number><typ:numberRequested>${number}</typ:numberRequested>` +
    `</inv:number><inv:partnerIdentity><typ:address><typ:company>Firma ${ico}</typ:company><typ:ico>${ico}</typ:ico>` +
    `</typ:address></inv:partnerIdentity></inv:invoiceHeader><inv:invoiceSummary><inv:homeCurrency>` +
    `<typ:priceHighSum>${total}</typ:priceHighSum></inv:homeCurrency></inv:invoiceSummary></inv:invoice>`;
}

/** A received order, as the transform sends it. */
function order(number: string, ico: string, total: string): string {
  return `<ord:order xmlns:ord="${NS.ord}" xmlns:typ="${NS.typ}" version="2.0"><ord:orderHeader>` +
    `<ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested checkDuplicity="true">${number}` +
    `</typ:numberRequested></ord:number><ord:partnerIdentity><typ:address><typ:company>Firma ${ico}</typ:company>` +
    `<typ:ico>${ico}</typ:ico></typ:address></ord:partnerIdentity></ord:orderHeader><ord:orderSummary>` +
    `<ord:homeCurrency><typ:priceHighSum>${total}</typ:priceHighSum></ord:homeCurrency></ord:orderSummary></ord:order>`;
}

const payloads: Record<string, string> = {
  same: payload("issuedInvoice", "FV1", "11111111", "1210"),
  other: payload("issuedInvoice", "FV2", "11111111", "1210"),
  gone: payload("issuedInvoice", "FV3", "11111111", "1210"),
  advance: payload("issuedAdvanceInvoice", "ZF1", "22222222", "500"),
  fresh: payload("issuedInvoice", "FV9", "11111111", "10"),
  sameOrder: order("OBJ1", "33333333", "242"),
  otherOrder: order("OBJ2", "33333333", "242"),
};

/** POHODA's documents, as a list answer gives them. */
const pohoda: DocumentFacts[] = [
  {
    agenda: "issuedInvoice",
    number: "FV1",
    partnerIco: "11111111",
    partnerName: "Firma",
    totalCents: 121000,
    id: "1",
  },
  {
    agenda: "issuedInvoice",
    number: "FV2",
    partnerIco: "99999999",
    partnerName: "Jiná",
    totalCents: 121000,
    id: "2",
  },
  { agenda: "issuedAdvanceInvoice", number: "ZF1", partnerIco: "22222222", totalCents: 50000, id: "3" },
  { agenda: "receivedOrder", number: "OBJ1", partnerIco: "33333333", totalCents: 24200, id: "1" },
  { agenda: "receivedOrder", number: "OBJ2", partnerIco: "33333333", totalCents: 99900, id: "2" },
];

function fakeLists(failWith?: Error) {
  const queries: DocumentQuery[] = [];
  return {
    queries,
    documents: async function* (query: DocumentQuery): AsyncGenerator<DocumentFacts> {
      queries.push(query);
      if (failWith) throw failWith;
      // Like POHODA: the numbers of the type asked for.
      yield* pohoda.filter((d) => d.agenda === query.type && query.numbers?.includes(d.number!));
    },
  };
}

const taken = (number: string): ItemOutcome => ({
  outcome: "number_taken",
  number,
  detail: `the number exists in POHODA: Doklad s číslem ${number} již existuje.`,
});

async function settleAll(events: PackEvent[], lists: ReturnType<typeof fakeLists>) {
  const out = [];
  for await (const event of settleTakenNumbers(toAsync(events), (key) => payloads[key], lists)) {
    out.push(event);
  }
  return out;
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

Deno.test("a taken number counts as present only when POHODA's document with it agrees; else both are named", async () => {
  const lists = fakeLists();
  const imported: ItemOutcome = { outcome: "imported", id: "9", warnings: [] };
  const [event] = await settleAll([{
    kind: "answered",
    outcomes: new Map([
      ["same", taken("FV1")],
      ["other", taken("FV2")],
      ["gone", taken("FV3")],
      ["advance", taken("ZF1")],
      ["fresh", imported],
    ]),
  }], lists);
  if (event.kind !== "answered") throw new Error("expected the answered pack");
  const outcomes = event.outcomes;
  deepEqual(outcomes.get("same"), {
    outcome: "duplicate",
    by: "number",
    id: "1",
    number: "FV1",
    detail: "its number already exists in POHODA as this same document (partner IČO and total agree): " +
      "Issued invoices FV1 (Firma, IČO 11111111, total 1210.00, POHODA id 1)",
  });
  const other = outcomes.get("other");
  equal(other?.outcome, "rejected");
  match(
    (other as { reason: string }).reason,
    /taken in POHODA by another document: POHODA has Issued invoices FV2 \(Jiná, IČO 99999999, .*POHODA id 2\), this one is Issued invoices FV2 \(Firma 11111111, IČO 11111111, total 1210.00\) \(partner IČO 11111111 here, 99999999 in POHODA\)/,
  );
  match((outcomes.get("gone") as { reason: string }).reason, /lists no document with it in Issued invoices;/);
  equal(outcomes.get("advance")?.outcome, "duplicate");
  equal(outcomes.get("fresh"), imported);
  // One lookup per document type for the whole pack.
  deepEqual(lists.queries, [
    { type: "issuedInvoice", numbers: ["FV1", "FV2", "FV3"] },
    { type: "issuedAdvanceInvoice", numbers: ["ZF1"] },
  ]);
});

Deno.test("a taken order number is looked up among the orders of its type and judged like a document's", async () => {
  const lists = fakeLists();
  const [event] = await settleAll([{
    kind: "answered",
    outcomes: new Map([["sameOrder", taken("OBJ1")], ["otherOrder", taken("OBJ2")]]),
  }], lists);
  if (event.kind !== "answered") throw new Error("expected the answered pack");
  deepEqual(event.outcomes.get("sameOrder"), {
    outcome: "duplicate",
    by: "number",
    id: "1",
    number: "OBJ1",
    detail: "its number already exists in POHODA as this same document (partner IČO and total agree): " +
      "Received orders OBJ1 (IČO 33333333, total 242.00, POHODA id 1)",
  });
  match(
    (event.outcomes.get("otherOrder") as { reason: string }).reason,
    /the number OBJ2 is taken in POHODA by another document: POHODA has Received orders OBJ2 \(IČO 33333333, total 999\.00, POHODA id 2\), this one is Received orders OBJ2 \(Firma 33333333, IČO 33333333, total 242\.00\) \(total 242\.00 here, 999\.00 in POHODA\)/,
  );
  deepEqual(lists.queries, [{ type: "receivedOrder", numbers: ["OBJ1", "OBJ2"] }]);
});

Deno.test("a lookup that fails leaves the items failed for the next run; other events pass untouched", async () => {
  const lists = fakeLists(new ServiceError("cannot connect to POHODA mServer"));
  const refused: PackEvent = { kind: "refused", note: "x", keys: ["same"], response: new Uint8Array() };
  const plain: PackEvent = {
    kind: "answered",
    outcomes: new Map([["fresh", { outcome: "rejected", reason: "r" }]]),
  };
  const events = await settleAll([refused, plain, {
    kind: "answered",
    outcomes: new Map([["same", taken("FV1")]]),
  }], lists);
  equal(events[0], refused);
  equal(events[1], plain);
  if (events[2].kind !== "answered") throw new Error("expected the answered pack");
  match(
    (events[2].outcomes.get("same") as { reason: string }).reason,
    /Looking the number up in POHODA failed \(cannot connect to POHODA mServer\); it is checked again/,
  );
  equal(lists.queries.length, 1);
});

Deno.test("in Czech, a number taken by another document names both, and what to do", async () => {
  setLanguage("cs");
  try {
    const [event] = await settleAll([{
      kind: "answered",
      outcomes: new Map([["same", taken("FV1")], ["other", taken("FV2")]]),
    }], fakeLists());
    if (event.kind !== "answered") throw new Error("expected the answered pack");
    match(
      (event.outcomes.get("same") as { detail: string }).detail,
      /^jeho číslo už v POHODĚ existuje jako tentýž doklad \(IČO partnera a celková částka se shodují\): Vydané faktury FV1/,
    );
    match(
      (event.outcomes.get("other") as { reason: string }).reason,
      /^číslo FV2 má v POHODĚ jiný doklad: POHODA má Vydané faktury FV2 .*Nebyl importován: dejte mu ve FLOWii jiné číslo, nebo opravte ten v POHODĚ\.$/,
    );
  } finally {
    setLanguage("en");
  }
});
