import { deepEqual, equal, match } from "node:assert/strict";
import { parseCursorTime, parseEpoch } from "./cursor_time.ts";

const now = new Date(2026, 5, 1, 12, 0, 0);
const local = (...parts: [number, number, number, number?, number?, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0).getTime() / 1000;

Deno.test("a date is local midnight, with an optional time; ISO and Czech/Slovak forms", () => {
  deepEqual(parseCursorTime("2026-01-31", now), { epoch: local(2026, 1, 31) });
  deepEqual(parseCursorTime("2026-01-31 14:30", now), { epoch: local(2026, 1, 31, 14, 30) });
  deepEqual(parseCursorTime("2026-01-31T14:30:05", now), { epoch: local(2026, 1, 31, 14, 30, 5) });
  deepEqual(parseCursorTime("31.1.2026", now), { epoch: local(2026, 1, 31) });
  deepEqual(parseCursorTime(" 31. 1. 2026 8:05 ", now), { epoch: local(2026, 1, 31, 8, 5) });
});

Deno.test("a UNIX time is seconds; milliseconds and fractions are recognised", () => {
  deepEqual(parseCursorTime("1767225600", now), { epoch: 1767225600 });
  deepEqual(parseCursorTime("1767225600123", now), { epoch: 1767225600 });
  equal(parseEpoch("1767225600.9"), 1767225600);
  equal(parseEpoch("2026-01-31"), undefined);
});

Deno.test("typos, dates that do not exist, times before 2000 or in the future are refused with the reason", () => {
  for (const bad of ["yesterday", "2026-02-30", "31.13.2026", "2026-01-31 25:00", "", "-5"]) {
    const result = parseCursorTime(bad, now);
    match("problem" in result ? result.problem : "", /neither a date .* nor a UNIX time/, bad);
  }
  const old = parseCursorTime("176722560", now); // a digit short: 1975
  match("problem" in old ? old.problem : "", /^is 1975-.*, before the year 2000$/);
  const future = parseCursorTime("2026-06-02", now);
  match("problem" in future ? future.problem : "", /^is 2026-06-02 00:00:00 .*, in the future$/);
  deepEqual(parseCursorTime(String(now.getTime() / 1000), now), { epoch: now.getTime() / 1000 });
});
