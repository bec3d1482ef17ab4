/**
 * Query-parameter parsing shared by the emulated APIs that validate numbers strictly (ASP.NET model
 * binding at KROS, the WP REST schema at WooCommerce): a value is an integer or it is an error.
 *
 * @module
 */

/** `fallback` for an absent parameter, the integer it holds, or `undefined` when it holds no integer. */
export function integerParam(value: string | null | undefined, fallback: number): number | undefined {
  if (value === null || value === undefined) return fallback;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}
