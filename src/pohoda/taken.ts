/**
 * Settling "this document number already exists", for invoices and orders alike. POHODA refuses a
 * document whose number it has:
 * that is this very document when it was imported before without spojka's ids (by the vendor's
 * connector, or before a database was restored), or another document with the same number. A lookup
 * of the number tells them apart: the item counts as already present only when POHODA's document
 * with that number has the same partner IČO and total (`differences` in facts.ts); otherwise it
 * fails with a message naming both documents.
 *
 * The lookups of one pack go together, one list request per document type, and run while mServer
 * works on the next pack (they queue behind it in the mServer client).
 *
 * @module
 */

import { SpojkaError } from "../core/errors.ts";
import { agendaName, m } from "../i18n/mod.ts";
import { describeDocument, differences, type DocumentFacts, itemFacts } from "./facts.ts";
import type { PohodaLists } from "./list.ts";
import { lookUpNumbers } from "./lookup.ts";
import type { ItemOutcome } from "./post.ts";

/** An outcome with the question of a taken number settled. */
export type SettledOutcome = Exclude<ItemOutcome, { outcome: "number_taken" }>;

/** A posting event whose outcomes (if it carries any) are settled. */
export type Settled<E> = E extends { kind: "answered"; outcomes: Map<string, ItemOutcome> }
  ? Omit<E, "outcomes"> & { outcomes: Map<string, SettledOutcome> }
  : E;

type Taken = Extract<ItemOutcome, { outcome: "number_taken" }>;

/**
 * Passes posting events on, with every "number already exists" of an answered pack settled by a
 * lookup in POHODA. `payloadOf` gives the payload of an item of the pack by its outbox key.
 */
export async function* settleTakenNumbers<E extends { kind: string }>(
  events: AsyncIterable<E>,
  payloadOf: (key: string) => string,
  lists: Pick<PohodaLists, "documents">,
): AsyncGenerator<Settled<E>> {
  for await (const event of events) {
    const outcomes = (event as { outcomes?: Map<string, ItemOutcome> }).outcomes;
    const taken = [...outcomes ?? []].filter((entry): entry is [string, Taken] =>
      entry[1].outcome === "number_taken"
    );
    if (event.kind !== "answered" || taken.length === 0) {
      yield event as Settled<E>;
      continue;
    }
    const settled = new Map(outcomes) as Map<string, SettledOutcome>;
    for (const [key, outcome] of await settle(taken, payloadOf, lists)) settled.set(key, outcome);
    yield { ...event, outcomes: settled } as Settled<E>;
  }
}

/** Looks the taken numbers up, one request per document type, and judges each item. */
async function settle(
  taken: [string, Taken][],
  payloadOf: (key: string) => string,
  lists: Pick<PohodaLists, "documents">,
): Promise<Map<string, SettledOutcome>> {
  const ours = new Map(taken.map(([key]) => {
    const found = itemFacts(payloadOf(key));
    return [key, found?.kind === "document" && found.facts.number ? found.facts : undefined];
  }));
  const pohoda = await lookUpNumbers([...ours.values()].filter((f) => f !== undefined), lists);
  return new Map(taken.map(([key, outcome]) => {
    const facts = ours.get(key);
    return [key, judge(outcome, facts, facts && pohoda.get(facts.agenda))];
  }));
}

/** Already present when exactly one POHODA document has the number and agrees; otherwise a failure saying why. */
function judge(
  taken: Taken,
  ours: DocumentFacts | undefined,
  pohoda: DocumentFacts[] | SpojkaError | undefined,
): SettledOutcome {
  const rejected = (reason: string): SettledOutcome => ({ outcome: "rejected", reason });
  if (!ours || !pohoda) {
    return rejected(m.pohodaAnswer.cannotLookUp(taken.detail));
  }
  if (pohoda instanceof SpojkaError) {
    return rejected(m.pohodaAnswer.lookupFailed(taken.detail, pohoda.message));
  }
  const same = pohoda.filter((d) => d.agenda === ours.agenda && d.number === ours.number);
  if (same.length === 0) {
    return rejected(m.pohodaAnswer.notListed(ours.number!, agendaName(ours.agenda)));
  }
  if (same.length > 1) {
    return rejected(m.pohodaAnswer.usedBy(ours.number!, same.length, same.map(describeDocument).join("; ")));
  }
  const [theirs] = same;
  const differ = differences(ours, theirs);
  if (differ.length > 0) {
    return rejected(
      m.pohodaAnswer.takenByOther(
        ours.number!,
        describeDocument(theirs),
        describeDocument(ours),
        differ.join("; "),
      ),
    );
  }
  return {
    outcome: "duplicate",
    by: "number",
    id: theirs.id,
    number: ours.number,
    detail: m.pohodaAnswer.sameDocument(ours.totalCents !== undefined, describeDocument(theirs)),
  };
}
