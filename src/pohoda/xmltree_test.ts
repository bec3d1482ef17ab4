import { deepEqual, equal, match, throws } from "node:assert/strict";
import {
  at,
  child,
  element,
  parseXml,
  prefixIn,
  serialize,
  text,
  type XmlElement,
  XmlSyntaxError,
} from "./xmltree.ts";

const INV = "http://www.stormware.cz/schema/version_2/invoice.xsd";
const TYP = "http://www.stormware.cz/schema/version_2/type.xsd";

Deno.test("elements are found by namespace, whatever the prefix", () => {
  const root = parseXml(
    `<x:invoice xmlns:x="${INV}" xmlns:t="${TYP}"><x:invoiceHeader><x:number>` +
      `<t:numberRequested>2026000123</t:numberRequested></x:number></x:invoiceHeader></x:invoice>`,
  );
  equal(text(at(root, [INV, "invoiceHeader"], [INV, "number"], [TYP, "numberRequested"])), "2026000123");
  equal(child(root, TYP, "invoiceHeader"), undefined);
});

Deno.test("text is kept exactly: entities, numeric references, CDATA, leading zeros, inner spaces", () => {
  const root = parseXml(
    '<a><b> T&amp;T &lt;x&gt; &#x17E;&#269; </b><c>0308</c><d><![CDATA[1 < 2 & 3]]></d><e attr="&quot;q&quot; &amp;"/></a>',
  );
  equal(text(child(root, "", "b")), " T&T <x> žč ");
  equal(text(child(root, "", "c")), "0308");
  equal(text(child(root, "", "d")), "1 < 2 & 3");
  equal(
    serialize(root),
    '<a><b> T&amp;T &lt;x&gt; žč </b><c>0308</c><d>1 &lt; 2 &amp; 3</d><e attr="&quot;q&quot; &amp;"/></a>',
  );
});

Deno.test("a fragment serialises with exactly the namespaces its subtree uses", () => {
  const root = parseXml(
    `<dat:dataPack xmlns:dat="urn:dat" xmlns:inv="${INV}" xmlns:typ="${TYP}" xmlns:unused="urn:u">` +
      `<dat:dataPackItem><inv:invoice version="2.0"><inv:text>Ahoj</inv:text></inv:invoice></dat:dataPackItem></dat:dataPack>`,
  );
  const invoice = at(root, ["urn:dat", "dataPackItem"], [INV, "invoice"])!;
  equal(
    serialize(invoice),
    `<inv:invoice xmlns:inv="${INV}" version="2.0"><inv:text>Ahoj</inv:text></inv:invoice>`,
  );
  invoice.children.push(element(TYP, prefixIn(invoice, TYP, "typ"), "ids", ["7"]));
  match(serialize(invoice), new RegExp(`xmlns:typ="${TYP}".*<typ:ids>7</typ:ids>`));
  // The round trip parses back to the same tree.
  deepEqual(parseXml(serialize(invoice)), invoice);
});

Deno.test("whitespace between elements is layout and is dropped; a default namespace is declared", () => {
  const root = parseXml(`<invoice xmlns="${INV}">\n  <text>a</text>\n  <note>  </note>\n</invoice>`);
  equal(serialize(root), `<invoice xmlns="${INV}"><text>a</text><note>  </note></invoice>`);
});

Deno.test("malformed XML is an XmlSyntaxError with its position", () => {
  throws(() => parseXml("<a>\n<b></a>"), (e: XmlSyntaxError) => {
    match(e.message, /line 2/);
    return e instanceof XmlSyntaxError;
  });
  throws(() => parseXml("<a><x:b/></a>"), /namespace prefix of <x:b> is not declared/);
  throws(() => parseXml("PK\u0003\u0004 not xml"), XmlSyntaxError);
});

Deno.test("a prefix bound to another namespace inside a record is declared where it changes", () => {
  const record = parseXml(
    `<inv:invoice xmlns:inv="urn:inv" xmlns:typ="urn:typ"><typ:a/>` +
      `<inv:note xmlns:typ="urn:evil"><typ:x typ:y="1"/><typ:z xmlns:typ="urn:typ"/></inv:note><typ:b/></inv:invoice>`,
  );
  const again = parseXml(serialize(record));
  const names = (
    el: XmlElement,
  ): string[] => [
    `${el.name} ${el.ns}`,
    ...el.children.flatMap((c) => typeof c === "string" ? [] : names(c)),
  ];
  deepEqual(names(again), names(record));
  deepEqual(names(again), [
    "inv:invoice urn:inv",
    "typ:a urn:typ",
    "inv:note urn:inv",
    "typ:x urn:evil",
    "typ:z urn:typ",
    "typ:b urn:typ",
  ]);
});
