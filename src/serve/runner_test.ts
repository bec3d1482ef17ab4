import { deepEqual, equal } from "node:assert/strict";
import type { ConnectorId } from "../connectors/config.ts";
import { Runner, type RunOutcome } from "./runner.ts";

const order: ConnectorId[] = ["flowii", "stock"];
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run that takes `ms` and records what ran, and how many ran at once. */
function recorder(ms: number, outcomes: RunOutcome[] = []) {
  const runs: ConnectorId[][] = [];
  let active = 0;
  let most = 0;
  const run = async (ids: ConnectorId[]) => {
    runs.push(ids);
    most = Math.max(most, ++active);
    await tick(ms);
    active--;
    return outcomes.shift() ?? "done";
  };
  return { run, runs, most: () => most };
}

Deno.test("requests during a run merge into one run after it; never two at once", async () => {
  const r = recorder(40);
  const runner = new Runner(r.run, order, (e) => {
    throw e;
  });
  runner.request("stock");
  await tick(10);
  runner.request("stock");
  runner.request("flowii");
  runner.request("stock");
  await tick(150);
  await runner.stop();
  deepEqual(r.runs, [["stock"], ["flowii", "stock"]]);
  equal(r.most(), 1);
});

Deno.test("debounced requests coalesce into one run", async () => {
  const r = recorder(5);
  const runner = new Runner(r.run, order, (e) => {
    throw e;
  });
  for (let i = 0; i < 5; i++) runner.request("stock", 30);
  await tick(80);
  await runner.stop();
  deepEqual(r.runs, [["stock"]]);
});

Deno.test("a run that finds the lock held is kept for later, not lost", async () => {
  const r = recorder(5, ["locked"]);
  const runner = new Runner(r.run, order, (e) => {
    throw e;
  });
  runner.request("stock");
  await tick(30);
  deepEqual(runner.pending, ["stock"]);
  await runner.stop();
});

Deno.test("stop waits for the run in progress and schedules nothing more", async () => {
  const r = recorder(40);
  const runner = new Runner(r.run, order, (e) => {
    throw e;
  });
  runner.request("stock");
  await tick(5);
  runner.request("flowii", 10);
  await runner.stop();
  equal(runner.busy, false);
  await tick(30);
  deepEqual(r.runs, [["stock"]]);
});

Deno.test("a run that fails unexpectedly is reported, and later requests still run", async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const runner = new Runner(
    () => ++calls === 1 ? Promise.reject(new Error("disk full")) : Promise.resolve("done"),
    order,
    (e) => errors.push(e),
  );
  runner.request("stock");
  await tick(20);
  runner.request("stock");
  await tick(20);
  await runner.stop();
  equal(calls, 2);
  equal((errors[0] as Error).message, "disk full");
});
