import { deepEqual, equal, rejects } from "node:assert/strict";
import type { RunSummary } from "../state/runs.ts";
import { Cached, healthOf, publicHealth } from "./health.ts";

function run(result: RunSummary["result"], id = 1): RunSummary & { id: number } {
  const exitCode = { ok: 0, partial: 1, failed: 4 }[result];
  return { id, startedAt: "s", finishedAt: "f", exitCode, result, counts: {} };
}

Deno.test("serve is failing when a connector's last run stopped early, or the state cannot be read", () => {
  equal(healthOf({ runs: {} }, false, []).status, "ok");
  equal(healthOf({ runs: { flowii: run("ok"), stock: run("partial") } }, false, []).status, "ok");
  const failing = healthOf({ runs: { flowii: run("ok"), stock: run("failed") } }, true, ["flowii"]);
  deepEqual(publicHealth(failing), { status: "failing", running: true });
  deepEqual(healthOf({ error: "spojka's state cannot be read: disk I/O error" }, false, []), {
    status: "failing",
    running: false,
    pending: [],
    lastRuns: {},
    error: "spojka's state cannot be read: disk I/O error",
  });
});

Deno.test("a flood of /healthz reads the state once per interval, and afresh after a run", async () => {
  let reads = 0;
  let now = 0;
  const cached = new Cached(() => Promise.resolve(++reads), 5_000, () => now);
  // At once, before the first read has answered: they share it.
  deepEqual(await Promise.all(Array.from({ length: 1000 }, () => cached.get())), new Array(1000).fill(1));
  now = 4_999;
  equal(await cached.get(), 1);
  now = 5_000;
  equal(await cached.get(), 2);
  cached.forget(); // a run ended
  equal(await cached.get(), 3);
  equal(reads, 3);
});

Deno.test("a read that fails is not kept", async () => {
  let reads = 0;
  const cached = new Cached(
    () => ++reads === 1 ? Promise.reject(new Error("locked")) : Promise.resolve(reads),
    5_000,
  );
  await rejects(cached.get(), /locked/);
  equal(await cached.get(), 2);
});
