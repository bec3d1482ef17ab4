/**
 * Characters the emulated POHODA cannot read. Its XML parser already refuses a pack holding a NUL, a
 * C0 control or a byte windows-1250 leaves undefined (0x81, 0x83, 0x88, 0x90, 0x98), answering the
 * whole pack as not well-formed. This names further characters treated the same way, so a test can
 * give one document a character its client has no reason to flag and watch the client find it.
 *
 * @module
 */

import { decodeXml } from "./body.ts";

/** The note of a pack refused for a byte the parser cannot decode (libxml2's reason, as for the undefined bytes). */
export const UNREADABLE_NOTE = "XML dokument není správně utvořen: Invalid bytes in character encoding";

/** The refusal note when the request body holds one of `characters`, else `undefined`. */
export function unreadableNote(body: Uint8Array, characters: string): string | undefined {
  const text = decodeXml(body);
  return [...characters].some((ch) => text.includes(ch)) ? UNREADABLE_NOTE : undefined;
}
