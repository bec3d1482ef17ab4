/**
 * The suite: which schedules make up a fast or a long run, running them side by side, and the
 * report (schedules run, faults by kind, `lost N`, `duplicated N`, and every broken schedule with
 * its story and the command that runs it alone).
 *
 * In-process schedules run in workers, many at once in each (they mostly wait on timeouts and
 * back-offs), a fresh worker for each batch; the ones that run the real program are few and run
 * beside them from this thread, a couple at a time.
 *
 * @module
 */

import { kept, newOutcome, type Outcome } from "./outcome.ts";
import { IN_PROCESS, kindOf, runSchedule, type ScheduleKind } from "./schedules.ts";
import type { Batch, Report } from "./worker.ts";

/** How a run of `count` schedules divides among the kinds: mostly FLOWii → POHODA, a handful of processes. */
export function scheduleIds(count: number, baseSeed: number): string[] {
  const processes = Math.max(2, Math.min(Math.round(count * 0.05), 200));
  const kill = Math.ceil(processes * 0.6);
  const concurrent = processes - kill;
  const stock = Math.round((count - processes) * 0.25);
  const flowii = count - processes - stock;
  const ids = (kind: ScheduleKind, n: number) =>
    Array.from({ length: n }, (_, i) => `${kind}:${baseSeed + i}`);
  return [
    ...ids("flowii", flowii),
    ...ids("stock", stock),
    ...ids("kill", kill),
    ...ids("concurrent", concurrent),
  ];
}

/** What a suite run found. */
export interface SuiteReport {
  outcomes: Outcome[];
  /** Schedules per kind. */
  kinds: Map<string, number>;
  /** How often each fault kind struck. */
  faults: Map<string, number>;
  lost: number;
  duplicated: number;
  broken: Outcome[];
  ms: number;
}

/** How to run the suite. */
export interface SuiteOptions {
  /** Workers running in-process schedules at once (each a batch, then a fresh one). */
  workers?: number;
  /** In-process schedules at once in each worker. */
  lanes?: number;
  /** In-process schedules per worker. */
  batch?: number;
  /** Schedules running the real program at once. */
  processLanes?: number;
  /** Hears of each finished schedule. */
  onOutcome?: (outcome: Outcome, done: number, total: number) => void;
}

/** Runs the schedules `ids` and sums them up. */
export async function runSuite(ids: readonly string[], options: SuiteOptions = {}): Promise<SuiteReport> {
  const started = performance.now();
  const outcomes: Outcome[] = [];
  const add = (outcome: Outcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome, outcomes.length, ids.length);
  };
  const inProcess = ids.filter((id) => IN_PROCESS.includes(kindOf(id)!));
  const processes = ids.filter((id) => !inProcess.includes(id));
  const size = options.batch ?? 10;
  const batches = Array.from(
    { length: Math.ceil(inProcess.length / size) },
    (_, i) => inProcess.slice(i * size, (i + 1) * size),
  );
  const lanes = options.lanes ?? 12;
  await Promise.all([
    ...Array.from({ length: options.workers ?? 2 }, async () => {
      for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
        await inWorker({ ids: batch, lanes }, add);
      }
    }),
    ...Array.from({ length: options.processLanes ?? 2 }, async () => {
      for (let id = processes.shift(); id !== undefined; id = processes.shift()) add(await runSchedule(id));
    }),
  ]);

  const kinds = new Map<string, number>();
  const faults = new Map<string, number>();
  for (const outcome of outcomes) {
    const kind = outcome.id.split(":")[0];
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    for (const fault of outcome.struck) faults.set(fault, (faults.get(fault) ?? 0) + 1);
  }
  return {
    outcomes,
    kinds,
    faults,
    lost: outcomes.reduce((sum, o) => sum + o.lost, 0),
    duplicated: outcomes.reduce((sum, o) => sum + o.duplicated, 0),
    broken: outcomes.filter((o) => !kept(o)).sort((a, b) => a.id.localeCompare(b.id)),
    ms: performance.now() - started,
  };
}

/** Runs `batch` in a fresh worker; a worker that fails leaves its unfinished schedules broken. */
function inWorker(batch: Batch, add: (outcome: Outcome) => void): Promise<void> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  const left = new Set(batch.ids);
  return new Promise<void>((resolve) => {
    const end = () => {
      worker.terminate();
      resolve();
    };
    worker.onmessage = (event: MessageEvent<Report>) => {
      if ("ready" in event.data) return worker.postMessage(batch);
      if ("done" in event.data) return end();
      left.delete(event.data.outcome.id);
      add(event.data.outcome);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const id of left) {
        const outcome = newOutcome(id);
        outcome.problems.push(`its worker failed: ${event.message}`);
        add(outcome);
      }
      end();
    };
  });
}

/** The report as text. */
export function formatReport(report: SuiteReport): string {
  const lines: string[] = [];
  const perKind = [...report.kinds].map(([kind, n]) => `${kind} ${n}`).join(", ");
  lines.push(`schedules run: ${report.outcomes.length} (${perKind}) in ${(report.ms / 1000).toFixed(1)} s`);
  lines.push("faults by kind:");
  const width = Math.max(0, ...[...report.faults.keys()].map((k) => k.length));
  for (const [kind, n] of [...report.faults].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${kind.padEnd(width)}  ${String(n).padStart(5)}`);
  }
  for (const outcome of report.broken) {
    lines.push("", `BROKEN ${outcome.id}: lost ${outcome.lost}, duplicated ${outcome.duplicated}`);
    for (const line of outcome.story) lines.push(`  ${line}`);
    for (const problem of outcome.problems) lines.push(`  ! ${problem}`);
    lines.push(`  run it alone: deno task chaos --seed ${outcome.id}`);
  }
  lines.push("", `lost ${report.lost}`, `duplicated ${report.duplicated}`);
  if (report.broken.length > 0) lines.push(`broken schedules: ${report.broken.length}`);
  return lines.join("\n");
}
