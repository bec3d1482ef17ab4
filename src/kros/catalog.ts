/**
 * KROS catalogue items → what the stock sync needs, through the field names of `[kros.fields]`
 * (KROS does not publish them; the defaults are the best known). Pure.
 *
 * @module
 */

import type { KrosConfig } from "../config/schema.ts";

/** A catalogue item with its stock per warehouse. */
export interface KrosItem {
  code?: string;
  ean?: string;
  name: string;
  warehouses: { code: string; quantity: number }[];
}

/** The mapped catalogue, and what did not fit the configured field names. */
export interface MappedCatalog {
  items: KrosItem[];
  /** Sentences for the log, e.g. that no item has the configured code field. */
  problems: string[];
}

/** Maps raw items; a field missing everywhere usually means a wrong name in `[kros.fields]`. */
export function mapCatalog(
  raw: readonly Record<string, unknown>[],
  fields: KrosConfig["fields"],
): MappedCatalog {
  let noWarehouses = 0;
  let badQuantities = 0;
  const items = raw.map((item): KrosItem => {
    const list = get(item, fields.warehouses);
    if (!Array.isArray(list)) noWarehouses++;
    const warehouses = (Array.isArray(list) ? list : []).flatMap((w) => {
      const quantity = Number(get(w, fields.quantity));
      if (get(w, fields.quantity) === undefined || !Number.isFinite(quantity)) {
        badQuantities++;
        return [];
      }
      return [{ code: text(get(w, fields.warehouse_code)) ?? "", quantity }];
    });
    return {
      code: text(get(item, fields.code)),
      ean: text(get(item, fields.ean)),
      name: text(get(item, fields.name)) ?? "",
      warehouses,
    };
  });
  const problems: string[] = [];
  const missing = (count: number, what: string, key: string) => {
    if (count > 0) problems.push(`${count} of ${raw.length} KROS items ${what}; check [kros.fields] ${key}.`);
  };
  missing(items.filter((i) => i.code === undefined).length, `have no "${fields.code}"`, "code");
  missing(noWarehouses, `have no "${fields.warehouses}" list`, "warehouses");
  missing(badQuantities, `have warehouses without a number in "${fields.quantity}"`, "quantity");
  return { items, problems };
}

/** The value at a dotted path (`stock.warehouses`), so nested shapes can be configured too. */
function get(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>(
    (node, part) =>
      node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined,
    value,
  );
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
}
