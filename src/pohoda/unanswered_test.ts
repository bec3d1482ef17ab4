import { deepEqual, equal, match } from "node:assert/strict";
import { ServiceError } from "../core/errors.ts";
import { setLanguage } from "../i18n/mod.ts";
import type { DocumentFacts } from "./facts.ts";
import type { DocumentQuery } from "./list.ts";
import { NS } from "./namespaces.ts";
import type { SettledOutcome } from "./taken.ts";
import { type CheckedOutcome, checkUnanswered } from "./unanswered.ts";

function invoice(number: string, ico: string, total: string): string {
  return `<inv:invoice xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}" version="2.0"><inv:invoiceHeader>` +
    `<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:number><typ:numberRequested>${number}` +
    `</typ:numberRequested></inv:number><inv:partnerIdentity><typ:address><typ:ico>${ico}</typ:ico>` +
    `</typ:address></inv:partnerIdentity></inv:invoiceHeader><inv:invoiceSummary><inv:homeCurrency>` +
    `<typ:priceHighSum>${total}</typ:priceHighSum></inv:homeCurrency></inv:invoiceSummary></inv:invoice>`;
}

const payloads: Record<string, string> = {
  there: invoice("FV1", "11111111", "1210"),
  missing: invoice("FV2", "11111111", "1210"),
  another: invoice("FV3", "11111111", "1210"),
  answered: invoice("FV4", "11111111", "1210"),
  partner: `<adb:addressbook xmlns:adb="${NS.adb}" version="2.0"/>`,
};

const pohoda: DocumentFacts[] = [
  { agenda: "issuedInvoice", number: "FV1", partnerIco: "11111111", totalCents: 121000, id: "41" },
  { agenda: "issuedInvoice", number: "FV3", partnerIco: "99999999", totalCents: 121000, id: "42" },
];

function fakeLists(failWith?: Error) {
  const queries: DocumentQuery[] = [];
  return {
    queries,
    documents: async function* (query: DocumentQuery): AsyncGenerator<DocumentFacts> {
      queries.push(query);
      if (failWith) throw failWith;
      yield* pohoda.filter((d) => d.agenda === query.type && query.numbers?.includes(d.number!));
    },
  };
}

async function check(outcomes: Map<string, SettledOutcome>, lists: ReturnType<typeof fakeLists>) {
  const events = (async function* () {
    yield { kind: "answered" as const, outcomes };
  })();
  const out: Map<string, CheckedOutcome>[] = [];
  for await (const event of checkUnanswered(events, (key) => payloads[key], lists)) out.push(event.outcomes);
  equal(out.length, 1);
  return out[0];
}

const unanswered = (...keys: string[]) =>
  new Map<string, SettledOutcome>(keys.map((key) => [key, { outcome: "unanswered" }]));

Deno.test("an unanswered document POHODA has, agreeing, counts as imported with POHODA's id", async () => {
  const lists = fakeLists();
  const outcomes = unanswered("there", "missing", "another", "partner");
  outcomes.set("answered", { outcome: "imported", id: "7", warnings: [] });
  const checked = await check(outcomes, lists);
  deepEqual(checked.get("there"), { outcome: "imported", id: "41", number: "FV1", warnings: [] });
  deepEqual(checked.get("answered"), { outcome: "imported", id: "7", warnings: [] });
  deepEqual(
    lists.queries,
    [{ type: "issuedInvoice", numbers: ["FV1", "FV2", "FV3"] }],
    "one request per type",
  );
});

Deno.test("an unanswered item that cannot be confirmed gets no verdict, and says why and what happens next", async () => {
  const checked = await check(unanswered("missing", "another", "partner"), fakeLists());
  const detail = (key: string) => {
    const outcome = checked.get(key)!;
    equal(outcome.outcome, "unanswered", key);
    return (outcome as { detail: string }).detail;
  };
  match(detail("missing"), /POHODA has no FV2 in Issued invoices: it stays in the outbox and is sent again/);
  match(detail("another"), /Issued invoices FV3 .*POHODA id 42.* is another document \(partner IČO/);
  match(detail("partner"), /cannot be looked up by a document number: it stays in the outbox/);
});

Deno.test("in Czech, the reason an unanswered item waits names the agenda as POHODA's menu does", async () => {
  setLanguage("cs");
  try {
    const checked = await check(unanswered("missing"), fakeLists());
    equal(
      (checked.get("missing") as { detail: string }).detail,
      "odpověď POHODY o něm nic neříká; POHODA nemá v agendě Vydané faktury doklad FV2: zůstává ve frontě a " +
        "při příštím běhu se odešle znovu, a pokud do POHODY dorazil, POHODA ho pozná",
    );
  } finally {
    setLanguage("en");
  }
});

Deno.test("a failed lookup leaves the item waiting, with the failure named", async () => {
  const checked = await check(unanswered("there"), fakeLists(new ServiceError("mServer did not answer")));
  equal(checked.get("there")!.outcome, "unanswered");
  match(
    (checked.get("there") as { detail: string }).detail,
    /looking it up failed \(mServer did not answer\)/,
  );
});

Deno.test("packs where every item was answered pass through without a lookup", async () => {
  const lists = fakeLists();
  const outcomes = new Map<string, SettledOutcome>([["answered", { outcome: "imported", warnings: [] }]]);
  deepEqual(await check(outcomes, lists), outcomes);
  deepEqual(lists.queries, []);
});
