/**
 * The kinds of schedule, and running one by its id, `<kind>:<seed>`.
 *
 * @module
 */

import { concurrentSchedule, killSchedule } from "./cli_schedule.ts";
import { flowiiSchedule } from "./flowii_schedule.ts";
import { newOutcome, type Outcome } from "./outcome.ts";
import { stockSchedule } from "./stock_schedule.ts";

/** The kinds of schedule, by the name in their id. */
export const SCHEDULES = {
  flowii: flowiiSchedule,
  stock: stockSchedule,
  kill: killSchedule,
  concurrent: concurrentSchedule,
} as const;

/** A kind of schedule. */
export type ScheduleKind = keyof typeof SCHEDULES;

/** The kinds that drive spojka in this process (the others run the real program). */
export const IN_PROCESS: readonly ScheduleKind[] = ["flowii", "stock"];

/** The kind of the schedule `id`. */
export function kindOf(id: string): ScheduleKind | undefined {
  const kind = id.split(":")[0];
  return Object.hasOwn(SCHEDULES, kind) ? kind as ScheduleKind : undefined;
}

/** Runs the schedule `id`; a schedule that cannot run is an outcome with that problem. */
export async function runSchedule(id: string): Promise<Outcome> {
  const kind = kindOf(id);
  const seed = id.split(":")[1] ?? "";
  if (!kind || !/^\d+$/.test(seed)) {
    throw new Error(`no schedule ${id}: expected <${Object.keys(SCHEDULES).join("|")}>:<seed>`);
  }
  try {
    return await SCHEDULES[kind](Number(seed));
  } catch (e) {
    const outcome = newOutcome(id);
    outcome.problems.push(`the schedule itself failed: ${e instanceof Error ? e.stack : e}`);
    return outcome;
  }
}
