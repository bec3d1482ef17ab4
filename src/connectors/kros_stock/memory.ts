/**
 * The stock sync's memory: the last quantity it wrote to each shop product, keyed by shop, so a
 * change of shop (another platform or address) never compares with the old shop's quantities.
 *
 * @module
 */

import type { StateDb } from "../../state/db.ts";
import { Memory } from "../../state/memory.ts";

/** A quantity written to the shop, for `status` and as the baseline when the shop cannot be read. */
export interface SentQuantity {
  quantity: number;
  /** When it was written (ISO time). */
  at: string;
}

const NAMESPACE = "stock";

/** The memory key of `ref`'s last quantity in `shop` (`""`: a shop spojka 0.1 did not name). */
export function lastSentKey(shop: string, ref: string): string {
  return `${prefix(shop)}${ref}`;
}

/** The last quantities sent to one shop. */
export class LastSent {
  readonly #memory: Memory;
  readonly #db: StateDb;
  readonly #shop: string;

  /** `shop` names the shop, e.g. `shoptet https://api.myshoptet.com`. */
  constructor(db: StateDb, shop: string) {
    this.#db = db;
    this.#memory = new Memory(db, NAMESPACE);
    this.#shop = shop;
  }

  /** Every product's last quantity, by the shop's product reference (spojka 0.1's, until this shop has its own). */
  all(): Record<string, SentQuantity> {
    const own = this.#memory.entries<SentQuantity>(prefix(this.#shop));
    const entries = own.length > 0 ? own : this.#memory.entries<SentQuantity>(prefix(""));
    const start = prefix(own.length > 0 ? this.#shop : "").length;
    return Object.fromEntries(entries.map(([key, sent]) => [key.slice(start), sent]));
  }

  /** Notes the quantities just written, in one transaction. */
  record(written: { ref: string; quantity: number }[], now = new Date()): void {
    this.#db.transaction(() => {
      this.#adoptUnnamed();
      for (const { ref, quantity } of written) {
        this.#memory.set(lastSentKey(this.#shop, ref), { quantity, at: now.toISOString() }, now);
      }
    });
  }

  /** spojka 0.1 kept one shop's quantities without naming it: they belong to the shop in use now. */
  #adoptUnnamed(): void {
    const unnamed = this.#memory.entries<SentQuantity>(prefix(""));
    if (unnamed.length === 0 || this.#memory.entries(prefix(this.#shop)).length > 0) return;
    this.#db.transaction(() => {
      for (const [key, sent] of unnamed) {
        this.#memory.set(lastSentKey(this.#shop, key.slice(prefix("").length)), sent, new Date(sent.at));
      }
      this.#memory.clear(prefix(""));
    });
  }
}

/** Every shop's last quantities, for `status`. */
export function lastSentByShop(db: StateDb): Record<string, Record<string, SentQuantity>> {
  const shops: Record<string, Record<string, SentQuantity>> = {};
  for (const [key, sent] of new Memory(db, NAMESPACE).entries<SentQuantity>("lastSent/")) {
    const [, shop, ...ref] = key.split("/");
    (shops[decodeURIComponent(shop)] ??= {})[ref.join("/")] = sent;
  }
  return shops;
}

function prefix(shop: string): string {
  return `lastSent/${encodeURIComponent(shop)}/`;
}
