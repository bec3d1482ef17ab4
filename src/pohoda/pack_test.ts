import { deepEqual, equal, match, ok } from "node:assert/strict";
import { validateXml } from "../../tests/emulators/xsd.ts";
import { buildPack } from "./pack.ts";
import { sampleItems } from "./_testing.ts";
import { parseXml, serialize, type XmlElement } from "./xmltree.ts";

const [invoice] = await sampleItems("own-invoice-datapack.xml");
const [partner, other] = await sampleItems("own-addressbook-datapack.xml");

Deno.test("a pack holds the items POHODA can take, in order, as windows-1250; the others are refused by name", async () => {
  const company = (name: string) =>
    partner.replace(/<typ:company>[^<]*<\/typ:company>/, `<typ:company>${name}</typ:company>`);
  const items = [
    { itemId: "a", xml: invoice },
    { itemId: "too-long", xml: company("Ž".repeat(256)) },
    { itemId: "b", xml: company("Žluťoučký kůň „a syn“ – s.r.o.") },
    { itemId: "outside", xml: company("Ștefan") },
    { itemId: "control", xml: company("bell\u0007") },
    { itemId: "c", xml: other },
  ];
  const pack = buildPack({
    id: "p",
    ico: "12345678",
    note: "Note & <more>",
    items,
    unsupportedCharacters: "reject",
  });
  deepEqual(pack.itemIds, ["a", "b", "c"]);
  deepEqual(pack.refused.map((r) => r.itemId), ["too-long", "outside", "control"]);
  match(pack.refused[0].reason, /addressbookHeader\/identity\/address\/company: 256 characters/);
  match(pack.refused[1].reason, /Ș/);
  match(pack.refused[2].reason, /U\+0007/);
  deepEqual(await validateXml("data", pack.bytes), []);
  const text = new TextDecoder("windows-1250").decode(pack.bytes);
  ok(text.startsWith('<?xml version="1.0" encoding="Windows-1250"?>\n<dat:dataPack '));
  ok(text.endsWith("</dat:dataPack>\n"));
  const read = parseXml(text);
  equal(read.attrs.find((a) => a.name === "note")?.value, "Note & <more>");
  const packed = read.children.filter((c): c is XmlElement => typeof c !== "string");
  deepEqual(packed.map((p) => p.attrs.find((a) => a.name === "id")?.value), ["a", "b", "c"]);
  const agenda = (i: number) =>
    serialize(packed[i].children.find((c): c is XmlElement => typeof c !== "string")!);
  deepEqual(
    [agenda(0), agenda(1), agenda(2)],
    [invoice, items[2].xml, other].map((x) => serialize(parseXml(x))),
  );
});

Deno.test("a pack of items that are all refused holds none", () => {
  const pack = buildPack({
    id: "p",
    ico: "12345678",
    note: "",
    items: [{ itemId: "x", xml: invoice.replace("Konzultace", "\0") }],
    unsupportedCharacters: "reject",
  });
  deepEqual(pack.itemIds, []);
  equal(pack.refused.length, 1);
});
