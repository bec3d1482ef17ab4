/**
 * Czech and Slovak business identifiers with valid check digits, so the importer's IČO checks see
 * realistic input.
 *
 * @module
 */

import type { Random } from "./random.ts";

/** Check digit of an IČO from its first seven digits: weights 8…2, (11 − sum mod 11) mod 10. */
export function icoCheckDigit(firstSeven: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(firstSeven[i]) * (8 - i);
  return (11 - (sum % 11)) % 10;
}

/** Whether `ico` is 8 digits whose last digit is the mod-11 check digit. */
export function isValidIco(ico: string): boolean {
  return /^\d{8}$/.test(ico) && icoCheckDigit(ico) === Number(ico[7]);
}

/** A random valid IČO. The first digit is never 0, as in issued Czech and Slovak numbers. */
export function randomIco(rng: Random): string {
  const firstSeven = String(rng.int(1, 9)) + rng.digits(6);
  return firstSeven + String(icoCheckDigit(firstSeven));
}

/**
 * A random Slovak DIČ: 10 digits starting with 20–21 (legal persons) and divisible by 11, which is
 * the check the Slovak tax office applies.
 */
export function randomSkDic(rng: Random): string {
  const n = rng.int(2020000000, 2129999999);
  return String(n - (n % 11) + 11);
}
