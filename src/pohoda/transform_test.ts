import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { transformExport, type TransformOptions } from "./transform.ts";
import { parseXml } from "./xmltree.ts";

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);
const options: TransformOptions = { extSystem: "FLOWii", unsupportedCharacters: "reject" };
const sample = (name: string) => Deno.readTextFile(new URL(name, samples));

const DAT = 'xmlns:dat="http://www.stormware.cz/schema/version_2/data.xsd"';
const ADB = 'xmlns:adb="http://www.stormware.cz/schema/version_2/addressbook.xsd"';
const TYP = 'xmlns:typ="http://www.stormware.cz/schema/version_2/type.xsd"';
const INV = 'xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"';

function exportOf(...records: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><dat:dataPack ${DAT} ${ADB} ${TYP} ${INV} version="2.0" id="FLOWii-1" ` +
    `ico="11111111" application="FLOWii" note="">${
      records.map((r, i) => `<dat:dataPackItem version="2.0" id="f${i}">${r}</dat:dataPackItem>`).join("")
    }</dat:dataPack>`;
}

const person = (city: string) =>
  `<adb:addressbook version="2.0"><adb:addressbookHeader><adb:identity><typ:address><typ:name>Petra Svobodová</typ:name>` +
  `<typ:city>${city}</typ:city></typ:address></adb:identity></adb:addressbookHeader></adb:addressbook>`;

Deno.test("an issued invoice is keyed by type and number, with the number's duplicity check forced on", async () => {
  const [item] = await transformExport(await sample("own-invoice-datapack.xml"), options);
  equal(item.key, "issuedInvoice/2025000123");
  equal(item.itemId, "FLW-issuedInvoice-2025000123");
  equal(item.agenda, "issuedInvoice");
  equal(item.label, "2025000123 (Žluťoučký kůň s.r.o.)");
  match(item.xml, /<typ:numberRequested checkDuplicity="true">2025000123<\/typ:numberRequested>/);
  // The export's own extId is kept, not replaced.
  match(item.xml, /<typ:ids>inv-4711<\/typ:ids><typ:exSystemName>MyShop<\/typ:exSystemName>/);
  ok(item.xml.startsWith('<inv:invoice xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"'));
});

Deno.test("a document's id does not depend on anything but the document", async () => {
  const invoice = await sample("own-invoice-datapack.xml");
  const [a] = await transformExport(invoice, options);
  const [b] = await transformExport(
    invoice.replace('id="FA-2025-0001-1"', 'id="other"').replace("Konzultace", "Konzultace IT"),
    options,
  );
  equal(a.itemId, b.itemId);
  equal(a.key, b.key);
});

Deno.test("a document without extId gets one, so POHODA can be asked about it later", async () => {
  const invoice = (await sample("own-invoice-datapack.xml")).replace(/<inv:extId>[\s\S]*?<\/inv:extId>/, "");
  const [item] = await transformExport(invoice, options);
  match(
    item.xml,
    /<inv:extId><typ:ids>FLW-issuedInvoice-2025000123<\/typ:ids><typ:exSystemName>FLOWii<\/typ:exSystemName><\/inv:extId>/,
  );
});

Deno.test("partners become upserts: by their external id, else by IČO", async () => {
  // Both sample partners carry an extId; the first one's IČO filter in the sample is replaced by it.
  const [byIco, byExtId] = await transformExport(await sample("own-addressbook-datapack.xml"), options);
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
  const [item] = await transformExport(withoutExtId, options);
  equal(item.key, "addressbook/ico/12345679");
  match(item.xml, /<ftr:filter><ftr:ico>12345679<\/ftr:ico><\/ftr:filter>/);
  equal(item.label, "Žluťoučký kůň s.r.o. (IČO 12345679)");
});

Deno.test("a partner with neither id nor IČO gets a stable extId from its content and is filtered by it", async () => {
  const [a] = await transformExport(exportOf(person("Brno")), options);
  const [b] = await transformExport(exportOf(person("Brno")), options);
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
  const [a] = await transformExport(exportOf(record("111")), options);
  const [changed] = await transformExport(exportOf(record("222")), options);
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
  const [item] = await transformExport(exportOf(record), options);
  ok(item.itemId.length <= 64, item.itemId);
  equal(item.key, `addressbook/ext/FLOWii/${longIds}`);
});

Deno.test("transliteration, when chosen, is reported item by item", async () => {
  const [kept] = await transformExport(exportOf(person("Ștefănești")), options);
  match(kept.xml, /Ștefănești/);
  deepEqual(kept.notes, []);
  const [fixed] = await transformExport(exportOf(person("Ștefănești")), {
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
    for (const item of await transformExport(await sample(name), options)) parseXml(item.xml);
  }
});

Deno.test("anything but a dataPack is refused", async () => {
  await rejects(transformExport("<html><body/></html>", options), /expected a POHODA dataPack/);
  await rejects(transformExport("<dat:dataPack", options), SyntaxError);
});
