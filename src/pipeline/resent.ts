/**
 * A pack sent more than once within one run (mServer's answer to it was lost, or mServer was busy)
 * is answered by POHODA's batch duplicity check for whatever the earlier attempt imported: "imported
 * before". Those items were imported by this very run, so they are reported as imported, unless an
 * earlier run had already confirmed them (the ledger knows).
 *
 * An attempt refused as busy imported nothing, so an item a crashed earlier run imported without
 * recording it is then also counted here as imported: either way it is counted once, and POHODA
 * holds it once.
 *
 * @module
 */

import type { CheckedOutcome } from "../pohoda/unanswered.ts";

/** The outcomes of a pack sent more than once, with this run's own imports counted as imported. */
export function ownImports(
  outcomes: ReadonlyMap<string, CheckedOutcome>,
  confirmedBefore: (key: string) => boolean,
): Map<string, CheckedOutcome> {
  return new Map(
    [...outcomes].map(([key, outcome]): [string, CheckedOutcome] =>
      outcome.outcome === "duplicate" && outcome.by === "batch" && !outcome.deleted && !confirmedBefore(key)
        ? [key, { outcome: "imported", id: outcome.id, number: outcome.number, warnings: [] }]
        : [key, outcome]
    ),
  );
}
