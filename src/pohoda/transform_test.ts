import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { validateXml } from "../../tests/emulators/xsd.ts";
import { buildPack } from "./pack.ts";
import {
  type PohodaItem,
  type RefusedRecord,
  type TransformEvent,
  type TransformOptions,
  transformStream,
} from "./transform.ts";
import { parseXml, XmlSyntaxError } from "./xmltree.ts";

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);
const options: TransformOptions = { extSystem: "FLOWii", unsupportedCharacters: "reject" };
const sample = (name: string) => Deno.readTextFile(new URL(name, samples));

async function* chunksOf(text: string, size = text.length): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function eventsOf(
  xml: string,
  opts = options,
  maxItemChars = 1e6,
  size?: number,
): Promise<TransformEvent[]> {
  return await Array.fromAsync(transformStream(chunksOf(xml, size), { ...opts, maxItemChars }));
}

/** The items of a whole export read as one chunk; there must be no oversized record. */
async function itemsOf(xml: string, opts = options): Promise<PohodaItem[]> {
  return (await eventsOf(xml, opts)).map((e) => {
    if (e.kind !== "item") throw new Error(`unexpected ${JSON.stringify(e)}`);
    return e.item;
  });
}

const DAT = 'xmlns:dat="http://www.stormware.cz/schema/version_2/data.xsd"';
const ADB = 'xmlns:adb="http://www.stormware.cz/schema/version_2/addressbook.xsd"';
const TYP = 'xmlns:typ="http://www.stormware.cz/schema/version_2/type.xsd"';
const INV = 'xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"';
const ORD = 'xmlns:ord="http://www.stormware.cz/schema/version_2/order.xsd"';

function exportOf(...records: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><dat:dataPack ${DAT} ${ADB} ${TYP} ${INV} ${ORD} version="2.0" id="FLOWii-1" ` +
    `ico="11111111" application="FLOWii" note="">${
      records.map((r, i) => `<dat:dataPackItem version="2.0" id="f${i}">${r}</dat:dataPackItem>`).join("")
    }</dat:dataPack>`;
}

/** The record (the agenda element) of a one-record export. */
const recordOf = (xml: string) => /<dat:dataPackItem[^>]*>([\s\S]*)<\/dat:dataPackItem>/.exec(xml)![1];

const person = (city: string) =>
  `<adb:addressbook version="2.0"><adb:addressbookHeader><adb:identity><typ:address><typ:name>Petra Svobodová</typ:name>` +
  `<typ:city>${city}</typ:city></typ:address></adb:identity></adb:addressbookHeader></adb:addressbook>`;

Deno.test("an issued invoice is keyed by type and number, with the number's duplicity check forced on", async () => {
  const [item] = await itemsOf(await sample("own-invoice-datapack.xml"), options);
  equal(item.key, "issuedInvoice/2025000123");
  equal(item.itemId, "FLW-issuedInvoice-2025000123");
  equal(item.agenda, "issuedInvoice");
  equal(item.label, "2025000123 (Žluťoučký kůň s.r.o.)");
  match(item.xml, /<typ:numberRequested checkDuplicity="true">2025000123<\/typ:numberRequested>/);
  // The export's own extId is kept, not replaced.
  match(item.xml, /<typ:ids>inv-4711<\/typ:ids>\s*<typ:exSystemName>MyShop<\/typ:exSystemName>/);
  ok(item.xml.startsWith('<inv:invoice xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"'));
});

Deno.test("a document's id does not depend on anything but the document", async () => {
  const invoice = await sample("own-invoice-datapack.xml");
  const [a] = await itemsOf(invoice, options);
  const [b] = await itemsOf(
    invoice.replace('id="FA-2025-0001-1"', 'id="other"').replace("Konzultace", "Konzultace IT"),
    options,
  );
  equal(a.itemId, b.itemId);
  equal(a.key, b.key);
});

Deno.test("a document without extId gets one, so POHODA can be asked about it later", async () => {
  const invoice = (await sample("own-invoice-datapack.xml")).replace(/<inv:extId>[\s\S]*?<\/inv:extId>/, "");
  const [item] = await itemsOf(invoice, options);
  match(
    item.xml,
    /<inv:extId><typ:ids>FLW-issuedInvoice-2025000123<\/typ:ids><typ:exSystemName>FLOWii<\/typ:exSystemName><\/inv:extId>/,
  );
});

Deno.test("partners become upserts: by their external id, else by IČO", async () => {
  // Both sample partners carry an extId; the first one's IČO filter in the sample is replaced by it.
  const [byIco, byExtId] = await itemsOf(await sample("own-addressbook-datapack.xml"), options);
  equal(byIco.key, "addressbook/ext/MyShop/cust-42");
  match(
    byIco.xml.replace(/\s+/g, " "),
    /^<adb:addressbook[^>]*><adb:actionType><adb:update add="true"><ftr:filter><ftr:extId><typ:ids>cust-42<\/typ:ids>/,
  );
  equal(byExtId.key, "addressbook/ext/MyShop/cust-43");
  match(
    byExtId.xml,
    /<adb:actionType><adb:update add="true"><ftr:filter><ftr:extId><typ:ids>cust-43<\/typ:ids><typ:exSystemName>MyShop<\/typ:exSystemName><\/ftr:extId><\/ftr:filter><\/adb:update><\/adb:actionType>/,
  );
  equal(byExtId.label, "Petra Svobodová");
  // Exactly one actionType: the export's own is replaced.
  equal(byIco.xml.match(/<adb:actionType>/g)?.length, 1);
  match(byIco.xml, /xmlns:ftr="http:\/\/www\.stormware\.cz\/schema\/version_2\/filter\.xsd"/);
});

Deno.test("a partner with only an IČO is filtered by IČO", async () => {
  const withoutExtId = (await sample("own-addressbook-datapack.xml")).replace(
    /<typ:extId>\s*<typ:ids>cust-42[\s\S]*?<\/typ:extId>/,
    "",
  );
  const [item] = await itemsOf(withoutExtId, options);
  equal(item.key, "addressbook/ico/12345679");
  match(item.xml, /<ftr:filter><ftr:ico>12345679<\/ftr:ico><\/ftr:filter>/);
  equal(item.label, "Žluťoučký kůň s.r.o. (IČO 12345679)");
});

Deno.test("a partner with neither id nor IČO gets a stable extId from its content and is filtered by it", async () => {
  const [a] = await itemsOf(exportOf(person("Brno")), options);
  const [b] = await itemsOf(exportOf(person("Brno")), options);
  equal(a.key, b.key);
  match(a.key, /^addressbook\/ext\/FLOWii\/FLW-P-[0-9a-f]{16}$/);
  const ids = a.key.split("/").pop();
  match(
    a.xml,
    new RegExp(
      `<adb:identity><typ:extId><typ:ids>${ids}</typ:ids><typ:exSystemName>FLOWii</typ:exSystemName></typ:extId><typ:address>`,
    ),
  );
  match(a.xml, new RegExp(`<ftr:filter><ftr:extId><typ:ids>${ids}</typ:ids>`));
});

Deno.test("a partner keeps its item id whatever changes in it: its upsert goes without the batch check", async () => {
  const record = (phone: string) =>
    `<adb:addressbook version="2.0"><adb:addressbookHeader><adb:identity><typ:extId><typ:ids>P-77</typ:ids>` +
    `<typ:exSystemName>FLOWii</typ:exSystemName></typ:extId><typ:address><typ:company>Firma s.r.o.</typ:company>` +
    `</typ:address></adb:identity><adb:phone>${phone}</adb:phone></adb:addressbookHeader></adb:addressbook>`;
  const [a] = await itemsOf(exportOf(record("111")), options);
  const [changed] = await itemsOf(exportOf(record("222")), options);
  equal(a.key, changed.key);
  equal(a.itemId, changed.itemId);
  equal(a.itemId, "FLW-P-ext-FLOWii-P-77");
  match(changed.xml, /<adb:phone>222<\/adb:phone>/);
});

Deno.test("item ids stay within 64 characters however long the source ids are", async () => {
  const longIds = "x".repeat(80);
  const record =
    `<adb:addressbook version="2.0"><adb:addressbookHeader><adb:identity><typ:extId><typ:ids>${longIds}</typ:ids>` +
    `<typ:exSystemName>FLOWii</typ:exSystemName></typ:extId></adb:identity></adb:addressbookHeader></adb:addressbook>`;
  const [item] = await itemsOf(exportOf(record), options);
  ok(item.itemId.length <= 64, item.itemId);
  equal(item.key, `addressbook/ext/FLOWii/${longIds}`);
});

Deno.test("transliteration, when chosen, is reported item by item", async () => {
  const [kept] = await itemsOf(exportOf(person("Ștefănești")), options);
  match(kept.xml, /Ștefănești/);
  deepEqual(kept.notes, []);
  const [fixed] = await itemsOf(exportOf(person("Ștefănești")), {
    ...options,
    unsupportedCharacters: "transliterate",
  });
  match(fixed.xml, /Stefănesti/);
  deepEqual(fixed.notes, ['"Ștefănești" was sent as "Stefănesti" (windows-1250 has no Ș ș)']);
});

Deno.test("the transformed record parses back as XML on its own", async () => {
  for (
    const name of ["own-invoice-datapack.xml", "own-addressbook-datapack.xml", "masa331-basic_invoice.xml"]
  ) {
    for (const item of await itemsOf(await sample(name), options)) parseXml(item.xml);
  }
});

Deno.test("anything but a dataPack is refused", async () => {
  await rejects(itemsOf("<html><body/></html>"), /expected a POHODA dataPack/);
  await rejects(itemsOf("<dat:dataPack"), SyntaxError);
  await rejects(
    itemsOf(`<dataPack xmlns="urn:other"><dataPackItem/></dataPack>`),
    /expected a POHODA dataPack/,
  );
});

Deno.test("items come out the same whatever the chunking", async () => {
  const xml = exportOf(
    person("Brno"),
    await sample("own-invoice-datapack.xml").then(recordOf),
    person("Olomouc"),
  );
  const whole = await eventsOf(xml);
  equal(whole.length, 3);
  for (const size of [1, 7, 100]) deepEqual(await eventsOf(xml, options, 1e6, size), whole);
});

Deno.test("a record too large to read is reported by what was read of it; the others come out", async () => {
  const invoice = recordOf(await sample("own-invoice-datapack.xml"))
    .replace("<inv:text>Konzultace</inv:text>", `<inv:text>${"Konzultace ".repeat(200_000)}</inv:text>`);
  for (const size of [2_000_000, 65_536, 4_096]) {
    const events = await eventsOf(
      exportOf(person("Brno"), invoice, person("Olomouc")),
      options,
      50_000,
      size,
    );
    deepEqual(events.map((e) => e.kind), ["item", "oversized", "item"]);
    const record = events[1].kind === "oversized" ? events[1].record : undefined;
    equal(record?.index, 1);
    ok(record!.chars > 2_200_000 && record!.chars < 2_210_000, `${record?.chars}`);
    equal(record?.label, "record 2, dataPackItem f1, issuedInvoice 2025000123 (Žluťoučký kůň s.r.o.)");
  }
});

Deno.test("a well-formedness error is thrown where it is met, after the records before it", async () => {
  const broken = exportOf(person("Brno"), person("Olomouc")).replace(
    "<typ:city>Olomouc</typ:city>",
    "<typ:city>",
  );
  const seen: TransformEvent[] = [];
  await rejects(async () => {
    for await (const e of transformStream(chunksOf(broken), { ...options, maxItemChars: 1e6 })) seen.push(e);
  }, XmlSyntaxError);
  equal(seen.length, 1);
});

/** An `ord:order` as FLOWii would export it; an empty `number` or `extId` leaves it out, `note` ends its text. */
const order = (type: string, { number = "OBJ-2025-17", extId = "F-5001", note = "" } = {}) =>
  `<ord:order version="2.0"><ord:orderHeader>` +
  (extId
    ? `<ord:extId><typ:ids>${extId}</typ:ids><typ:exSystemName>FLOWii</typ:exSystemName></ord:extId>`
    : "") +
  `<ord:orderType>${type}</ord:orderType>` +
  (number ? `<ord:number><typ:numberRequested>${number}</typ:numberRequested></ord:number>` : "") +
  `<ord:date>2025-03-10</ord:date><ord:text>Objednávka materiálu${note}</ord:text>` +
  `<ord:partnerIdentity><typ:address><typ:company>Stavebniny Brno s.r.o.</typ:company>` +
  `<typ:ico>25596641</typ:ico></typ:address></ord:partnerIdentity></ord:orderHeader>` +
  `<ord:orderDetail><ord:orderItem><ord:text>Cement</ord:text><ord:quantity>10</ord:quantity>` +
  `<ord:rateVAT>high</ord:rateVAT><ord:homeCurrency><typ:unitPrice>180</typ:unitPrice></ord:homeCurrency>` +
  `</ord:orderItem></ord:orderDetail></ord:order>`;

/** The sample invoice as another type, without its extId, with `number` (none when empty). */
async function invoiceAs(type: string, number: string, extra = ""): Promise<string> {
  const record = recordOf(await sample("own-invoice-datapack.xml"))
    .replace(/<inv:extId>[\s\S]*?<\/inv:extId>/, "")
    .replace(
      "<inv:invoiceType>issuedInvoice</inv:invoiceType>",
      `<inv:invoiceType>${type}</inv:invoiceType>${extra}`,
    );
  return number
    ? record.replace(/>2025000123<\/typ:numberRequested>/, `>${number}</typ:numberRequested>`)
    : record.replace(/<inv:number>[\s\S]*?<\/inv:number>/, "");
}

/** The refusals among the events. */
const refusals = (events: TransformEvent[]): RefusedRecord[] =>
  events.flatMap((e) => e.kind === "refused" ? [e.record] : []);

/** Every item put in one pack as spojka posts it, checked against data.xsd. */
async function assertValidPack(items: PohodaItem[]): Promise<void> {
  const pack = buildPack({ id: "t", ico: "12345678", note: "", items, unsupportedCharacters: "reject" });
  deepEqual(await validateXml("data", pack.bytes), []);
}

Deno.test("orders are keyed by their type and number, with the number's duplicity check and an extId", async () => {
  const [received, issued] = await itemsOf(
    exportOf(order("receivedOrder", { extId: "" }), order("issuedOrder", { number: "VO-9" })),
  );
  equal(received.key, "receivedOrder/OBJ-2025-17");
  equal(received.itemId, "FLW-receivedOrder-OBJ-2025-17");
  equal(received.agenda, "receivedOrder");
  equal(received.label, "OBJ-2025-17 (Stavebniny Brno s.r.o.)");
  match(received.xml, /<typ:numberRequested checkDuplicity="true">OBJ-2025-17<\/typ:numberRequested>/);
  // Without one in the export, spojka's own id goes into the order's header, so POHODA can be asked about it.
  match(
    received.xml,
    /<ord:orderHeader><ord:extId><typ:ids>FLW-receivedOrder-OBJ-2025-17<\/typ:ids><typ:exSystemName>FLOWii</,
  );
  equal(issued.key, "issuedOrder/VO-9");
  match(issued.xml, /<typ:ids>F-5001<\/typ:ids>/);
  await assertValidPack([received, issued]);
});

Deno.test("a changed order keeps its key and item id, so POHODA's checks refuse it as already imported", async () => {
  const [first] = await itemsOf(exportOf(order("receivedOrder")));
  const [changed] = await itemsOf(exportOf(order("receivedOrder", { note: " – doplněno" })));
  equal(changed.key, first.key);
  equal(changed.itemId, first.itemId);
  // Without a number, FLOWii's external id names it, and the batch duplicity check guards it.
  const [byExtId] = await itemsOf(exportOf(order("issuedOrder", { number: "" })));
  const [byExtIdChanged] = await itemsOf(exportOf(order("issuedOrder", { number: "", note: " – změna" })));
  equal(byExtId.key, "issuedOrder/ext/F-5001");
  equal(byExtIdChanged.itemId, byExtId.itemId);
  await assertValidPack([byExtId]);
});

Deno.test("received invoices and advances keep their own number as POHODA's number, guarded alike", async () => {
  const [received, advance] = await itemsOf(exportOf(
    await invoiceAs(
      "receivedInvoice",
      "2025200007",
      "<inv:originalDocument>FV-88/2025</inv:originalDocument>",
    ),
    await invoiceAs("issuedAdvanceInvoice", "2025500003"),
  ));
  equal(received.key, "receivedInvoice/2025200007");
  equal(received.agenda, "receivedInvoice");
  match(received.xml, /<typ:numberRequested checkDuplicity="true">2025200007<\/typ:numberRequested>/);
  // The supplier's number stays where POHODA keeps it; it guards nothing.
  match(received.xml, /<inv:originalDocument>FV-88\/2025<\/inv:originalDocument>/);
  equal(advance.key, "issuedAdvanceInvoice/2025500003");
  match(advance.xml, /<typ:numberRequested checkDuplicity="true">2025500003<\/typ:numberRequested>/);
  await assertValidPack([received, advance]);
});

Deno.test("a document with neither number nor external id is refused with the reason; the others go on", async () => {
  const events = await eventsOf(exportOf(
    person("Brno"),
    await invoiceAs("issuedInvoice", ""),
    order("receivedOrder", { number: "", extId: "" }),
    order("issuedOrder"),
  ));
  deepEqual(events.map((e) => e.kind), ["item", "refused", "refused", "item"]);
  const [invoice, refusedOrder] = refusals(events);
  equal(invoice.index, 1);
  equal(invoice.agenda, "issuedInvoice");
  equal(invoice.label, "(no number) (Žluťoučký kůň s.r.o.), record 2, dataPackItem f1");
  match(
    invoice.reason,
    /neither a number nor an external id.*would import it twice.*Give it a number in FLOWii/,
  );
  equal(refusedOrder.agenda, "receivedOrder");
  equal(refusedOrder.label, "(no number) (Stavebniny Brno s.r.o.), record 3, dataPackItem f2");
});

Deno.test("an agenda spojka cannot guard is refused by name, never passed on", async () => {
  const enquiry =
    `<enq:enquiry xmlns:enq="http://www.stormware.cz/schema/version_2/enquiry.xsd" version="2.0">` +
    `<enq:enquiryHeader><enq:enquiryType>receivedEnquiry</enq:enquiryType></enq:enquiryHeader></enq:enquiry>`;
  for (const unsupportedCharacters of ["reject", "transliterate"] as const) {
    const events = await eventsOf(exportOf(enquiry, order("issuedOrder")), {
      ...options,
      unsupportedCharacters,
    });
    deepEqual(events.map((e) => e.kind), ["refused", "item"]);
    const [refused] = refusals(events);
    equal(refused.agenda, "enquiry");
    equal(refused.label, "record 1, dataPackItem f0");
    match(refused.reason, /<enq:enquiry>.*twice.*left out.*invoices, advances, orders and partners/);
  }
});

Deno.test("an oversized order is named by its type and number", async () => {
  const big = order("receivedOrder").replace("<ord:text>Cement", `<ord:text>${"Cement ".repeat(10_000)}`);
  const events = await eventsOf(exportOf(big), options, 50_000);
  const record = events[0].kind === "oversized" ? events[0].record : undefined;
  equal(record?.label, "record 1, dataPackItem f0, receivedOrder OBJ-2025-17 (Stavebniny Brno s.r.o.)");
});
