import { deepEqual, equal, match } from "node:assert/strict";
import { inPostingOrder, packs, type PostItem, type PostPlan } from "./post.ts";

const plan: PostPlan = {
  ico: "12345679",
  batchSize: 2,
  packId: (group) => `spojka-flowii-${group}`,
  note: "test",
};
const item = (key: string, agenda: string, queuedAt = "2026-01-01T00:00:00Z") => ({
  key,
  itemId: key,
  agenda,
  payload: `<x>${key}</x>`,
  queuedAt,
});

Deno.test("partners go first, then advances before the invoices that deduct them, corrections last", () => {
  const ordered = inPostingOrder([
    item("credit", "issuedCreditNotice"),
    item("unknown", "somethingNew"),
    item("invoice", "issuedInvoice"),
    item("partner", "addressbook"),
    item("advance", "issuedAdvanceInvoice"),
  ]);
  deepEqual(ordered.map((i) => i.key), ["partner", "advance", "invoice", "credit", "unknown"]);
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
