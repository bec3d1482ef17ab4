/**
 * The e-shop behind the Shoptet emulator: stocks (warehouses), products with variants, and each
 * variant's physical stock and claim per warehouse. Availability for ordering is derived:
 * `quantity = realStock − claim` (OpenAPI, "Update quantity in stock").
 *
 * @module
 */

/** A warehouse as `GET /api/stocks` lists it. */
export interface ShoptetStock {
  id: number;
  title: string;
  isDeliveryPoint: boolean;
  visibleOnEshop: boolean;
  deliveryPointTitle: string | null;
  deliveryPointAddress: string | null;
}

/** Stock of one variant in one warehouse. */
export interface StockLevelInput {
  /** Physical stock (`realStock`). */
  amount: number;
  /** Reserved by pending orders. */
  claim?: number;
  location?: string | null;
}

/** A variant as a test defines it. `amount`/`claim`/`location` are shorthand for the default stock. */
export interface ShoptetVariantInput {
  /** The variant code, which is the `productCode` of stock movements. */
  code: string;
  ean?: string | null;
  amount?: number;
  claim?: number;
  location?: string | null;
  /** Levels in other (or all) stocks, by stock id. */
  stocks?: Record<number, StockLevelInput>;
}

/** A product as a test defines it; a product without variants still has exactly one. */
export interface ShoptetProductInput {
  guid?: string;
  name: string;
  /** Stock of a `product-set` is computed from its items and cannot be written. */
  type?: "product" | "product-set";
  variants: ShoptetVariantInput[];
}

/** A product as stored. */
export interface StoredProduct {
  guid: string;
  name: string;
  type: "product" | "product-set";
  created: Date;
  changed: Date;
  variants: StoredVariant[];
}

/** A variant as stored. */
export interface StoredVariant {
  code: string;
  ean: string | null;
  levels: Map<number, { amount: number; claim: number; location: string | null }>;
}

/** Current stock of one variant in one warehouse, as numbers. */
export interface StockLevel {
  realStock: number;
  claim: number;
  /** Available for ordering: `realStock − claim`. */
  quantity: number;
}

/** One item of a movements request, already validated. */
export type Movement =
  & { productCode: string }
  & ({ realStock: number } | { quantity: number } | { amountChange: number });

/** Why one movement was skipped, as Shoptet reports it. */
export type MovementError = "unknown-product" | "stock-change-not-allowed";

/** All products and stock levels of the emulated e-shop. */
export class ShoptetStore {
  readonly stocks: ShoptetStock[];
  readonly defaultStockId: number;
  readonly #products: StoredProduct[] = [];
  /** The first product with each GUID, so that reading 20 000 product details is not quadratic. */
  readonly #byGuid = new Map<string, StoredProduct>();
  readonly #variants = new Map<string, { product: StoredProduct; variant: StoredVariant }>();

  constructor(stocks: { id: number; title: string }[], products: ShoptetProductInput[]) {
    if (stocks.length === 0) throw new Error("Shoptet emulator: at least one stock is needed");
    this.stocks = stocks.map((s) => ({
      id: s.id,
      title: s.title,
      isDeliveryPoint: false,
      visibleOnEshop: true,
      deliveryPointTitle: null,
      deliveryPointAddress: null,
    }));
    this.defaultStockId = stocks[0].id;
    for (const product of products) this.add(product);
  }

  /** Adds a product; variant codes must be unique across the e-shop, as in Shoptet. */
  add(input: ShoptetProductInput): StoredProduct {
    const now = new Date();
    const product: StoredProduct = {
      guid: input.guid ?? syntheticGuid(this.#products.length + 1),
      name: input.name,
      type: input.type ?? "product",
      created: now,
      changed: now,
      variants: [],
    };
    for (const v of input.variants) {
      if (this.#variants.has(v.code)) throw new Error(`Shoptet emulator: duplicate variant code ${v.code}`);
      const levels = new Map<number, { amount: number; claim: number; location: string | null }>();
      for (const stock of this.stocks) levels.set(stock.id, { amount: 0, claim: 0, location: null });
      const own = { ...v.stocks };
      if (v.amount !== undefined || v.claim !== undefined || v.location !== undefined) {
        own[this.defaultStockId] = { amount: v.amount ?? 0, claim: v.claim, location: v.location };
      }
      for (const [id, level] of Object.entries(own)) {
        if (!levels.has(Number(id))) throw new Error(`Shoptet emulator: unknown stock ${id}`);
        levels.set(Number(id), {
          amount: level.amount,
          claim: level.claim ?? 0,
          location: level.location ?? null,
        });
      }
      const variant = { code: v.code, ean: v.ean ?? null, levels };
      product.variants.push(variant);
      this.#variants.set(v.code, { product, variant });
    }
    this.#products.push(product);
    if (!this.#byGuid.has(product.guid)) this.#byGuid.set(product.guid, product);
    return product;
  }

  /** All products in insertion order. */
  products(): readonly StoredProduct[] {
    return this.#products;
  }

  /** The product with this GUID. */
  product(guid: string): StoredProduct | undefined {
    return this.#byGuid.get(guid);
  }

  /** Whether a stock with this id exists. */
  hasStock(stockId: number): boolean {
    return this.stocks.some((s) => s.id === stockId);
  }

  /** Stock of a variant; `undefined` for an unknown code or stock. */
  level(code: string, stockId: number = this.defaultStockId): StockLevel | undefined {
    const level = this.#variants.get(code)?.variant.levels.get(stockId);
    return level &&
      { realStock: level.amount, claim: level.claim, quantity: round(level.amount - level.claim) };
  }

  /** Changes the claim (as a new order would), for testing `quantity` against `realStock`. */
  setClaim(code: string, claim: number, stockId: number = this.defaultStockId): void {
    const level = this.#variants.get(code)?.variant.levels.get(stockId);
    if (!level) throw new Error(`Shoptet emulator: no variant ${code} in stock ${stockId}`);
    level.claim = claim;
  }

  /** Applies one movement to a stock that exists; returns why it was skipped, if it was. */
  apply(stockId: number, movement: Movement): MovementError | undefined {
    const found = this.#variants.get(movement.productCode);
    if (!found) return "unknown-product";
    if (found.product.type === "product-set") return "stock-change-not-allowed";
    const level = found.variant.levels.get(stockId)!;
    if ("realStock" in movement) level.amount = round(movement.realStock);
    else if ("quantity" in movement) level.amount = round(movement.quantity + level.claim);
    else level.amount = round(level.amount + movement.amountChange);
    return undefined;
  }
}

/** Deterministic GUIDs keep test output stable. */
function syntheticGuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** Shoptet keeps three decimals; rounding also hides binary float noise. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
