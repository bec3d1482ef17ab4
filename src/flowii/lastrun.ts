/**
 * The vendor's FLOWii POHODA connector keeps where it continues in `lastrun.txt`: a UNIX time.
 * Moving to spojka, that time becomes the cursor of both FLOWii streams, so nothing is imported twice.
 *
 * The file's exact format is not published: seconds are assumed, milliseconds are recognised by their
 * size, a UTF-8 or UTF-16 byte order mark and surrounding white space are ignored.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { parseCursorTime } from "../core/cursor_time.ts";
import { m } from "../i18n/mod.ts";

/** The UNIX time `text` (the content of `file`) holds; a {@linkcode ConfigError} naming the file otherwise. */
export function parseLastrun(text: string, file: string, now = new Date()): number {
  const content = text.replace(/^\uFEFF/, "").trim();
  // Only a number: a date in the file would mean it is not the connector's file.
  const result = /^\d+(\.\d+)?$/.test(content) ? parseCursorTime(content, now) : undefined;
  if (result && "epoch" in result) return result.epoch;
  const shown = content.length > 40 ? `${content.slice(0, 40)}…` : content;
  const reason = result ? m.lastrun.badTime(result.problem) : m.lastrun.holds(shown);
  throw new ConfigError(m.lastrun.notUnixTime(file, reason), { hint: m.lastrun.hint });
}

/** Reads `file` and returns the UNIX time it holds. */
export async function readLastrun(file: string, now = new Date()): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? m.lastrun.notThere : (e as Error).message;
    throw new ConfigError(m.lastrun.cannotRead(file, why), { hint: m.lastrun.hint });
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return parseLastrun(new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes), file, now);
}
