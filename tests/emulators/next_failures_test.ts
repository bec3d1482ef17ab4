import { equal } from "node:assert/strict";
import { NextFailures } from "./next_failures.ts";

Deno.test("an armed fault strikes the next requests only, and re-arming replaces it", () => {
  const failures = new NextFailures<number>();
  equal(failures.take(), undefined);
  failures.arm(2, 503);
  equal(failures.take(), 503);
  failures.arm(1, 500);
  equal(failures.take(), 500);
  equal(failures.take(), undefined);
});
