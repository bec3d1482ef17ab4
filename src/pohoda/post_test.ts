import { deepEqual, equal, match } from "node:assert/strict";
import { type PackEvent, packs, postingRank, postInPacks, type PostItem, type PostPlan } from "./post.ts";

const plan: PostPlan = {
  ico: "12345679",
  maxItems: 2,
  maxBytes: 1 << 20,
  packId: (group) => `spojka-flowii-${group}`,
  note: "test",
};
const item = (key: string, agenda: string): PostItem => ({
  key,
  itemId: key,
  agenda,
  payload: `<x>${key}</x>`,
});

Deno.test("partners go first, then advances before the invoices that deduct them, corrections last", () => {
  const agendas = [
    "issuedCreditNotice",
    "somethingNew",
    "issuedInvoice",
    "addressbook",
    "issuedAdvanceInvoice",
  ];
  deepEqual(agendas.toSorted((a, b) => postingRank(a) - postingRank(b)), [
    "addressbook",
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

Deno.test("a pack refused as a whole ends the posting: nothing after it is sent", async () => {
  let sent = 0;
  const refusal = new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><rsp:responsePack version="2.0" id="x" state="error" ` +
      `note="Uživatel nemá právo importovat." xmlns:rsp="http://www.stormware.cz/schema/version_2/response.xsd"/>`,
  );
  const send = () => (sent++, Promise.resolve(refusal));
  const events = [];
  for await (const event of postInPacks(["a", "b", "c"].map((k) => item(k, "issuedInvoice")), send, plan)) {
    events.push(event.kind);
  }
  deepEqual(events, ["refused"]);
  equal(sent, 1);
});
