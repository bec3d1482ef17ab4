/**
 * Items POHODA's answer does not mention. POHODA may well have imported them, so they are never
 * reported as "not imported" on the answer alone: a document is looked up by its number (one list
 * request per document type and pack, like a taken number in `taken.ts`), and counts as imported
 * when POHODA has exactly one document with that number and it agrees (partner IČO and total,
 * `differences` in facts.ts). Everything else (not found, a lookup that failed, a partner or a
 * document without a number, which cannot be looked up) gets no verdict: it stays in the outbox and
 * goes again on the next run, where POHODA's duplicity checks recognise it if it did arrive.
 *
 * @module
 */

import { SpojkaError } from "../core/errors.ts";
import { agendaName, m } from "../i18n/mod.ts";
import { describeDocument, differences, type DocumentFacts, itemFacts } from "./facts.ts";
import type { PohodaLists } from "./list.ts";
import { lookUpNumbers } from "./lookup.ts";
import type { SettledOutcome } from "./taken.ts";

/** An item POHODA did not answer for, and what its lookup found, in words. */
export type NoAnswer = { outcome: "unanswered"; detail: string };

/** An outcome with an unanswered item checked in POHODA. */
export type CheckedOutcome = Exclude<SettledOutcome, { outcome: "unanswered" }> | NoAnswer;

/** A posting event whose outcomes (if it carries any) are checked. */
export type Checked<E> = E extends { kind: "answered"; outcomes: Map<string, SettledOutcome> }
  ? Omit<E, "outcomes"> & { outcomes: Map<string, CheckedOutcome> }
  : E;

/**
 * Passes posting events on, with every item an answered pack's answer did not mention looked up in
 * POHODA. `payloadOf` gives the payload of an item of the pack by its outbox key.
 */
export async function* checkUnanswered<E extends { kind: string }>(
  events: AsyncIterable<E>,
  payloadOf: (key: string) => string,
  lists: Pick<PohodaLists, "documents">,
): AsyncGenerator<Checked<E>> {
  for await (const event of events) {
    const outcomes = (event as { outcomes?: Map<string, SettledOutcome> }).outcomes;
    const unanswered = [...outcomes ?? []].filter(([, o]) => o.outcome === "unanswered").map(([key]) => key);
    if (event.kind !== "answered" || unanswered.length === 0) {
      yield event as Checked<E>;
      continue;
    }
    const checked = new Map(outcomes) as Map<string, CheckedOutcome>;
    for (const [key, outcome] of await check(unanswered, payloadOf, lists)) checked.set(key, outcome);
    yield { ...event, outcomes: checked } as Checked<E>;
  }
}

async function check(
  keys: string[],
  payloadOf: (key: string) => string,
  lists: Pick<PohodaLists, "documents">,
): Promise<Map<string, CheckedOutcome>> {
  const ours = new Map(keys.map((key) => {
    const found = itemFacts(payloadOf(key));
    return [key, found?.kind === "document" && found.facts.number ? found.facts : undefined];
  }));
  const pohoda = await lookUpNumbers([...ours.values()].filter((f) => f !== undefined), lists);
  return new Map(keys.map((key) => {
    const facts = ours.get(key);
    return [key, judge(facts, facts && pohoda.get(facts.agenda))];
  }));
}

function judge(
  ours: DocumentFacts | undefined,
  pohoda: DocumentFacts[] | SpojkaError | undefined,
): CheckedOutcome {
  const noAnswer = (why: string): NoAnswer => ({
    outcome: "unanswered",
    detail: m.pohodaAnswer.unanswered(why),
  });
  if (!ours || !pohoda) return noAnswer(m.pohodaAnswer.unansweredNoNumber);
  if (pohoda instanceof SpojkaError) return noAnswer(m.pohodaAnswer.unansweredLookupFailed(pohoda.message));
  const same = pohoda.filter((d) => d.agenda === ours.agenda && d.number === ours.number);
  if (same.length === 0) {
    return noAnswer(m.pohodaAnswer.unansweredNone(agendaName(ours.agenda), ours.number!));
  }
  if (same.length > 1) return noAnswer(m.pohodaAnswer.unansweredSeveral(same.length, ours.number!));
  const [theirs] = same;
  const differ = differences(ours, theirs);
  if (differ.length > 0) {
    return noAnswer(m.pohodaAnswer.unansweredOther(describeDocument(theirs), differ.join("; ")));
  }
  return { outcome: "imported", id: theirs.id, number: ours.number, warnings: [] };
}
