/**
 * Test helpers for the POHODA modules: the shared samples, as the outbox would keep their items.
 *
 * @module
 */

import { parseXml, serialize, type XmlElement } from "./xmltree.ts";

/** `../shared/pohoda-samples/`. */
export const SAMPLES = new URL("../../../shared/pohoda-samples/", import.meta.url);

/** The agenda elements of a sample dataPack, standalone, as the outbox keeps them. */
export async function sampleItems(file: string): Promise<string[]> {
  const pack = parseXml(await Deno.readTextFile(new URL(file, SAMPLES)));
  return pack.children.filter((c): c is XmlElement => typeof c !== "string")
    .map((packItem) => serialize(packItem.children.find((c): c is XmlElement => typeof c !== "string")!));
}
