/**
 * Throughput of the transform stage on a realistic export: 2 000 documents (a busy month of a small
 * company), both encodings. The reference is fast-xml-parser validating and parsing the same text,
 * the floor any transform built on it stands on; the figure to watch is how far above it spojka is.
 * The pack builder's cost is measured beside it.
 *
 * Run: deno task bench
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { generateDataset } from "../tests/emulators/flowii/dataset.ts";
import { documentsExportXml } from "../tests/emulators/flowii/pohoda_xml.ts";
import { decodeXml } from "../src/pohoda/encoding.ts";
import { packs } from "../src/pohoda/post.ts";
import { transformExport } from "../src/pohoda/transform.ts";

const dataset = generateDataset({
  seed: 42,
  partners: 400,
  documents: 2000,
  start: new Date("2026-01-01T00:00:00Z"),
});
const exportOf = (encoding: "windows-1250" | "utf-8") =>
  documentsExportXml(dataset.documents, { encoding, company: dataset.company, partners: dataset.partners });
const cp1250 = exportOf("windows-1250");
const utf8 = exportOf("utf-8");
const text = decodeXml(utf8);
const options = { extSystem: "FLOWii", unsupportedCharacters: "reject" } as const;
const items = await transformExport(text, options);
const queued = items.map((i) => ({ ...i, payload: i.xml, queuedAt: "2026-01-01T00:00:00Z" }));
const plan = { ico: "12345679", batchSize: 50, packId: () => "spojka-flowii-documents", note: "bench" };

console.log(
  `export: ${dataset.documents.length} documents, ${(utf8.length / 2 ** 20).toFixed(1)} MiB UTF-8, ` +
    `${(cp1250.length / 2 ** 20).toFixed(1)} MiB windows-1250`,
);

Deno.bench("reference: fast-xml-parser validate + parse", { group: "2000 documents", baseline: true }, () => {
  XMLValidator.validate(text);
  new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, trimValues: false })
    .parse(text);
});

Deno.bench("spojka: decode + transform (UTF-8 export)", { group: "2000 documents" }, async () => {
  await transformExport(decodeXml(utf8), options);
});

Deno.bench("spojka: decode + transform (windows-1250 export)", { group: "2000 documents" }, async () => {
  await transformExport(decodeXml(cp1250), options);
});

Deno.bench("spojka: build 40 packs of 50 (windows-1250)", { group: "2000 documents" }, () => {
  for (const _ of packs(queued, plan));
});
