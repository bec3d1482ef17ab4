/**
 * The post stage: waiting items in POHODA's dependency order, in packs capped by count and size,
 * one pack at a time (mServer serialises them anyway); each answer is read item by item, and a pack
 * POHODA refuses whole for its content is narrowed down to the items it cannot take.
 *
 * @module
 */

import type { UnsupportedCharacters } from "./field_check.ts";
import { buildPack } from "./pack.ts";
import { classifyRefusal, isolatedReason } from "./refusal.ts";
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
  /**
   * POHODA refused a pack (`whole`) or a part of one for its content, or with a note spojka does
   * not know: nothing in it was imported, and it is sent again in smaller parts to find the items
   * POHODA cannot take. A part of one item waits for the answer to the next part.
   */
  | { kind: "narrowing"; note: string; items: number; whole: boolean; response: Uint8Array }
  /** POHODA refused the target (rights, accounting unit …): nothing in the pack was imported; posting ends. */
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
  /** `[pohoda] unsupported_characters`, named in the reason an item is refused for before sending. */
  unsupportedCharacters: UnsupportedCharacters;
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

// Partners first, then documents in the order they depend on each other: orders before the
// advances and invoices POHODA makes from them (`inv:links` names a received or issued order as
// their source; an order needs no invoice to exist), advances before the invoices that deduct
// them, corrections after what they correct (POHODA errno 115 otherwise).
const ORDER = [
  "addressbook",
  "receivedOrder",
  "issuedOrder",
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
  /** The items in the pack, in order. */
  items: PostItem[];
  /** Their item ids. */
  itemIds: string[];
  /** Items refused before sending, by key. */
  refused: Map<string, ItemOutcome>;
  group: "partners" | "documents";
}

/** The packs for `items` (already in posting order), built one at a time as they are asked for. */
export function* packs(items: Iterable<PostItem>, plan: PostPlan): Generator<Pack> {
  for (const chunk of chunks(items, plan)) yield packOf(chunk, plan);
}

/** The pack of `chunk`: one group's items, within the caps. */
function packOf(chunk: PostItem[], plan: PostPlan): Pack {
  const group = chunk[0].agenda === "addressbook" ? "partners" : "documents";
  const built = buildPack({
    id: plan.packId(group),
    ico: plan.ico,
    note: plan.note,
    items: chunk.map((item) => ({ itemId: item.itemId, xml: item.payload })),
    unsupportedCharacters: plan.unsupportedCharacters,
  });
  const byId = new Map(chunk.map((item) => [item.itemId, item]));
  const refused = new Map<string, ItemOutcome>(
    built.refused.map((r) => [byId.get(r.itemId)!.key, { outcome: "rejected", reason: r.reason }]),
  );
  return {
    bytes: built.itemIds.length > 0 ? built.bytes : null,
    items: built.itemIds.map((id) => byId.get(id)!),
    itemIds: built.itemIds,
    refused,
    group,
  };
}

/**
 * The search for the items of a refused pack that POHODA cannot take, shared by its parts. A
 * refusal for content is narrowed down to single items, each half sent again with the same pack
 * id and item ids (so the batch duplicity check still guards it): about 2·log2(n) requests per
 * item found, and the other items import.
 *
 * A note spojka does not know could be about the content or about the target. Narrowing a target
 * refusal down would cost about 2n requests per pack and fail every item, so such a note counts
 * as the target's once {@linkcode TARGET_SUSPECTS} items in a row, each sent alone, are refused
 * while nothing of the pack was accepted: about log2(n) + 4 requests. Up to two bad documents at
 * the head of a pack are still found, because a part after them is accepted.
 */
interface Search {
  /** The keys of the pack as first sent. */
  keys: string[];
  /** A part of the pack was accepted: its refusals are about items. */
  accepted: boolean;
  /**
   * Items refused alone with an unknown note while nothing was accepted: failed once a part is
   * accepted; {@linkcode TARGET_SUSPECTS} of them make the refusal the target's.
   */
  suspects: { key: string; note: string }[];
}

/**
 * Items in a row, each refused alone, that make an unknown note a refusal of the target. One or two
 * would be bad documents next to each other as often as not (a partner's documents are exported
 * together); three in a row, with nothing of the pack accepted, rarely are.
 */
const TARGET_SUSPECTS = 3;

/** A pack on its way, and the search it is part of, if any. */
interface Outgoing {
  pack: Pack;
  search?: Search;
}

/** What to do after a refusal: the events to report, the parts to send next, or the end of the posting. */
interface Verdict {
  events: PackEvent[];
  parts: Outgoing[];
  ends: boolean;
}

/**
 * Posts `items` (already in posting order) and yields one event per request. mServer never waits
 * for spojka: the next pack is built while mServer works on the current one and is sent as soon as
 * the current one is answered, before the caller settles that answer (its writes run while mServer
 * works on the next). A pack refused for its content is narrowed down to the items POHODA cannot
 * take (its parts go before anything after it, so the posting order holds); a refusal of the
 * target, or an answer that cannot be read, ends the posting.
 */
export async function* postInPacks(
  items: Iterable<PostItem>,
  send: Send,
  plan: PostPlan,
): AsyncGenerator<PackEvent> {
  const source = packs(items, plan);
  const skipped: PackEvent[] = [];
  /** The next pack worth sending; packs whose every item was refused before sending come out as events. */
  const upcoming = (): Pack | undefined => {
    // Not for…of: leaving that loop early would close the generator.
    for (let next = source.next(); !next.done; next = source.next()) {
      if (next.value.bytes !== null) return next.value;
      skipped.push({ kind: "answered", outcomes: new Map(next.value.refused) });
    }
    return undefined;
  };
  /** Parts of a refused pack still to send, first part first. */
  const parts: Outgoing[] = [];
  let ahead = upcoming();
  yield* drain(skipped);
  let current: Outgoing | undefined = ahead && { pack: ahead };
  ahead = undefined;
  let flight = current && inFlight(send, current.pack);
  while (current && flight) {
    ahead ??= upcoming();
    const response = await flight;
    let result;
    try {
      result = parseResponse(response);
    } catch (e) {
      if (!(e instanceof NotAResponseError)) throw e;
      yield { kind: "unreadable", problem: e.message, response };
      return;
    }
    let events: PackEvent[];
    if (result.kind === "refused") {
      const verdict = afterRefusal(current, result.note, response, plan);
      if (verdict.ends) {
        yield* verdict.events;
        return;
      }
      events = verdict.events;
      parts.unshift(...verdict.parts);
    } else {
      events = [answered(current, result.items, response)];
    }
    if (parts.length > 0) current = parts.shift();
    else {
      current = ahead && { pack: ahead };
      ahead = undefined;
    }
    flight = current && inFlight(send, current.pack);
    yield* events;
    yield* drain(skipped);
  }
}

/** The outcomes of an answered pack; a search it is part of now knows its refusals are about items. */
function answered(out: Outgoing, results: Map<string, ItemResult>, response: Uint8Array): PackEvent {
  const outcomes = new Map(out.search ? [] : out.pack.refused);
  if (out.search) {
    out.search.accepted = true;
    judgeSuspect(out.search, outcomes);
  }
  for (const item of out.pack.items) {
    outcomes.set(item.key, results.get(item.itemId) ?? { outcome: "unanswered" });
  }
  return { kind: "answered", outcomes, response };
}

/** Fails the search's suspects, now that the refusals are known to be about items. */
function judgeSuspect(search: Search, outcomes: Map<string, ItemOutcome>): void {
  for (const suspect of search.suspects) {
    outcomes.set(suspect.key, { outcome: "rejected", reason: isolatedReason(suspect.note) });
  }
  search.suspects = [];
}

/** What follows a refusal of `out`: see {@link Search}. */
function afterRefusal(out: Outgoing, note: string, response: Uint8Array, plan: PostPlan): Verdict {
  const { pack, search } = out;
  const refusal = classifyRefusal(note).kind;
  /** The search, while nothing of its pack was accepted. */
  const unproven = search && !search.accepted ? search : undefined;
  const lastSuspect = pack.items.length === 1 && unproven?.suspects.length === TARGET_SUSPECTS - 1;
  if (refusal === "target" || (refusal === "unknown" && lastSuspect)) {
    const keys = unproven?.keys ?? pack.items.map((item) => item.key);
    return { events: [{ kind: "refused", note, keys, response }], parts: [], ends: true };
  }
  const outcomes = new Map(search ? [] : pack.refused);
  if (search && refusal === "content") judgeSuspect(search, outcomes);
  const narrowing: PackEvent = {
    kind: "narrowing",
    note,
    items: pack.items.length,
    whole: !search,
    response,
  };
  const settled: PackEvent[] = outcomes.size > 0 ? [{ kind: "answered", outcomes }] : [];
  if (pack.items.length === 1) {
    const [item] = pack.items;
    if (refusal === "unknown" && unproven) {
      unproven.suspects.push({ key: item.key, note });
      return { events: [...settled, narrowing], parts: [], ends: false };
    }
    outcomes.set(item.key, { outcome: "rejected", reason: isolatedReason(note) });
    return { events: [{ kind: "answered", outcomes, response }], parts: [], ends: false };
  }
  const half = Math.ceil(pack.items.length / 2);
  const shared = search ?? { accepted: false, keys: pack.items.map((item) => item.key), suspects: [] };
  const parts = [pack.items.slice(0, half), pack.items.slice(half)].map((chunk) => ({
    pack: packOf(chunk, plan),
    search: shared,
  }));
  return { events: [...settled, narrowing], parts, ends: false };
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
