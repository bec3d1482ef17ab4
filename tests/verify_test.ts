/**
 * `spojka verify` and the settling of "this number already exists", end to end: the real CLI as a
 * subprocess against the FLOWii and mServer emulators, for invoices and partners, and for orders
 * (a dataset with every agenda FLOWii exports). Every request spojka sent, list requests included,
 * must validate against the official XSD.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { Invoice, MServer } from "./emulators/mserver/mod.ts";
import type { Order } from "./emulators/mserver/pohoda.ts";
import { startWorld, type World } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };
/** Invoices, advances, received invoices, received and issued orders. */
const everyAgenda = { dataset: { seed: 21, partners: 8, documents: 40, everyAgenda: true } };

async function withWorld(body: (world: World) => Promise<void>, flowii = small): Promise<void> {
  const world = await startWorld({ flowii });
  try {
    await body(world);
    const posted = world.mserver.requests.filter((r) =>
      r.method === "POST" && r.path === "/xml" && r.schemaIssues
    );
    for (const pack of posted) deepEqual(pack.schemaIssues, [], `pack ${pack.packId} does not validate`);
  } finally {
    await world.close();
  }
}

/** The emulated POHODA's document of this type and number. */
function stored(mserver: MServer, type: string, number: string): Invoice {
  const found = mserver.pohoda.invoices.find((i) => i.invoiceType === type && i.number === number);
  if (!found) throw new Error(`POHODA has no ${type} ${number}`);
  return found;
}

/** The emulated POHODA's order of this type and number. */
function storedOrder(mserver: MServer, type: string, number: string): Order {
  const found = mserver.pohoda.orders.find((o) => o.orderType === type && o.number === number);
  if (!found) throw new Error(`POHODA has no ${type} ${number}`);
  return found;
}

/** How many list requests of this kind mServer has answered. */
function listRequests(mserver: MServer, name: string, type?: string): number {
  return mserver.requests.filter((r) =>
    r.body?.includes(`<lst:${name} `) && (type === undefined || r.body.includes(`="${type}"`))
  ).length;
}

interface Report {
  ok: boolean;
  checked: { documents: number; partners: number };
  problems: { kind: string; agenda: string; label: string; differences?: string[] }[];
}

async function verifyJson(world: World, ...args: string[]): Promise<{ code: number; report: Report }> {
  const result = await world.spojka("verify", "--json", ...args);
  return { code: result.code, report: JSON.parse(result.stdout) };
}

Deno.test("after a sync verify agrees; a deleted, doubled or changed document and a deleted partner are named", async () => {
  await withWorld(async (world) => {
    const { flowii, mserver } = world;
    const sync = await world.spojka("sync");
    equal(sync.code, 0, sync.stderr);
    const agrees = await world.spojka("verify");
    equal(agrees.code, 0, agrees.stdout + agrees.stderr);
    match(agrees.stdout, /Checked against POHODA: 24 documents, 8 partners\./);
    match(agrees.stdout, /Everything agrees/);

    const invoices = flowii.dataset.documents.filter((d) => d.type === "issuedInvoice");
    const [deleted, doubled, changed] = invoices;
    mserver.pohoda.deleteInvoice(stored(mserver, deleted.type, deleted.number).id);
    const original = stored(mserver, doubled.type, doubled.number);
    mserver.pohoda.addInvoice({ ...original, created: original.created });
    const edited = stored(mserver, changed.type, changed.number);
    edited.totals = { ...edited.totals, total: edited.totals.total + 100 };
    const partner = mserver.pohoda.addressBook[0];
    mserver.pohoda.deleteAddress(partner.id);

    const text = await world.spojka("verify");
    equal(text.code, 5, "exit 5: POHODA does not hold what spojka confirmed");
    const line = (heading: string, number: string) =>
      new RegExp(`${heading} \\(\\d+\\):\\n(  .*\\n)*  Issued invoices ${number} \\([^)]+\\): `);
    match(text.stdout, line("Missing in POHODA", deleted.number));
    match(text.stdout, line("More than once in POHODA", doubled.number));
    match(text.stdout, line("Different in POHODA", changed.number));
    match(text.stdout, /: total [\d.]+( [A-Z]{3})? here, [\d.]+( [A-Z]{3})? in POHODA/);
    match(
      text.stdout,
      new RegExp(`Address book ${partner.address.company ?? partner.address.name}.*not found in POHODA`),
    );

    const { code, report } = await verifyJson(world);
    equal(code, 5);
    equal(report.ok, false);
    deepEqual(
      report.problems.map((p) => [p.kind, p.agenda]).sort(),
      [["duplicated", "issuedInvoice"], ["mismatched", "issuedInvoice"], ["missing", "addressbook"], [
        "missing",
        "issuedInvoice",
      ]],
    );
    const mismatch = report.problems.find((p) => p.kind === "mismatched")!;
    const [here, there] = [...mismatch.differences![0].matchAll(/\d+\.\d\d/g)].map((m) => Number(m[0]));
    equal(Math.round((there - here) * 100), 10000, "the difference is the 100 added in POHODA");
    // Partners are always checked; documents only as far as asked.
    const later = await verifyJson(world, "--since", "2999-01-01");
    deepEqual(later.report.checked, { documents: 0, partners: 8 });
    equal(later.report.problems.length, 1);
  });
});

Deno.test("a number POHODA has for another document fails the item, naming both; the rest imports", async () => {
  await withWorld(async (world) => {
    const { flowii, mserver } = world;
    const victim = flowii.dataset.documents.find((d) => d.type === "issuedInvoice")!;
    // Typed into POHODA by hand, before spojka: same number, another customer and amount.
    mserver.pohoda.addInvoice({
      agenda: "vydane_faktury",
      invoiceType: "issuedInvoice",
      number: victim.number,
      date: victim.date,
      text: "Faktura zadaná ručně",
      symVar: victim.number,
      header: {},
      partner: { address: { company: "Jiná firma a.s.", ico: "87654321" }, extIds: [] },
      itemCount: 0,
      itemTexts: [],
      totals: { base: 1000, vat: 210, total: 1210 },
      links: [],
      created: victim.date,
      dataPackId: "ruční",
      dataPackItemId: "ruční",
    });
    const result = await world.spojka("sync");
    equal(result.code, 1, "exit 1: finished, but an item failed");
    match(
      result.stderr,
      new RegExp(
        `${victim.number}.*not imported: the number ${victim.number} is taken in POHODA by another document: ` +
          `POHODA has Issued invoices ${victim.number} \\(Jiná firma a\\.s\\., IČO 87654321, total 1210\\.00, .*\\), ` +
          `this one is Issued invoices ${victim.number} \\(`,
      ),
    );
    match(result.stdout, /already present 0, with warnings 0, failed 1/);
    equal(mserver.pohoda.invoices.length, 24, "the other 23 documents imported beside POHODA's own");
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    equal(status.outbox.failed, 1);
    match(status.outbox.failedItems[0].error, /taken in POHODA by another document/);
    // What was confirmed agrees with POHODA; the failed document is not in the ledger.
    const { code, report } = await verifyJson(world);
    equal(code, 0, JSON.stringify(report.problems));
    deepEqual(report.checked, { documents: 23, partners: 8 });
  });
});

Deno.test("a number POHODA has for this same document counts as already present, checked by a lookup", async () => {
  await withWorld(async (world) => {
    const { mserver } = world;
    equal((await world.spojka("sync")).code, 0);
    // POHODA forgot which ids it imported (a restored database): only the number guard is left.
    mserver.pohoda.imports.length = 0;
    equal((await world.spojka("reset", "--cursor")).code, 0);
    const lookupsBefore = mserver.requests.filter((r) => r.body?.includes("listInvoiceRequest")).length;
    const again = await world.spojka("sync");
    equal(again.code, 0, again.stderr);
    match(again.stdout, /imported 0, updated 8, already present 24, with warnings 0, failed 0/);
    equal(mserver.pohoda.invoices.length, 24);
    const lookups = mserver.requests.filter((r) => r.body?.includes("listInvoiceRequest")).length -
      lookupsBefore;
    ok(lookups > 0 && lookups <= 8, `${lookups} lookups: one per document type and pack`);
    const { code, report } = await verifyJson(world);
    equal(code, 0, JSON.stringify(report.problems));
    equal(report.checked.documents, 24);
  });
});

Deno.test("verify covers orders: they agree after a sync of every agenda; one deleted in POHODA is named", async () => {
  await withWorld(async (world) => {
    const { flowii, mserver } = world;
    const sync = await world.spojka("sync");
    equal(sync.code, 0, sync.stderr);
    const orders = flowii.dataset.documents.filter((d) =>
      d.type === "receivedOrder" || d.type === "issuedOrder"
    );
    ok(orders.some((d) => d.type === "receivedOrder") && orders.some((d) => d.type === "issuedOrder"));
    const agrees = await world.spojka("verify");
    equal(agrees.code, 0, agrees.stdout + agrees.stderr);
    match(agrees.stdout, /Checked against POHODA: 40 documents, 8 partners\./);
    match(agrees.stdout, /Everything agrees/);
    // Each order type is listed by its own request.
    ok(listRequests(mserver, "listOrderRequest", "receivedOrder") > 0);
    ok(listRequests(mserver, "listOrderRequest", "issuedOrder") > 0);

    const deleted = orders.find((d) => d.type === "receivedOrder")!;
    mserver.pohoda.deleteOrder(storedOrder(mserver, deleted.type, deleted.number).id);
    const text = await world.spojka("verify");
    equal(text.code, 5, "exit 5: POHODA does not hold what spojka confirmed");
    match(
      text.stdout,
      new RegExp(
        `Missing in POHODA \\(1\\):\\n  Received orders ${deleted.number} \\([^)]+\\): not found in POHODA`,
      ),
    );
    const { report } = await verifyJson(world);
    deepEqual(report.problems.map((p) => [p.kind, p.agenda, p.label.split(" ")[0]]), [
      ["missing", "receivedOrder", deleted.number],
    ]);
  }, everyAgenda);
});

Deno.test("a taken order number: of this same order it counts as present, of another order it fails naming both", async () => {
  await withWorld(async (world) => {
    const { flowii, mserver } = world;
    const victim = flowii.dataset.documents.find((d) => d.type === "issuedOrder")!;
    // Typed into POHODA by hand, before spojka: same number, another supplier and amount.
    mserver.pohoda.addOrder({
      agenda: "vydane_objednavky",
      orderType: "issuedOrder",
      number: victim.number,
      date: victim.date,
      text: "Objednávka zadaná ručně",
      header: {},
      partner: { address: { company: "Jiná firma a.s.", ico: "87654321" }, extIds: [] },
      itemTexts: [],
      totals: { base: 1000, vat: 210, total: 1210 },
      created: victim.date,
      dataPackId: "ruční",
      dataPackItemId: "ruční",
    });
    const first = await world.spojka("sync");
    equal(first.code, 1, "exit 1: finished, but an item failed");
    match(
      first.stderr,
      new RegExp(
        `${victim.number}.*not imported: the number ${victim.number} is taken in POHODA by another document: ` +
          `POHODA has Issued orders ${victim.number} \\(Jiná firma a\\.s\\., IČO 87654321, total 1210\\.00, .*\\), ` +
          `this one is Issued orders ${victim.number} \\(`,
      ),
    );
    const orders = flowii.dataset.documents.filter((d) =>
      d.type === "receivedOrder" || d.type === "issuedOrder"
    );
    equal(mserver.pohoda.orders.length, orders.length, "the other orders imported beside POHODA's own");

    // POHODA forgot which ids it imported (a restored database): only the number guard is left.
    mserver.pohoda.imports.length = 0;
    equal((await world.spojka("reset", "--cursor")).code, 0);
    const lookupsBefore = listRequests(mserver, "listOrderRequest");
    const again = await world.spojka("sync");
    equal(again.code, 1, "the order POHODA has under another partner still fails");
    ok(listRequests(mserver, "listOrderRequest") > lookupsBefore, "the taken order numbers were looked up");
    equal(mserver.pohoda.orders.length, orders.length, "nothing doubled");
    match(again.stdout, /imported 0, updated 8, already present 39, with warnings 0, failed 1/);
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    equal(status.outbox.failed, 1);
    match(status.outbox.failedItems[0].error, /taken in POHODA by another document/);
    // What was confirmed, orders counted present by their number included, agrees with POHODA.
    const { code, report } = await verifyJson(world);
    equal(code, 0, JSON.stringify(report.problems));
    deepEqual(report.checked, { documents: 39, partners: 8 });
  }, everyAgenda);
});
