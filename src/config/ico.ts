/**
 * IČO, the Czech and Slovak company identification number.
 *
 * @module
 */

/** Whether `ico` has the form of an IČO: exactly 8 digits. */
export function isIcoFormat(ico: string): boolean {
  return /^\d{8}$/.test(ico);
}

/**
 * Whether the 8th digit is the mod-11 check digit of the first seven (weights 8…2), as both the
 * Czech and the Slovak register assign them. Some old numbers break the rule, so a failure is a
 * warning, not an error.
 */
export function hasValidCheckDigit(ico: string): boolean {
  if (!isIcoFormat(ico)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(ico[i]) * (8 - i);
  return (11 - (sum % 11)) % 10 === Number(ico[7]);
}
