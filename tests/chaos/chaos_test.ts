/**
 * The fault-injection suite's fast mode, as part of `deno task test`: the same 200 seeded schedules
 * as `deno task chaos`. A broken schedule prints its story and the command that runs it alone.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { FAST } from "./main.ts";
import { formatReport, runSuite, scheduleIds } from "./suite.ts";

Deno.test("fast mode: 200 schedules of faults, crashes and kills; nothing lost, nothing doubled", async () => {
  const report = await runSuite(scheduleIds(FAST, 1));
  if (report.broken.length > 0) console.log(formatReport(report));
  equal(report.outcomes.length, FAST);
  equal(report.lost, 0, "lost");
  equal(report.duplicated, 0, "duplicated");
  deepEqual(report.broken.map((o) => o.id), []);
  // The schedules did strike: every family of faults, on every service.
  const struck = [...report.faults.keys()].join("\n");
  for (
    const family of [
      /^FLOWii: connection refused$/m,
      /^mServer: timeout$/m,
      // Which status strikes a given service depends on how far each run gets (a timeout may end it
      // first), so the families are asked per service and per status, not per pair.
      /^mServer: HTTP \d{3}/m,
      /: HTTP 503/m,
      /^mServer: answer lost after the work was done$/m,
      /^mServer: pack refused$/m,
      /^mServer: some items refused/m,
      /^mServer: busy$/m,
      /^FLOWii: token expired$/m,
      /^FLOWii: (truncated|corrupt) zip$/m,
      /^mServer: crash after the work was done/m,
      /^crash (before|after) a state write$/m,
      /SIGKILL/m,
      /^two runs at once$/m,
      /^KROS: /m,
      /^(Shoptet|WooCommerce): /m,
    ]
  ) {
    ok(family.test(struck), `no fault matching ${family} struck`);
  }
});
