/**
 * Counting what a run did, per agenda, for the console, the log and `status`.
 *
 * @module
 */

import { agendaName, m, outcomeName } from "../i18n/mod.ts";

/** What happened to items, counted. */
const OUTCOMES = [
  "fetched",
  "imported",
  "updated",
  "already_present",
  "with_warnings",
  "failed",
  /** POHODA's answer did not mention the item and a lookup did not confirm it: it goes again next run. */
  "no_answer",
] as const;
/** One of {@linkcode OUTCOMES}. */
export type Outcome = typeof OUTCOMES[number];

/** Counts per agenda. */
export class Tally {
  readonly #counts = new Map<string, Record<Outcome, number>>();

  /** Counts one item of `agenda` as `outcome`. */
  add(agenda: string, outcome: Outcome): void {
    let counts = this.#counts.get(agenda);
    if (!counts) {
      this.#counts.set(
        agenda,
        counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
      );
    }
    counts[outcome]++;
  }

  /** The total of `outcome` over all agendas. */
  total(outcome: Outcome): number {
    return [...this.#counts.values()].reduce((sum, counts) => sum + counts[outcome], 0);
  }

  /** Items that failed or got no answer: they wait for the next run, which makes this one partial. */
  unsettled(): number {
    return this.total("failed") + this.total("no_answer");
  }

  /** Counts per agenda as stored in the run summary. */
  toJSON(): Record<string, Record<Outcome, number>> {
    return Object.fromEntries(this.#counts);
  }

  /** Lines for the console: every total, then per agenda what is not zero. */
  lines(): string[] {
    const describe = (outcomes: readonly Outcome[], count: (o: Outcome) => number) =>
      outcomes.map((o) => m.tally.count(outcomeName(o), count(o))).join(", ");
    return [
      describe(OUTCOMES, (o) => this.total(o)),
      ...[...this.#counts].map(([agenda, counts]) =>
        `  ${agendaName(agenda)}: ${describe(OUTCOMES.filter((o) => counts[o] > 0), (o) => counts[o])}`
      ),
    ];
  }
}
