/**
 * The catalogue behind the WooCommerce emulator: simple and variable products and variations, which
 * share one id space (WordPress post ids), with WooCommerce's stock rules: `stock_quantity` is kept
 * only while `manage_stock` is on, and is stored as an integer.
 *
 * @module
 */

/** A variation as a test defines it. */
export interface WooVariationInput {
  id?: number;
  sku?: string;
  global_unique_id?: string;
  manage_stock?: boolean;
  stock_quantity?: number | null;
}

/** A product as a test defines it; `variations` only for `variable` products. */
export interface WooProductInput extends WooVariationInput {
  name: string;
  type?: "simple" | "variable";
  variations?: WooVariationInput[];
}

/** A product or variation as stored. */
export interface WooItem {
  id: number;
  /** 0 for products, the product's id for variations. */
  parentId: number;
  name: string;
  type: "simple" | "variable" | "variation";
  sku: string;
  /** GTIN, UPC, EAN or ISBN (WooCommerce 9.2+); "" when unset. */
  global_unique_id: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  variationIds: number[];
  created: Date;
  modified: Date;
}

/** The stock fields a batch update may carry, unvalidated, as WooCommerce receives them. */
export interface StockChange {
  manage_stock?: unknown;
  stock_quantity?: unknown;
}

/** All products and variations. */
export class WooStore {
  readonly #items = new Map<number, WooItem>();
  /** The first item with each SKU and EAN: duplicate checks and `bySku` without a scan per call. */
  readonly #byField = { sku: new Map<string, WooItem>(), global_unique_id: new Map<string, WooItem>() };
  #nextId = 100;

  constructor(products: WooProductInput[] = []) {
    for (const product of products) this.add(product);
  }

  /** Adds a product and its variations; SKUs and GTINs must be unique, as WooCommerce enforces. */
  add(input: WooProductInput): WooItem {
    const type = input.type ?? (input.variations ? "variable" : "simple");
    const product = this.#insert(input, 0, type, input.name);
    for (const v of input.variations ?? []) {
      product.variationIds.push(
        this.#insert(v, product.id, "variation", `${input.name} – ${v.sku ?? ""}`).id,
      );
    }
    return product;
  }

  /** Products (not variations), newest first, as `GET products` orders by date descending. */
  products(): WooItem[] {
    return [...this.#items.values()].filter((i) => i.parentId === 0).sort((a, b) => b.id - a.id);
  }

  /** Variations of a product in creation order; `undefined` for an unknown product. */
  variations(productId: number): WooItem[] | undefined {
    const product = this.#items.get(productId);
    if (!product || product.parentId !== 0) return undefined;
    return product.variationIds.map((id) => this.#items.get(id)!);
  }

  /** The product or variation with this id. */
  item(id: number): WooItem | undefined {
    return this.#items.get(id);
  }

  /** The product or variation with this SKU. */
  bySku(sku: string): WooItem | undefined {
    return this.#byField.sku.get(sku);
  }

  /**
   * Applies stock fields like WooCommerce's REST controllers: `manage_stock` is set if present; while
   * stock is managed a present `stock_quantity` is cut to an integer (`wc_stock_amount`); when it is
   * not managed the quantity is cleared, whatever was sent.
   */
  updateStock(item: WooItem, change: StockChange): void {
    if (change.manage_stock !== undefined && change.manage_stock !== null) {
      item.manage_stock = toBool(change.manage_stock);
    }
    if (!item.manage_stock) item.stock_quantity = null;
    else if (change.stock_quantity !== undefined && change.stock_quantity !== null) {
      item.stock_quantity = Math.trunc(Number(change.stock_quantity)) || 0;
    }
    item.modified = new Date();
  }

  #insert(input: WooVariationInput, parentId: number, type: WooItem["type"], name: string): WooItem {
    const id = input.id ?? this.#nextId;
    if (this.#items.has(id)) throw new Error(`WooCommerce emulator: duplicate id ${id}`);
    for (const field of ["sku", "global_unique_id"] as const) {
      const value = input[field];
      if (value && this.#byField[field].has(value)) {
        throw new Error(`WooCommerce emulator: duplicate ${field} ${value}`);
      }
    }
    this.#nextId = Math.max(this.#nextId, id + 1);
    const manage = input.manage_stock ?? input.stock_quantity != null;
    const now = new Date();
    const item: WooItem = {
      id,
      parentId,
      name,
      type,
      sku: input.sku ?? "",
      global_unique_id: input.global_unique_id ?? "",
      manage_stock: manage,
      stock_quantity: manage ? Math.trunc(input.stock_quantity ?? 0) : null,
      variationIds: [],
      created: now,
      modified: now,
    };
    this.#items.set(id, item);
    for (const field of ["sku", "global_unique_id"] as const) {
      if (!this.#byField[field].has(item[field])) this.#byField[field].set(item[field], item);
    }
    return item;
  }
}

/** `wc_string_to_bool`: true, 1, "1", "yes" and "true" are true. */
function toBool(value: unknown): boolean {
  return value === true || value === 1 ||
    (typeof value === "string" && ["1", "yes", "true"].includes(value.toLowerCase()));
}
