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

const HINT = "Give the lastrun.txt from the folder of FLOWii's POHODA connector, or set the start by " +
  "hand after init: spojka reset --cursor --to <date, e.g. 2026-01-31>.";

/** The UNIX time `text` (the content of `file`) holds; a {@linkcode ConfigError} naming the file otherwise. */
export function parseLastrun(text: string, file: string, now = new Date()): number {
  const content = text.replace(/^\uFEFF/, "").trim();
  // Only a number: a date in the file would mean it is not the connector's file.
  const result = /^\d+(\.\d+)?$/.test(content) ? parseCursorTime(content, now) : undefined;
  if (result && "epoch" in result) return result.epoch;
  const shown = content.length > 40 ? `${content.slice(0, 40)}…` : content;
  const reason = result ? `its time ${result.problem}` : `it holds ${JSON.stringify(shown)}`;
  throw new ConfigError(
    `${file} does not hold a UNIX time (seconds since 1970) as the vendor's connector writes it: ${reason}.`,
    { hint: HINT },
  );
}

/** Reads `file` and returns the UNIX time it holds. */
export async function readLastrun(file: string, now = new Date()): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw new ConfigError(`Cannot read ${file}: ${why}.`, { hint: HINT });
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return parseLastrun(new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes), file, now);
}
