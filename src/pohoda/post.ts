/**
 * The post stage: waiting items in POHODA's dependency order, in packs of `batch_size`, one pack at
 * a time; each answer is read item by item.
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
  batchSize: number;
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

/** `items` in the order POHODA needs them. */
export function inPostingOrder<T extends PostItem & { queuedAt: string }>(items: T[]): T[] {
  const rank = (agenda: string) => {
    const i = ORDER.indexOf(agenda);
    return i < 0 ? ORDER.length : i; // agendas spojka does not know go last
  };
  return [...items].sort((a, b) =>
    rank(a.agenda) - rank(b.agenda) || a.queuedAt.localeCompare(b.queuedAt) || a.key.localeCompare(b.key)
  );
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

/** The packs for `items` (already in order). */
export function* packs(items: PostItem[], plan: PostPlan): Generator<Pack> {
  for (const chunk of chunks(items, plan.batchSize)) {
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

/** Posts `items` (already in order) and yields one event per pack. */
export async function* postInPacks(items: PostItem[], send: Send, plan: PostPlan): AsyncGenerator<PackEvent> {
  for (const pack of packs(items, plan)) {
    const outcomes = new Map(pack.refused);
    if (pack.bytes === null) {
      yield { kind: "answered", outcomes };
      continue;
    }
    const response = await send(pack.bytes, checksDuplicity(pack.group));
    let result;
    try {
      result = parseResponse(response);
    } catch (e) {
      if (!(e instanceof NotAResponseError)) throw e;
      yield { kind: "unreadable", problem: e.message, response };
      return;
    }
    if (result.kind === "refused") {
      yield {
        kind: "refused",
        note: result.note,
        keys: pack.itemIds.map((id) => pack.keyOf.get(id)!),
        response,
      };
      return;
    }
    for (const itemId of pack.itemIds) {
      outcomes.set(pack.keyOf.get(itemId)!, result.items.get(itemId) ?? { outcome: "unanswered" });
    }
    yield { kind: "answered", outcomes, response };
  }
}

/** Packs of at most `size`, never mixing partners and documents (they carry different pack ids). */
function* chunks(items: PostItem[], size: number): Generator<PostItem[]> {
  let current: PostItem[] = [];
  for (const item of items) {
    const switchesGroup = current.length > 0 &&
      (current[0].agenda === "addressbook") !== (item.agenda === "addressbook");
    if (current.length === size || switchesGroup) {
      yield current;
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) yield current;
}
