import { equal, match, ok } from "node:assert/strict";
import { icoCheckDigit, isValidIco, randomIco, randomSkDic } from "./identifiers.ts";
import { Random } from "./random.ts";

Deno.test("isValidIco accepts real IČOs and rejects wrong check digits", () => {
  ok(isValidIco("00006947")); // Ministerstvo financí ČR
  ok(isValidIco("26168685")); // Seznam.cz, a.s.
  ok(!isValidIco("26168686"));
  ok(!isValidIco("2616868"));
});

Deno.test("icoCheckDigit handles the remainders 0 and 1", () => {
  equal(icoCheckDigit("0000000"), 1, "sum 0: (11 − 0) mod 10");
  equal(icoCheckDigit("0000006"), 0, "sum 12 ≡ 1: (11 − 1) mod 10");
});

Deno.test("random identifiers are valid", () => {
  const rng = new Random(42);
  for (let i = 0; i < 2000; i++) {
    const ico = randomIco(rng);
    ok(isValidIco(ico), ico);
    const dic = randomSkDic(rng);
    match(dic, /^2[01]\d{8}$/);
    equal(Number(dic) % 11, 0, dic);
  }
});
