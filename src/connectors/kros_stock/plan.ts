/**
 * The middle of the stock sync, pure: KROS quantities per item (max or sum over warehouses),
 * matched to shop products by code or EAN, and the writes that bring the shop in line. Only what
 * differs is written, so an unchanged catalogue costs no write at all.
 *
 * @module
 */

import type { StockConfig } from "./config.ts";
import type { ShopProduct, StockWrite } from "../../eshop/target.ts";
import type { KrosItem } from "../../kros/catalog.ts";
import { m } from "../../i18n/mod.ts";

/** A write with what it is based on, for the report and the dry-run table. */
export interface StockChange extends StockWrite {
  /** The matching key (code or EAN). */
  key: string;
  name: string;
  /** KROS's figure before clamping and rounding (sum or max over the warehouses). */
  kros: number;
  /** The shop's current figure; `null` when it does not track stock yet. */
  shop: number | null;
}

/** What the sync will do and what it could not match. */
export interface StockPlan {
  changes: StockChange[];
  /** Matched products whose shop stock is already right. */
  unchanged: number;
  /** KROS items with no shop product of the same key, and the other way round: listed, not errors. */
  krosOnly: { key: string; name: string }[];
  shopOnly: { key: string; name: string }[];
  /** Sentences on what was skipped: duplicate keys, items without a key, read-only products. */
  skipped: string[];
}

const EPSILON = 1e-9;

/** The shop quantity for a KROS item: max or sum over its (or one) warehouse(s), never negative. */
export function shopQuantity(
  warehouses: NonNullable<KrosItem["warehouses"]>,
  settings: Pick<StockConfig, "quantity" | "warehouse" | "fractions">,
): {
  kros: number;
  quantity: number;
} {
  const stocks = warehouses.filter((w) => !settings.warehouse || w.code === settings.warehouse).map((
    w,
  ) => w.quantity);
  const kros = stocks.length === 0
    ? 0
    : settings.quantity === "max"
    ? Math.max(...stocks)
    : stocks.reduce((a, b) => a + b, 0);
  // Negative stock (sold before it was received) cannot be offered; the shop shows none.
  const positive = Math.max(0, kros);
  // The epsilon keeps 2.9999999999 (a sum of decimals) from rounding down to 2.
  const quantity = settings.fractions === "down"
    ? Math.floor(positive + EPSILON)
    : settings.fractions === "nearest"
    ? Math.round(positive)
    : Math.round(positive * 1000) / 1000; // Shoptet keeps three decimal places
  return { kros: round3(kros), quantity };
}

/** The key products are matched by: the code as is (trimmed), or the EAN's digits without leading zeros. */
export function matchKey(by: StockConfig["match_by"], code?: string, ean?: string): string | undefined {
  if (by === "code") return code?.trim() || undefined;
  const compact = ean?.replace(/[\s-]/g, "");
  if (!compact) return undefined;
  // UPC-A (12 digits) and EAN-13 (13) name the same product with or without a leading zero.
  return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, "") : compact.toUpperCase();
}

/** Matches KROS items to shop products and plans the writes. */
export function planStock(
  items: readonly KrosItem[],
  products: readonly ShopProduct[],
  settings: StockConfig,
): StockPlan {
  const skipped: string[] = [];
  const label = settings.match_by === "code" ? m.stockRun.code : "EAN";
  const kros = uniqueBy(
    items,
    (i) => matchKey(settings.match_by, i.code, i.ean),
    (i) => i.name || i.code || "?",
    { side: "KROS", records: (n) => m.stockRun.krosItemsCount(n), label },
    skipped,
  );
  const shop = uniqueBy(
    products,
    (p) => matchKey(settings.match_by, p.code, p.ean),
    (p) => p.name || p.code || p.ref,
    { side: m.stockRun.theShop, records: (n) => m.stockRun.shopProductsCount(n), label },
    skipped,
  );
  // A key skipped as a duplicate on one side is reported as such, not as missing on the other.
  const unmatched = (key: string, other: Map<string, unknown>) =>
    !other.has(key) && !kros.duplicates.has(key) && !shop.duplicates.has(key);

  const changes: StockChange[] = [];
  let unchanged = 0;
  let unreadable = 0;
  for (const [key, item] of kros.unique) {
    const product = shop.unique.get(key);
    if (!product) continue;
    if (product.readOnly) {
      skipped.push(m.stockRun.skipped(`${key} (${product.name}): ${product.readOnly}`));
      continue;
    }
    if (item.warehouses === null) {
      unreadable++;
      continue;
    }
    const { kros: figure, quantity } = shopQuantity(item.warehouses, settings);
    if (product.quantity !== null && Math.abs(product.quantity - quantity) < EPSILON) {
      unchanged++;
      continue;
    }
    changes.push({
      key,
      name: item.name || product.name,
      kros: figure,
      shop: product.quantity,
      quantity,
      product,
    });
  }
  if (unreadable > 0) {
    skipped.push(m.stockRun.unreadableStock(unreadable));
  }
  return {
    changes,
    unchanged,
    krosOnly: [...kros.unique].filter(([key]) => unmatched(key, shop.unique)).map(([key, i]) => ({
      key,
      name: i.name,
    })),
    shopOnly: [...shop.unique].filter(([key]) => unmatched(key, kros.unique)).map(([key, p]) => ({
      key,
      name: p.name,
    })),
    skipped,
  };
}

/** Records by key; keys met twice (and records without a key) are reported and left out. */
function uniqueBy<T>(
  records: readonly T[],
  keyOf: (record: T) => string | undefined,
  nameOf: (record: T) => string,
  words: { side: string; records: (n: number) => string; label: string },
  skipped: string[],
): { unique: Map<string, T>; duplicates: Set<string> } {
  const groups = new Map<string, T[]>();
  let keyless = 0;
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) keyless++;
    else groups.set(key, [...groups.get(key) ?? [], record]);
  }
  if (keyless > 0) skipped.push(m.stockRun.keyless(words.records(keyless), words.label));
  const unique = new Map<string, T>();
  const duplicates = new Set<string>();
  for (const [key, group] of groups) {
    if (group.length === 1) {
      unique.set(key, group[0]);
      continue;
    }
    duplicates.add(key);
    const names = group.map(nameOf).join(", ");
    skipped.push(m.stockRun.duplicate(words.label, key, group.length, words.side, names));
  }
  return { unique, duplicates };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
