import { deepEqual, equal, ok } from "node:assert/strict";
import { generateDataset } from "../../tests/emulators/flowii/dataset.ts";
import { documentsExportXml, partnersExportXml } from "../../tests/emulators/flowii/pohoda_xml.ts";
import { decodeXml } from "./encoding.ts";
import { NS } from "./namespaces.ts";
import { transformTree } from "./transform.ts";
import { transformText } from "./transform_text.ts";
import { readXmlItems } from "./xmlstream.ts";
import { isElement, parseXml, serialize, type XmlElement } from "./xmltree.ts";

const options = { extSystem: "FLOWii", unsupportedCharacters: "reject" } as const;

async function* whole(text: string): AsyncGenerator<string> {
  yield text;
}

/** The item as the tree makes it from the same record. */
function byTree(startTag: string, rootName: string, record: string) {
  const packItem = parseXml(`${startTag}${record}</${rootName}>`).children[0] as XmlElement;
  const agenda = packItem.children.find((c): c is XmlElement => typeof c !== "string")!;
  const made = transformTree(agenda, options);
  if ("reason" in made) throw new Error(`refused: ${made.reason}`);
  return made;
}

/** An item's XML as a canonical string: layout dropped, declarations in one order. */
const canonical = (xml: string) => serialize(parseXml(xml));

/** Both readings over every record of `xml`; returns how many records the text path took. */
async function compareAll(xml: string): Promise<number> {
  let scope: ReadonlyMap<string, string> = new Map();
  let startTag = "";
  let rootName = "";
  let compared = 0;
  for await (const event of readXmlItems(whole(xml), { maxItemChars: 1e6, raw: true })) {
    if (event.kind === "root") ({ scope, startTag, root: { name: rootName } } = event);
    if (event.kind !== "record") continue;
    ok(event.plain);
    const spliced = transformText(event.text, scope, options.extSystem);
    const tree = byTree(startTag, rootName, event.text);
    if (!spliced) {
      // Only a record that a content hash must name (a private person without any id), or an order
      // (rare, left to the tree), needs the tree.
      ok(
        tree.key.startsWith("addressbook/ext/FLOWii/FLW-P-") || /^(received|issued)Order\//.test(tree.key),
        `declined: ${event.text.slice(0, 300)}`,
      );
      continue;
    }
    deepEqual(
      { ...spliced, xml: canonical(spliced.xml) },
      {
        key: tree.key,
        itemId: tree.itemId,
        agenda: tree.agenda,
        label: tree.label,
        xml: canonical(tree.xml),
      },
    );
    compared++;
  }
  return compared;
}

Deno.test("splicing the text makes exactly the item the tree makes, for every record of an export", async () => {
  for (const country of ["CZ", "SK"] as const) {
    const ds = generateDataset({ seed: 7, partners: 60, documents: 300, companyCountry: country });
    for (const encoding of ["windows-1250", "utf-8"] as const) {
      const context = { encoding, company: ds.company };
      const partners = decodeXml(partnersExportXml(ds.partners, context));
      const documents = decodeXml(documentsExportXml(ds.documents, { ...context, partners: ds.partners }));
      ok(await compareAll(partners) >= 50);
      equal(await compareAll(documents), 300);
    }
  }
});

Deno.test("with every agenda FLOWii exports, the text path still takes every invoice the way the tree does", async () => {
  const ds = generateDataset({ seed: 3, partners: 20, documents: 300, everyAgenda: true });
  const invoices = ds.documents.filter((d) => !d.type.endsWith("Order")).length;
  ok(invoices < 300 && ds.documents.some((d) => d.type === "receivedInvoice"));
  const context = { encoding: "utf-8", company: ds.company, partners: ds.partners } as const;
  equal(await compareAll(decodeXml(documentsExportXml(ds.documents, context))), invoices);
});

const ROOT = `<dat:dataPack xmlns:dat="${NS.dat}" xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}" ` +
  `xmlns:adb="${NS.adb}" version="2.0">`;

/** The first record of a one-record export, as text, with its root's scope. */
async function recordOf(item: string) {
  const events = await Array.fromAsync(
    readXmlItems(whole(`${ROOT}${item}</dat:dataPack>`), { maxItemChars: 1e6, raw: true }),
  );
  const root = events[0].kind === "root" ? events[0] : undefined;
  const record = events[1].kind === "record" ? events[1] : undefined;
  return { scope: root!.scope, text: record!.text, plain: record!.plain };
}

Deno.test("records the text path does not cover go to the tree", async () => {
  const wrap = (inner: string) => `<dat:dataPackItem id="1" version="2.0">${inner}</dat:dataPackItem>`;
  const invoice = (header: string) =>
    wrap(`<inv:invoice version="2.0"><inv:invoiceHeader>${header}</inv:invoiceHeader></inv:invoice>`);
  const declined = [
    // no number and no external id: the tree refuses it
    invoice("<inv:invoiceType>issuedInvoice</inv:invoiceType>"),
    // markup inside a field the transform reads
    invoice("<inv:invoiceType>issued<!-- x -->Invoice</inv:invoiceType>"),
    // a partner without any id
    wrap(
      `<adb:addressbook version="2.0"><adb:addressbookHeader><adb:identity><typ:address>` +
        `<typ:name>Jan</typ:name></typ:address></adb:identity></adb:addressbookHeader></adb:addressbook>`,
    ),
    // an agenda spojka has no text path for
    wrap(`<inv:other version="2.0"/>`),
  ];
  for (const item of declined) {
    const { scope, text } = await recordOf(item);
    equal(transformText(text, scope, "FLOWii"), undefined, item);
  }
  // A record of its own declarations is not plain: its prefixes may mean something else.
  const own = await recordOf(wrap(`<x:invoice xmlns:x="${NS.inv}" version="2.0"/>`));
  equal(own.plain, false);
});

Deno.test("a document's number gets its duplicity check, and values keep their escapes", async () => {
  const { scope, text } = await recordOf(
    `<dat:dataPackItem id="1" version="2.0"><inv:invoice version="2.0"><inv:invoiceHeader>` +
      `<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:number>` +
      `<typ:numberRequested checkDuplicity="false">2025/01</typ:numberRequested></inv:number>` +
      `<inv:partnerIdentity><typ:address><typ:company>Novák &amp; syn</typ:company></typ:address>` +
      `</inv:partnerIdentity></inv:invoiceHeader></inv:invoice></dat:dataPackItem>`,
  );
  const item = (transformText(text, scope, "FLOWii"))!;
  equal(item.key, "issuedInvoice/2025/01");
  equal(item.label, "2025/01 (Novák & syn)");
  ok(item.xml.includes('<typ:numberRequested checkDuplicity="true">2025/01</typ:numberRequested>'));
  ok(item.xml.includes("<typ:company>Novák &amp; syn</typ:company>"));
  ok(
    item.xml.includes(
      `<inv:extId><typ:ids>${item.itemId}</typ:ids><typ:exSystemName>FLOWii</typ:exSystemName>`,
    ),
  );
  const tree = parseXml(item.xml);
  ok(isElement(tree, NS.inv, "invoice"));
});

Deno.test("only the partner's own extId names it, not one of its address, ship-to address or country", async () => {
  const partner = (ico: string, inAddress: string, after: string) =>
    `<dat:dataPackItem id="${ico}" version="2.0"><adb:addressbook version="2.0"><adb:addressbookHeader>` +
    `<adb:identity><typ:address><typ:company>Firma ${ico}</typ:company><typ:ico>${ico}</typ:ico>${inAddress}` +
    `</typ:address>${after}</adb:identity></adb:addressbookHeader></adb:addressbook></dat:dataPackItem>`;
  const country = `<typ:country><typ:ids>CZ</typ:ids><typ:extId><typ:ids>CZ</typ:ids>` +
    `<typ:exSystemName>FLOWii</typ:exSystemName></typ:extId></typ:country>`;
  const shipTo = `<typ:shipToAddress><typ:name>Sklad</typ:name><typ:extId><typ:ids>S1</typ:ids>` +
    `<typ:exSystemName>FLOWii</typ:exSystemName></typ:extId></typ:shipToAddress>`;
  for (const [inAddress, after] of [[country, ""], ["", shipTo]]) {
    const { scope, text } = await recordOf(partner("11111111", inAddress, after));
    const item = transformText(text, scope, "FLOWii");
    equal(item?.key, "addressbook/ico/11111111");
  }
});
