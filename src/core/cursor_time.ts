/**
 * Reading a point in time a user gives for a cursor (`reset --cursor --to`, the vendor's lastrun.txt):
 * a date, a date and time, or a UNIX time.
 *
 * @module
 */

import { epochSeconds, formatLocal } from "./time.ts";
import { m } from "../i18n/mod.ts";

/** The earliest cursor accepted: anything before is a typo (a digit missing), not an export date. */
const EARLIEST = Date.UTC(2000, 0, 1) / 1000;

/**
 * Milliseconds from here on: a UNIX time in seconds reaches 1e11 only in the year 5138, so a
 * larger number is milliseconds (some programs write those).
 */
const MILLIS_FROM = 1e11;

/** `2026-01-31`, `2026-01-31 14:30`, `2026-01-31T14:30:05`, or Czech/Slovak `31.1.2026 14:30`. */
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CZECH = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** UNIX seconds of `text` (seconds, milliseconds, or a decimal fraction of seconds), or `undefined`. */
export function parseEpoch(text: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Math.floor(value >= MILLIS_FROM ? value / 1000 : value);
}

/**
 * UNIX seconds of `text`: a UNIX time, or a date (local midnight) with an optional time of day in
 * the local zone, as on the POHODA PC's clock. Returns the reason when it is none of these, or
 * lies before 2000 or after `now` (a cursor in the future would skip changes).
 */
export function parseCursorTime(text: string, now = new Date()): { epoch: number } | { problem: string } {
  const trimmed = text.trim();
  const epoch = parseEpoch(trimmed) ?? localDate(trimmed);
  if (epoch === undefined) {
    return { problem: m.cursorTime.neither };
  }
  if (epoch < EARLIEST) return { problem: m.cursorTime.before2000(formatLocal(new Date(epoch * 1000))) };
  if (epoch > epochSeconds(now)) {
    return { problem: m.cursorTime.future(formatLocal(new Date(epoch * 1000))) };
  }
  return { epoch };
}

function localDate(text: string): number | undefined {
  const iso = ISO.exec(text);
  const czech = iso ? undefined : CZECH.exec(text);
  if (!iso && !czech) return undefined;
  const [year, month, day, hour, minute, second] = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : [czech![3], czech![2], czech![1], czech![4], czech![5], czech![6]];
  const parts = [year, month, day, hour ?? "0", minute ?? "0", second ?? "0"].map(Number);
  const date = new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  // Date rolls 31 February over into March; such a date is a typo, not March.
  const back = [
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  ];
  return back.every((value, i) => value === parts[i]) ? epochSeconds(date) : undefined;
}
