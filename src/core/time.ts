/**
 * Local-time formatting. Users read times in their own zone (the POHODA PC's clock), so
 * everything shown or written to disk for humans uses local time with its offset.
 *
 * @module
 */

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2026-11-23 10:30:05 +01:00`: local time with the zone offset, for logs and `status`. */
export function formatLocal(date: Date, withMillis = false): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const ms = withMillis ? `.${pad(date.getMilliseconds(), 3)}` : "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${ms} ` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-11-23-10-30-05`: local time for file names (the format of the vendor's response files). */
export function fileStamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-` +
    `${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}

/** Whole seconds since the UNIX epoch. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
