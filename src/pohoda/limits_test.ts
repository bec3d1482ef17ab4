import { deepEqual, equal } from "node:assert/strict";
import { generateLimits, LIMITS_FILE } from "../../tools/xsd_limits.ts";
import { resolveXsdDir, validateXml } from "../../tests/emulators/xsd.ts";
import { checkItem } from "./field_check.ts";
import { NS } from "./namespaces.ts";
import { parseXml, serialize, type XmlElement } from "./xmltree.ts";

const xsdDir = resolveXsdDir();
const haveXsds = await Deno.stat(`${xsdDir}/data.xsd`).then(() => true, () => false);
if (!haveXsds) console.log(`limits_test: skipped, no POHODA XSDs in ${xsdDir} (set POHODA_XSD_DIR)`);

Deno.test({
  name: "limits.gen.ts is what the generator derives from the XSDs (else run `deno task xsd-limits`)",
  ignore: !haveXsds,
  fn: async () => equal(await Deno.readTextFile(LIMITS_FILE), await generateLimits(xsdDir)),
});

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);

async function sampleItem(file: string): Promise<string> {
  const pack = parseXml(await Deno.readTextFile(new URL(file, samples)));
  const first = (el: XmlElement) => el.children.find((c): c is XmlElement => typeof c !== "string")!;
  return serialize(first(first(pack)));
}

function dataPack(item: string): Uint8Array {
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><dat:dataPack xmlns:dat="${NS.dat}" version="2.0" id="t" ` +
      `ico="12345678" application="test" note=""><dat:dataPackItem version="2.0" id="i">${item}` +
      "</dat:dataPackItem></dat:dataPack>",
  );
}

Deno.test({
  name: "the check draws the line where XSD validation (libxml2) does",
  ignore: !haveXsds,
  fn: async () => {
    const invoice = await sampleItem("own-invoice-datapack.xml");
    const partner = await sampleItem("own-addressbook-datapack.xml");
    const cases: [string, string, string, number][] = [
      [invoice, "<inv:text>Fakturujeme Vám zboží a služby</inv:text>", "inv:text", 240],
      [invoice, "<inv:text>Kniha</inv:text>", "inv:text", 90],
      [invoice, "<typ:city>Praha 3</typ:city>", "typ:city", 45],
      [partner, "<typ:company>Žluťoučký kůň s.r.o.</typ:company>", "typ:company", 255],
      [partner, "<typ:zip>130 00</typ:zip>", "typ:zip", 15],
    ];
    for (const [item, original, tag, limit] of cases) {
      for (const length of [limit, limit + 1]) {
        const xml = item.replace(original, `<${tag}>${"ř".repeat(length)}</${tag}>`);
        const valid = (await validateXml("data", dataPack(xml), xsdDir)).length === 0;
        deepEqual(
          { valid, problems: checkItem(xml).length },
          { valid: length === limit, problems: length === limit ? 0 : 1 },
          `${tag} of ${length} characters`,
        );
      }
    }
  },
});
