/**
 * Building the `dat:dataPack` that is posted to mServer, encoded in windows-1250.
 *
 * @module
 */

import { encode1250, encodeClean1250Into } from "./encoding.ts";
import { checkItem, refusalReason, type UnsupportedCharacters } from "./field_check.ts";
import { MAX_LENGTH } from "./limits.gen.ts";
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
  const itemIds: string[] = [];
  const attrs = `version="2.0" id="${escape(input.id)}" ico="${escape(input.ico)}" application="spojka" ` +
    `note="${escape(input.note)}"`;
  const head = encode1250(
    `<?xml version="1.0" encoding="Windows-1250"?>\n<dat:dataPack xmlns:dat="${NS.dat}" ${attrs}>`,
  );
  const opens = input.items.map(({ itemId }) =>
    encode1250(`<dat:dataPackItem version="2.0" id="${escape(itemId)}">`)
  );
  // Written straight into one buffer (windows-1250 is a byte per character): encoding an item also
  // finds whether its characters need checking, and no text the size of the pack is ever built.
  const out = new Uint8Array(
    input.items.reduce((sum, { xml }, i) => sum + opens[i].length + xml.length + ITEM_END.length, 0) +
      head.length + PACK_END.length,
  );
  out.set(head);
  let at = head.length;
  input.items.forEach(({ itemId, xml }, i) => {
    const start = at + opens[i].length;
    const end = encodeClean1250Into(xml, out, start);
    const problems = checkItem(xml, MAX_LENGTH, { clean: end >= 0 });
    if (problems.length > 0) {
      refused.push({ itemId, reason: refusalReason(problems, input.unsupportedCharacters) });
      return;
    }
    if (end < 0) throw new Error(`the field check passed a character the encoding refused: ${itemId}`);
    out.set(opens[i], at);
    out.set(ITEM_END, end);
    at = end + ITEM_END.length;
    itemIds.push(itemId);
  });
  out.set(PACK_END, at);
  at += PACK_END.length;
  return { bytes: at === out.length ? out : out.slice(0, at), itemIds, refused };
}

const ITEM_END = encode1250("</dat:dataPackItem>");
const PACK_END = encode1250("</dat:dataPack>\n");

function escape(value: string): string {
  return value.replace(/[&<"]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&quot;");
}
