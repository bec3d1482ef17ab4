/**
 * Building the `dat:dataPack` that is posted to mServer, encoded in windows-1250.
 *
 * @module
 */

import { encode1250 } from "./encoding.ts";
import { checkItem, refusalReason, type UnsupportedCharacters } from "./field_check.ts";
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
  /** The `[pohoda] unsupported_characters` choice, named in the reason an item is refused for. */
  unsupportedCharacters: UnsupportedCharacters;
}

/** A pack ready to post, and the items that could not go into it. */
export interface BuiltPack {
  bytes: Uint8Array<ArrayBuffer>;
  /** Item ids in the pack. */
  itemIds: string[];
  /** Items refused before sending, with the reason. */
  refused: { itemId: string; reason: string }[];
}

/**
 * Builds the pack. An item POHODA cannot take (a character windows-1250 or XML cannot hold, a value
 * longer than the XSD allows) is refused with each problem named, never mangled and never sent:
 * POHODA would refuse the whole pack for it.
 */
export function buildPack(input: PackInput): BuiltPack {
  const refused: BuiltPack["refused"] = [];
  const accepted = input.items.filter((item) => {
    const problems = checkItem(item.xml);
    if (problems.length === 0) return true;
    refused.push({ itemId: item.itemId, reason: refusalReason(problems, input.unsupportedCharacters) });
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
