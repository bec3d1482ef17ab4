import { deepEqual, equal, match, ok } from "node:assert/strict";
import { type PackEvent, packs, postingRank, postInPacks, type PostItem, type PostPlan } from "./post.ts";

const plan: PostPlan = {
  ico: "12345679",
  maxItems: 2,
  maxBytes: 1 << 20,
  packId: (group) => `spojka-flowii-${group}`,
  note: "test",
  unsupportedCharacters: "reject",
};
const item = (key: string, agenda: string): PostItem => ({
  key,
  itemId: key,
  agenda,
  payload: `<x>${key}</x>`,
});

Deno.test("partners go first, then orders, advances before the invoices that deduct them, corrections last", () => {
  const agendas = [
    "issuedCreditNotice",
    "somethingNew",
    "issuedInvoice",
    "receivedOrder",
    "addressbook",
    "issuedAdvanceInvoice",
    "issuedOrder",
  ];
  deepEqual(agendas.toSorted((a, b) => postingRank(a) - postingRank(b)), [
    "addressbook",
    "receivedOrder",
    "issuedOrder",
    "issuedAdvanceInvoice",
    "issuedInvoice",
    "issuedCreditNotice",
    "somethingNew",
  ]);
});

Deno.test("packs hold at most batch_size items and never mix partners with documents", () => {
  const items: PostItem[] = [
    item("p1", "addressbook"),
    item("p2", "addressbook"),
    item("p3", "addressbook"),
    item("d1", "issuedInvoice"),
    item("d2", "issuedInvoice"),
  ];
  const built = [...packs(items, plan)];
  deepEqual(built.map((p) => p.itemIds), [["p1", "p2"], ["p3"], ["d1", "d2"]]);
  const text = (p: (typeof built)[number]) => new TextDecoder("windows-1250").decode(p.bytes!);
  match(text(built[2]), /<dat:dataPack [^>]*id="spojka-flowii-documents" ico="12345679"/);
  match(text(built[1]), /id="spojka-flowii-partners"/);
});

Deno.test("packs stay within the byte cap; an item larger than the cap goes alone", () => {
  const sized = (key: string, size: number) => ({ ...item(key, "issuedInvoice"), payload: "x".repeat(size) });
  const capped = { ...plan, maxItems: 50, maxBytes: 1000 };
  const built = [
    ...packs([sized("a", 300), sized("b", 300), sized("c", 300), sized("big", 5000), sized("d", 10)], capped),
  ];
  deepEqual(built.map((p) => p.itemIds), [["a", "b"], ["c"], ["big"], ["d"]]);
});

Deno.test("an item windows-1250 cannot hold is refused before sending, the rest of its pack goes", () => {
  const [pack] = packs([item("ok", "issuedInvoice"), {
    ...item("bad", "issuedInvoice"),
    payload: "<x>Ștefan</x>",
  }], plan);
  deepEqual(pack.itemIds, ["ok"]);
  equal(pack.refused.get("bad")?.outcome, "rejected");
  const [alone] = packs([{ ...item("bad", "issuedInvoice"), payload: "<x>😀</x>" }], plan);
  equal(alone.bytes, null);
});

/** A POHODA answer importing every item of the pack. */
function answer(pack: Uint8Array): Uint8Array {
  const ids = [
    ...new TextDecoder("windows-1250").decode(pack).matchAll(/dataPackItem version="2.0" id="([^"]+)"/g),
  ]
    .map((m) => m[1]);
  const items = ids.map((id) =>
    `<rsp:responsePackItem version="2.0" id="${id}" state="ok"><inv:invoiceResponse version="2.0" state="ok">` +
    `<rdc:producedDetails><rdc:id>1</rdc:id></rdc:producedDetails></inv:invoiceResponse></rsp:responsePackItem>`
  );
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><rsp:responsePack version="2.0" id="x" state="ok" ` +
      `xmlns:rsp="http://www.stormware.cz/schema/version_2/response.xsd" ` +
      `xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd" ` +
      `xmlns:rdc="http://www.stormware.cz/schema/version_2/documentresponse.xsd">${
        items.join("")
      }</rsp:responsePack>`,
  );
}

Deno.test("the next pack is sent as soon as the previous is answered, before the caller settles that answer", async () => {
  const log: string[] = [];
  const send = (pack: Uint8Array) => {
    log.push(`send ${/id="(d\d)"/.exec(new TextDecoder().decode(pack))![1]}`);
    return Promise.resolve(answer(pack));
  };
  const items = ["d1", "d2", "d3", "d4", "d5"].map((key) => item(key, "issuedInvoice"));
  for await (const event of postInPacks(items, send, plan)) {
    log.push(`settle ${[...(event as Extract<PackEvent, { kind: "answered" }>).outcomes.keys()].join(",")}`);
  }
  deepEqual(log, ["send d1", "send d3", "settle d1,d2", "send d5", "settle d3,d4", "settle d5"]);
});

const RSP = `xmlns:rsp="http://www.stormware.cz/schema/version_2/response.xsd"`;
const encoder = new TextEncoder();
/** A pack-level refusal, as mServer answers it: `state="error"`, a note and no items. */
const refusal = (note: string) =>
  encoder.encode(
    `<?xml version="1.0" encoding="UTF-8"?><rsp:responsePack version="2.0" id="" state="error" ` +
      `note="${note}" ${RSP}/>`,
  );
/** The real answer of POHODA 13503.4 to a user without the right to import XML. */
const denied = await Deno.readFile(
  new URL("../../../shared/pohoda-samples/vitex-response-xml-denied.cp1250.xml", import.meta.url),
);
const NOT_WELL_FORMED = "XML dokument není správně utvořen: Invalid bytes in character encoding";

/** Item ids of a pack, in order. */
const idsOf = (pack: Uint8Array) =>
  [...new TextDecoder("windows-1250").decode(pack).matchAll(/dataPackItem version="2.0" id="([^"]+)"/g)]
    .map((m) => m[1]);

/**
 * An mServer that refuses a whole pack when `refuse` gives a note for its item ids, and otherwise
 * imports every item, answering "already imported" for what it imported before (the batch check).
 */
function fakeMServer(refuse: (ids: string[]) => string | undefined, imported = new Set<string>()) {
  const requests: string[][] = [];
  const send = (pack: Uint8Array) => {
    const ids = idsOf(pack);
    requests.push(ids);
    const note = refuse(ids);
    if (note !== undefined) return Promise.resolve(refusal(note));
    const items = ids.map((id) =>
      imported.has(id)
        ? `<rsp:responsePackItem version="2.0" id="${id}" state="error"><rsp:errorDetail><rsp:recordDuplicity>` +
          `<rsp:agendaType>vydane_faktury</rsp:agendaType><rsp:id>7</rsp:id><rsp:number>${id}</rsp:number>` +
          `</rsp:recordDuplicity></rsp:errorDetail></rsp:responsePackItem>`
        : `<rsp:responsePackItem version="2.0" id="${id}" state="ok"/>`
    );
    for (const id of ids) imported.add(id);
    return Promise.resolve(encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><rsp:responsePack version="2.0" id="x" state="ok" ${RSP}>` +
        `${items.join("")}</rsp:responsePack>`,
    ));
  };
  return { send, requests };
}

/** Posts `items` and gathers every event. */
async function post(items: PostItem[], send: (pack: Uint8Array) => Promise<Uint8Array>, packPlan = plan) {
  const events: PackEvent[] = [];
  for await (const event of postInPacks(items, send, packPlan)) events.push(event);
  const outcomes = new Map<string, string>();
  for (const event of events) {
    if (event.kind !== "answered") continue;
    for (const [key, outcome] of event.outcomes) {
      if (outcomes.has(key)) throw new Error(`${key} settled twice`);
      outcomes.set(key, outcome.outcome);
    }
  }
  return { events, outcomes };
}

const documents = (n: number) => Array.from({ length: n }, (_, i) => item(`d${i}`, "issuedInvoice"));
/** Keys whose outcome is `outcome`. */
const having = (outcomes: Map<string, string>, outcome: string) =>
  [...outcomes].filter(([, o]) => o === outcome).map(([key]) => key).sort();

for (const bad of [["d17"], ["d3", "d40", "d41"]]) {
  Deno.test(`a pack refused for its content is narrowed down to its ${bad.length} bad items; the rest import once`, async () => {
    const n = 64;
    const mserver = fakeMServer((ids) => ids.some((id) => bad.includes(id)) ? NOT_WELL_FORMED : undefined);
    const { events, outcomes } = await post(documents(n), mserver.send, { ...plan, maxItems: n });
    deepEqual(having(outcomes, "rejected"), bad.toSorted());
    equal(having(outcomes, "imported").length, n - bad.length);
    const failed = events.flatMap((e) => e.kind === "answered" ? [...e.outcomes.values()] : [])
      .find((o) => o.outcome === "rejected");
    match(
      (failed as { reason: string }).reason,
      /refuses any pack that holds it: “XML dokument není správně/,
    );
    // Each bad item costs at most two requests per halving.
    ok(
      mserver.requests.length <= 1 + 2 * bad.length * Math.ceil(Math.log2(n)),
      `${mserver.requests.length} requests`,
    );
    const narrowed = events.filter((e) => e.kind === "narrowing");
    deepEqual(narrowed.filter((e) => e.whole).map((e) => e.items), [n]);
  });
}

Deno.test("the parts of a narrowed pack go before the next pack, so the posting order holds", async () => {
  const mserver = fakeMServer((ids) => ids.includes("d2") ? NOT_WELL_FORMED : undefined);
  await post(documents(12), mserver.send, { ...plan, maxItems: 6 });
  const accepted = mserver.requests.filter((ids) => !ids.includes("d2")).flat();
  deepEqual(accepted, documents(12).map((d) => d.key).filter((key) => key !== "d2"));
});

Deno.test("a re-sent part answers what POHODA had already imported as present, not as new", async () => {
  const mserver = fakeMServer((ids) => ids.includes("d1") ? NOT_WELL_FORMED : undefined, new Set(["d3"]));
  const { outcomes } = await post(documents(4), mserver.send, { ...plan, maxItems: 4 });
  deepEqual(Object.fromEntries(outcomes), {
    d0: "imported",
    d1: "rejected",
    d2: "imported",
    d3: "duplicate",
  });
});

Deno.test("a refusal of the target ends the posting at once: nothing after it is sent, nothing settled", async () => {
  let sent = 0;
  const { events } = await post(documents(3), () => (sent++, Promise.resolve(denied)));
  deepEqual(events.map((e) => e.kind), ["refused"]);
  equal((events[0] as { note: string }).note, "Uživatel není oprávnen importovat XML soubory.");
  equal(sent, 1);
});

Deno.test("an unknown note that refuses everything ends the posting after about log2(n) + 4 requests", async () => {
  const n = 50;
  const mserver = fakeMServer(() => "Něco se nepovedlo.");
  const { events, outcomes } = await post(documents(n), mserver.send, { ...plan, maxItems: n });
  equal(events.at(-1)?.kind, "refused");
  deepEqual((events.at(-1) as { keys: string[] }).keys.length, n, "the refusal names the whole pack");
  equal(outcomes.size, 0, "nothing is settled: every item waits");
  ok(mserver.requests.length <= Math.ceil(Math.log2(n)) + 4, `${mserver.requests.length} requests`);
});

Deno.test("an unknown note that hits the first items fails them once a later part is accepted", async () => {
  for (const bad of [["d0"], ["d0", "d1"]]) {
    const mserver = fakeMServer((ids) =>
      ids.some((id) => bad.includes(id)) ? "Něco se nepovedlo." : undefined
    );
    const { outcomes } = await post(documents(50), mserver.send, { ...plan, maxItems: 50 });
    deepEqual(having(outcomes, "rejected"), bad);
    equal(having(outcomes, "imported").length, 50 - bad.length);
  }
});
