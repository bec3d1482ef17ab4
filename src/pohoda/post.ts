/**
 * The post stage: waiting items in POHODA's dependency order, in packs capped by count and size,
 * one pack at a time (mServer serialises them anyway); each answer is read item by item.
 *
 * @module
 */

import { buildPack } from "./pack.ts";
import { type ItemResult, NotAResponseError, parseResponse } from "./response.ts";

/** An item to post. */
export interface PostItem {
  key: string;
  itemId: string;
  agenda: string;
  payload: string;
}

/** What became of one item. */
export type ItemOutcome = ItemResult | { outcome: "unanswered" };

/** One pack's result. */
export type PackEvent =
  /** Items refused before sending, or answered by POHODA (`response` is the raw answer). */
  | { kind: "answered"; outcomes: Map<string, ItemOutcome>; response?: Uint8Array }
  /** POHODA refused the whole pack: nothing in it was imported. */
  | { kind: "refused"; note: string; keys: string[]; response: Uint8Array }
  /** The answer is not a POHODA response (a login page, a proxy's error): outcomes unknown. */
  | { kind: "unreadable"; problem: string; response: Uint8Array };

/** How packs are made. */
export interface PostPlan {
  ico: string;
  /** At most this many items in a pack (`batch_size`). */
  maxItems: number;
  /** At most about this many bytes in a pack (`batch_max_kb`); an item larger than that goes alone. */
  maxBytes: number;
  /** `dataPack@id` for the partners or the documents: constant, so the duplicity key survives any chunking. */
  packId: (group: "partners" | "documents") => string;
  /** `dataPack@note`. */
  note: string;
}

/** A pack to send, and whether POHODA should refuse what it already imported from the same ids. */
export type Send = (pack: Uint8Array<ArrayBuffer>, checkDuplicity: boolean) => Promise<Uint8Array>;

/**
 * Documents are create-only, so POHODA's batch duplicity check is what stops a replay from creating
 * them twice. Partners are upserts filtered by their identity: sending one again just updates it, and
 * the check would instead refuse a partner changed back to an earlier version.
 */
export function checksDuplicity(group: "partners" | "documents"): boolean {
  return group === "documents";
}

// Partners first, then documents in the order they depend on each other: advances before the
// invoices that deduct them, corrections after what they correct (POHODA errno 115 otherwise).
const ORDER = [
  "addressbook",
  "issuedAdvanceInvoice",
  "issuedProformaInvoice",
  "issuedInvoice",
  "receivable",
  "penalty",
  "issuedDebitNote",
  "issuedCreditNotice",
  "issuedCorrectiveTax",
  "receivedAdvanceInvoice",
  "receivedProformaInvoice",
  "receivedInvoice",
  "commitment",
  "receivedDebitNote",
  "receivedCreditNotice",
  "receivedCorrectiveTax",
];

/** Where items of `agenda` go in the posting order (lower first); agendas spojka does not know go last. */
export function postingRank(agenda: string): number {
  const i = ORDER.indexOf(agenda);
  return i < 0 ? ORDER.length : i;
}

/** A pack built from a chunk of items. */
export interface Pack {
  /** The encoded dataPack; `null` when every item of the chunk was refused before sending. */
  bytes: Uint8Array<ArrayBuffer> | null;
  /** Item ids in the pack. */
  itemIds: string[];
  /** Items refused before sending, by key. */
  refused: Map<string, ItemOutcome>;
  /** Item id → outbox key. */
  keyOf: Map<string, string>;
  group: "partners" | "documents";
}

/** The packs for `items` (already in posting order), built one at a time as they are asked for. */
export function* packs(items: Iterable<PostItem>, plan: PostPlan): Generator<Pack> {
  for (const chunk of chunks(items, plan)) {
    const group = chunk[0].agenda === "addressbook" ? "partners" : "documents";
    const built = buildPack({
      id: plan.packId(group),
      ico: plan.ico,
      note: plan.note,
      items: chunk.map((item) => ({ itemId: item.itemId, xml: item.payload })),
    });
    const keyOf = new Map(chunk.map((item) => [item.itemId, item.key]));
    const refused = new Map<string, ItemOutcome>(
      built.refused.map((r) => [keyOf.get(r.itemId)!, { outcome: "rejected", reason: r.reason }]),
    );
    yield {
      bytes: built.itemIds.length > 0 ? built.bytes : null,
      itemIds: built.itemIds,
      refused,
      keyOf,
      group,
    };
  }
}

/**
 * Posts `items` (already in posting order) and yields one event per pack. mServer never waits for
 * spojka: the next pack is built while mServer works on the current one and is sent as soon as the
 * current one is answered, before the caller settles that answer (its writes run while mServer
 * works on the next). A pack refused as a whole, or an answer that cannot be read, ends the posting.
 */
export async function* postInPacks(
  items: Iterable<PostItem>,
  send: Send,
  plan: PostPlan,
): AsyncGenerator<PackEvent> {
  const source = packs(items, plan);
  /** The next pack worth sending; packs whose every item was refused before sending come out as events. */
  const upcoming = (skipped: PackEvent[]): Pack | undefined => {
    // Not for…of: leaving that loop early would close the generator.
    for (let next = source.next(); !next.done; next = source.next()) {
      if (next.value.bytes !== null) return next.value;
      skipped.push({ kind: "answered", outcomes: new Map(next.value.refused) });
    }
    return undefined;
  };
  const skipped: PackEvent[] = [];
  let current = upcoming(skipped);
  yield* drain(skipped);
  let flight = current && inFlight(send, current);
  while (current && flight) {
    const next = upcoming(skipped);
    const response = await flight;
    let result;
    try {
      result = parseResponse(response);
    } catch (e) {
      if (!(e instanceof NotAResponseError)) throw e;
      yield { kind: "unreadable", problem: e.message, response };
      return;
    }
    if (result.kind === "refused") {
      const keys = current.itemIds.map((id) => current!.keyOf.get(id)!);
      yield { kind: "refused", note: result.note, keys, response };
      return;
    }
    flight = next && inFlight(send, next);
    const outcomes = new Map(current.refused);
    for (const itemId of current.itemIds) {
      outcomes.set(current.keyOf.get(itemId)!, result.items.get(itemId) ?? { outcome: "unanswered" });
    }
    yield { kind: "answered", outcomes, response };
    yield* drain(skipped);
    current = next;
  }
}

function inFlight(send: Send, pack: Pack): Promise<Uint8Array> {
  const flight = send(pack.bytes!, checksDuplicity(pack.group));
  // Awaited later; until then a failure must not count as unhandled.
  flight.catch(() => {});
  return flight;
}

function* drain(events: PackEvent[]): Generator<PackEvent> {
  while (events.length > 0) yield events.shift()!;
}

/** Wrapping of one item in a pack besides its payload: `<dat:dataPackItem version="2.0" id="…">…`. */
const ITEM_OVERHEAD = 120;

/**
 * Packs within both caps, never mixing partners and documents (they carry different pack ids).
 * Sizes count characters, which is the byte count of windows-1250 text.
 */
function* chunks(items: Iterable<PostItem>, plan: PostPlan): Generator<PostItem[]> {
  let current: PostItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = item.payload.length + ITEM_OVERHEAD;
    const switchesGroup = current.length > 0 &&
      (current[0].agenda === "addressbook") !== (item.agenda === "addressbook");
    if (
      current.length > 0 &&
      (current.length === plan.maxItems || bytes + size > plan.maxBytes || switchesGroup)
    ) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) yield current;
}
