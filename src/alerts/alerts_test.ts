import { deepEqual, equal } from "node:assert/strict";
import { afterDelivery, type ChannelMemory, decide, type Notice, type RunResult } from "./alerts.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (hours: number) => new Date(Date.UTC(2026, 11, 3, 8) + hours * HOUR).toISOString();

function run(hours: number, outcome: Partial<RunResult> = {}): RunResult {
  return { connector: "flowii", at: at(hours), exitCode: 0, rejected: { total: 0, items: [] }, ...outcome };
}

const unreachable = (port: number) => ({
  exitCode: 4,
  failure: { message: `mServer at http://127.0.0.1:${port}/xml cannot be reached: connection refused` },
});

const rejected = (...labels: string[]) => ({
  exitCode: 1,
  rejected: {
    total: labels.length,
    items: labels.map((label) => ({ key: `documents/${label}`, agenda: "issuedInvoice", label })),
  },
});

/** Runs the results in turn on one channel that delivers everything; returns what each run sent. */
function replay(...results: RunResult[]): string[][] {
  let memory: ChannelMemory = {};
  return results.map((result) => {
    const notices = decide(result, memory, DAY);
    for (const notice of notices) memory = afterDelivery(memory, notice);
    return notices.map(describe);
  });
}

function describe(notice: Notice): string {
  return notice.type === "recovery"
    ? `recovery of ${notice.ended.map((e) => e.kind).join(", ")}`
    : `${notice.reminder ? "reminder" : "alert"}: ${notice.kind}`;
}

Deno.test("a failure is told once, not again within the period, and its end once", () => {
  deepEqual(replay(run(0, unreachable(444)), run(0.5, unreachable(444)), run(1), run(1.5)), [
    ["alert: failed"],
    [],
    ["recovery of failed"],
    [],
  ]);
});

Deno.test("a failure that lasts is told again after the period, as lasting since its start", () => {
  let memory: ChannelMemory = {};
  for (const hours of [0, 12]) {
    for (const notice of decide(run(hours, unreachable(444)), memory, DAY)) {
      memory = afterDelivery(memory, notice);
    }
  }
  const [notice] = decide(run(24, unreachable(444)), memory, DAY);
  equal(notice.type === "alert" && notice.reminder, true);
  equal(notice.type === "alert" && notice.told.since, at(0));
});

Deno.test("another failure is a new problem; a number in the same one is not", () => {
  const refused = { exitCode: 4, failure: { message: "mServer refused the user spojka: wrong password" } };
  deepEqual(replay(run(0, unreachable(444)), run(1, unreachable(4444)), run(2, refused)), [
    ["alert: failed"],
    [],
    ["alert: failed"],
  ]);
});

Deno.test("rejected items: the same or fewer tell nothing new, a new one does, none is a recovery", () => {
  deepEqual(
    replay(
      run(0, rejected("FV1", "FV2")),
      run(1, rejected("FV2", "FV1")),
      run(2, rejected("FV1")),
      run(3, rejected("FV1", "FV3")),
      run(4),
    ),
    [["alert: rejected"], [], [], ["alert: rejected"], ["recovery of rejected"]],
  );
});

Deno.test("a failed run ends neither problem; a run that gets through ends the failure only", () => {
  deepEqual(
    replay(run(0, rejected("FV1")), run(1, unreachable(444)), run(2, rejected("FV1")), run(3)),
    [["alert: rejected"], ["alert: failed"], ["recovery of failed"], ["recovery of rejected"]],
  );
});

Deno.test("what was not delivered is decided again by the next run", () => {
  const first = decide(run(0, unreachable(444)), {}, DAY);
  equal(first.length, 1);
  // Not delivered: the memory stays empty, so the next failing run alerts.
  deepEqual(decide(run(0.5, unreachable(444)), {}, DAY).map(describe), ["alert: failed"]);
  // A problem never told ends without a recovery notice.
  deepEqual(decide(run(1), {}, DAY), []);
});

Deno.test("each connector's memory is its own: a good run is no recovery for another", () => {
  let flowii: ChannelMemory = {};
  for (const notice of decide(run(0, unreachable(444)), flowii, DAY)) flowii = afterDelivery(flowii, notice);
  deepEqual(decide({ ...run(1), connector: "stock" }, {}, DAY), []);
  deepEqual(decide(run(1), flowii, DAY).map(describe), ["recovery of failed"]);
});
