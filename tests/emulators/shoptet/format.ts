/**
 * Shoptet's value formats (OpenAPI `typeAmount`, `typeDateTime`): amounts are strings with exactly
 * three decimals, times are ISO 8601 with a `+hhmm` offset.
 *
 * @module
 */

/** `5` → `"5.000"`, `-1.5` → `"-1.500"`; `null` stays `null`. */
export function amount(value: number | null): string | null {
  return value === null ? null : value.toFixed(3);
}

/** `2026-01-02T03:04:05+0000`. */
export function shoptetTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+0000");
}
