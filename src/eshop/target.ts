/**
 * What the stock sync needs from an e-shop platform: its products with their current stock, and a
 * way to write absolute quantities. One module per platform implements it.
 *
 * @module
 */

/** A product (or variant) as the shop knows it. */
export interface ShopProduct {
  /** How the shop is told which product to write: Shoptet's variant code, WooCommerce's `parent:id`. */
  ref: string;
  /** Code or SKU. */
  code?: string;
  ean?: string;
  name: string;
  /** Current stock as the written field counts it; `null` when the shop does not track it yet. */
  quantity: number | null;
  /** Why it cannot be written (e.g. a Shoptet product set, whose stock follows its items). */
  readOnly?: string;
}

/** An absolute quantity to write. */
export interface StockWrite {
  product: ShopProduct;
  quantity: number;
}

/** What a write achieved, item by item. */
export interface WriteResult {
  written: ShopProduct[];
  failed: { product: ShopProduct; reason: string }[];
}

/** An e-shop platform's stock API. */
export interface ShopTarget {
  /** `Shoptet`, `WooCommerce`. */
  readonly name: string;
  /** Whether a product is written by its code alone, so the shop's catalogue is not needed to write. */
  readonly writesByCode: boolean;
  /** Every product with its current stock; EANs only when `withEans` (they may cost extra requests). */
  products(withEans: boolean): Promise<ShopProduct[]>;
  /** Writes the quantities in the platform's batches; per-item refusals come back, not thrown. */
  write(writes: StockWrite[]): Promise<WriteResult>;
  /** One cheap request that proves the address and credentials; says what it found. */
  check(): Promise<string>;
}
