/**
 * Building the `dat:dataPack` that is posted to mServer, encoded in windows-1250.
 *
 * @module
 */

import { encode1250, unencodable } from "./encoding.ts";
import { NS } from "./namespaces.ts";

/** What goes into a pack. */
export interface PackInput {
  /** `dataPack@id`: constant per stream, so the duplicity key does not depend on how items are chunked. */
  id: string;
  /** `dataPack@ico`: the accounting unit; POHODA refuses a pack meant for another one. */
  ico: string;
  /** `dataPack@note`, shown in POHODA's XML import agenda. */
  note: string;
  items: { itemId: string; xml: string }[];
}

/** A pack ready to post, and the items that could not go into it. */
export interface BuiltPack {
  bytes: Uint8Array<ArrayBuffer>;
  /** Item ids in the pack. */
  itemIds: string[];
  /** Items refused before sending, with the reason. */
  refused: { itemId: string; reason: string }[];
}

/** Builds the pack; items with characters windows-1250 cannot hold are refused, never mangled. */
export function buildPack(input: PackInput): BuiltPack {
  const refused: BuiltPack["refused"] = [];
  const accepted = input.items.filter((item) => {
    const bad = unencodable(item.xml);
    if (bad.length === 0) return true;
    refused.push({
      itemId: item.itemId,
      reason: `contains characters windows-1250 cannot hold: ${
        bad.map((u) => `"${u.char}" (${u.codePoint})`).join(", ")
      }. ` +
        'Correct the text in FLOWii, or set unsupported_characters = "transliterate" in [pohoda].',
    });
    return false;
  });
  const body = accepted.map((item) =>
    `<dat:dataPackItem version="2.0" id="${escape(item.itemId)}">${item.xml}</dat:dataPackItem>`
  );
  const xml = '<?xml version="1.0" encoding="Windows-1250"?>\n' +
    `<dat:dataPack xmlns:dat="${NS.dat}" version="2.0" id="${escape(input.id)}" ico="${escape(input.ico)}" ` +
    `application="spojka" note="${escape(input.note)}">${body.join("")}</dat:dataPack>\n`;
  return { bytes: encode1250(xml), itemIds: accepted.map((i) => i.itemId), refused };
}

function escape(value: string): string {
  return value.replace(/[&<"]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&quot;");
}
