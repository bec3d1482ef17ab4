/**
 * Plural forms. Czech and Slovak have three: 1, 2–4, and 0 or 5 and more (also fractions, which
 * spojka never counts); English two.
 *
 * @module
 */

/** `one` for 1, `few` for 2–4, `many` otherwise: Czech and Slovak. */
export function slavic(n: number, one: string, few: string, many: string): string {
  return n === 1 ? one : n >= 2 && n <= 4 ? few : many;
}

/** `one` for 1, `other` otherwise: English. */
export function english(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}
