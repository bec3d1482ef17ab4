/**
 * Posting events whose answer comes later (the `/XML` file exchange without a POHODA started by
 * spojka): the items sent in such a pack are neither settled nor looked up, only noted as awaited.
 *
 * @module
 */

import type { PackEvent } from "./post.ts";
import type { LaterAnswers } from "./transport.ts";

/** The items sent in a pack whose answer comes later; `answer` is what stands for it. */
export type Awaiting = { kind: "awaiting"; keys: string[]; answer: Uint8Array };

/**
 * Passes posting events on, with each pack whose answer is awaited turned into an `awaiting` event
 * for the items it sent, after an `answered` event (without a response) for those of its chunk
 * refused before sending.
 */
export async function* apartAwaited<E extends PackEvent>(
  events: AsyncIterable<E>,
  later: Pick<LaterAnswers, "isAwaited"> | undefined,
): AsyncGenerator<E | Awaiting> {
  for await (const event of events) {
    if (event.kind !== "answered" || !event.response || !later?.isAwaited(event.response)) {
      yield event;
      continue;
    }
    // Every item the placeholder "answers" is unanswered; the others were refused before sending.
    const sent = [...event.outcomes].filter(([, o]) => o.outcome === "unanswered").map(([key]) => key);
    const refused = new Map([...event.outcomes].filter(([, o]) => o.outcome !== "unanswered"));
    if (refused.size > 0) yield { kind: "answered", outcomes: refused } as E;
    yield { kind: "awaiting", keys: sent, answer: event.response };
  }
}
