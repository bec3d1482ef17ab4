import { deepEqual } from "node:assert/strict";
import { integerParam } from "./params.ts";

Deno.test("integerParam falls back when absent and refuses what is not an integer", () => {
  deepEqual([null, undefined].map((value) => integerParam(value, 7)), [7, 7]);
  deepEqual(["0", "-3", "42"].map((value) => integerParam(value, 7)), [0, -3, 42]);
  deepEqual(["", "1.5", "1e3", " 2", "x"].map((value) => integerParam(value, 7)), Array(5).fill(undefined));
});
