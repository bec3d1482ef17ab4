/**
 * The KROS catalogue (`/api/catalog-items`) as the emulator keeps it: items a test can set and
 * change between runs, and the filtering and paging of one request.
 *
 * Field names are unverified (reference §A4); they are the defaults the spojka client reads.
 *
 * @module
 */

/** Stock of one item in one KROS warehouse. */
export interface KrosWarehouseStock {
  code: string;
  name: string;
  /** Physical stock; may be negative or fractional in KROS. */
  quantityOnHand: number;
}

/** A catalogue item as the emulator serves it. */
export interface KrosCatalogItem {
  id: number;
  itemCode: string;
  name: string;
  /** `null` for items without a barcode. */
  ean: string | null;
  unit: string;
  /** Flag behind the `OnlyMarkedForEshop` filter. */
  markedForEshop: boolean;
  /** ISO 8601 in UTC; compared with the `CatalogItemChangedTimestamp` filter. */
  lastModifiedTimestamp: string;
  warehouses: KrosWarehouseStock[];
}

/** What a test supplies for an item; everything but code, name and warehouses has a default. */
export type KrosCatalogItemInput =
  & Pick<KrosCatalogItem, "itemCode" | "name" | "warehouses">
  & Partial<Omit<KrosCatalogItem, "itemCode" | "name" | "warehouses">>;

/** Filters and paging of one `GET /api/catalog-items` request, already validated. */
export interface CatalogQuery {
  top: number;
  skip: number;
  itemCode?: string;
  onlyMarkedForEshop?: boolean;
  /** Items changed at or after this instant. */
  changedSince?: Date;
}

/** The emulated catalogue. Returned items are copies, so tests cannot change served data by accident. */
export class KrosCatalog {
  #items = new Map<number, KrosCatalogItem>();
  #nextId = 1;
  readonly #now: () => Date;

  constructor(items: KrosCatalogItemInput[] = [], now: () => Date = () => new Date()) {
    this.#now = now;
    this.replace(items);
  }

  /** Replaces the whole catalogue. Ids given in the input are kept, others are assigned. */
  replace(items: KrosCatalogItemInput[]): void {
    this.#items.clear();
    for (const item of items) this.add(item);
  }

  /** Adds one item and returns it as served. */
  add(input: KrosCatalogItemInput): KrosCatalogItem {
    const id = input.id ?? this.#nextId;
    if (this.#items.has(id)) throw new Error(`KROS emulator: duplicate item id ${id}`);
    this.#nextId = Math.max(this.#nextId, id + 1);
    const item: KrosCatalogItem = {
      id,
      itemCode: input.itemCode,
      name: input.name,
      ean: input.ean ?? null,
      unit: input.unit ?? "ks",
      markedForEshop: input.markedForEshop ?? true,
      lastModifiedTimestamp: input.lastModifiedTimestamp ?? this.#now().toISOString(),
      warehouses: input.warehouses.map((w) => ({ ...w })),
    };
    this.#items.set(id, item);
    return structuredClone(item);
  }

  /**
   * Sets the stock of one item in one warehouse (adding the warehouse if missing). `touch: false`
   * leaves the change timestamp alone, for testing clients against the open question whether stock
   * movements bump it (reference §A4).
   */
  setQuantity(
    id: number,
    warehouseCode: string,
    quantityOnHand: number,
    options: { touch?: boolean } = {},
  ): void {
    const item = this.#get(id);
    const warehouse = item.warehouses.find((w) => w.code === warehouseCode);
    if (warehouse) warehouse.quantityOnHand = quantityOnHand;
    else item.warehouses.push({ code: warehouseCode, name: warehouseCode, quantityOnHand });
    if (options.touch ?? true) item.lastModifiedTimestamp = this.#now().toISOString();
  }

  /** Changes fields of one item (not its id) and bumps its change timestamp. */
  update(id: number, change: Partial<Omit<KrosCatalogItem, "id" | "lastModifiedTimestamp">>): void {
    const item = this.#get(id);
    Object.assign(item, structuredClone(change), { lastModifiedTimestamp: this.#now().toISOString() });
  }

  /** Removes one item. */
  remove(id: number): void {
    this.#get(id);
    this.#items.delete(id);
  }

  /** All items in id order. */
  list(): KrosCatalogItem[] {
    return structuredClone(this.#sorted());
  }

  /** One page of the items matching the query, in id order (stable, so paging by offset is safe). */
  query(q: CatalogQuery): KrosCatalogItem[] {
    const matching = this.#sorted().filter((item) =>
      (q.itemCode === undefined || item.itemCode === q.itemCode) &&
      (!q.onlyMarkedForEshop || item.markedForEshop) &&
      (q.changedSince === undefined || new Date(item.lastModifiedTimestamp) >= q.changedSince)
    );
    return structuredClone(matching.slice(q.skip, q.skip + q.top));
  }

  #sorted(): KrosCatalogItem[] {
    return [...this.#items.values()].sort((a, b) => a.id - b.id);
  }

  #get(id: number): KrosCatalogItem {
    const item = this.#items.get(id);
    if (!item) throw new Error(`KROS emulator: no item with id ${id}`);
    return item;
  }
}
