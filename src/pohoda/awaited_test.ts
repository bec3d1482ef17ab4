import { deepEqual } from "node:assert/strict";
import { apartAwaited } from "./awaited.ts";
import type { PackEvent } from "./post.ts";

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function* of(...events: PackEvent[]): AsyncGenerator<PackEvent> {
  yield* events;
}

Deno.test("a pack whose answer comes later leaves its sent items awaited, and settles those refused before sending", async () => {
  const placeholder = new Uint8Array([1]);
  const answer = new Uint8Array([2]);
  const later = { isAwaited: (bytes: Uint8Array) => bytes === placeholder };
  const events = await collect(apartAwaited(
    of(
      {
        kind: "answered",
        response: placeholder,
        outcomes: new Map([
          ["a", { outcome: "unanswered" }],
          ["b", { outcome: "rejected", reason: "too long" }],
          ["c", { outcome: "unanswered" }],
        ]),
      },
      { kind: "answered", response: answer, outcomes: new Map([["d", { outcome: "unanswered" }]]) },
    ),
    later,
  ));
  deepEqual(events, [
    { kind: "answered", outcomes: new Map([["b", { outcome: "rejected", reason: "too long" }]]) },
    { kind: "awaiting", keys: ["a", "c"], answer: placeholder },
    // A real answer that does not mention an item is POHODA's word: left for the lookup.
    { kind: "answered", response: answer, outcomes: new Map([["d", { outcome: "unanswered" }]]) },
  ]);
});

Deno.test("without answers that come later, events pass unchanged", async () => {
  const event: PackEvent = { kind: "answered", outcomes: new Map([["a", { outcome: "unanswered" }]]) };
  deepEqual(await collect(apartAwaited(of(event), undefined)), [event]);
});
