/**
 * What one schedule found, whatever its kind.
 *
 * @module
 */

/** The findings of one schedule. */
export interface Outcome {
  /** `<kind>:<seed>`; `deno task chaos --seed <id>` runs the schedule alone. */
  id: string;
  /** The fault kinds that struck, in order. */
  struck: string[];
  /** What happened, a line per step, shown when the schedule broke a promise. */
  story: string[];
  /** Records that should be in the target after the clean run and are not. */
  lost: number;
  /** Records the target holds more than once. */
  duplicated: number;
  /** Anything else broken, one sentence each (a run stuck, a bug, an item waiting for nothing). */
  problems: string[];
}

/** A new outcome of schedule `id`, with nothing found yet. */
export function newOutcome(id: string): Outcome {
  return { id, struck: [], story: [], lost: 0, duplicated: 0, problems: [] };
}

/** True when the schedule kept every promise. */
export function kept(outcome: Outcome): boolean {
  return outcome.lost === 0 && outcome.duplicated === 0 && outcome.problems.length === 0;
}
