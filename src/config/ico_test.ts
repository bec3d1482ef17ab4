import { equal } from "node:assert/strict";
import { hasValidCheckDigit, isIcoFormat } from "./ico.ts";

Deno.test("IČO check digits: real registrations pass, a changed digit fails", () => {
  // Registered numbers: ČEZ, Česká spořitelna, Slovnaft, Tatra banka; 12345679 is the samples' fictitious one.
  for (const ico of ["45274649", "45244782", "31322832", "00686930", "12345679"]) {
    equal(hasValidCheckDigit(ico), true, ico);
  }
  for (const ico of ["45274648", "12345678", "00000002"]) equal(hasValidCheckDigit(ico), false, ico);
});

Deno.test("remainder 0 and 1 give check digits 1 and 0", () => {
  equal(hasValidCheckDigit("00000311"), true); // 3·3 + 2·1 = 11 → remainder 0 → check 1
  equal(hasValidCheckDigit("00000230"), true); // 3·2 + 2·3 = 12 → remainder 1 → check 0
  equal(hasValidCheckDigit("00000310"), false);
});

Deno.test("only 8 digits have the IČO format", () => {
  equal(isIcoFormat("12345679"), true);
  for (const ico of ["1234567", "123456789", "1234567a", " 12345679"]) equal(isIcoFormat(ico), false, ico);
});
