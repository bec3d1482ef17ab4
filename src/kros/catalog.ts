/**
 * KROS catalogue items → what the stock sync needs, through the field names of `[kros.fields]`
 * (KROS does not publish them; the defaults are the best known). Pure.
 *
 * @module
 */

import type { KrosConfig } from "../connectors/kros_stock/config.ts";
import { m } from "../i18n/mod.ts";

/** A catalogue item with its stock per warehouse. */
export interface KrosItem {
  code?: string;
  ean?: string;
  name: string;
  /** Stock per warehouse; `null` when it cannot be read (a field missing), which is never taken as 0. */
  warehouses: { code: string; quantity: number }[] | null;
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
  let noList = 0;
  let badQuantity = 0;
  const items = raw.map((item): KrosItem => {
    const list = get(item, fields.warehouses);
    let warehouses: KrosItem["warehouses"] = null;
    if (!Array.isArray(list)) noList++;
    else {
      const quantities = list.map((w) => number(get(w, fields.quantity)));
      if (quantities.some((q) => q === undefined)) badQuantity++;
      else {
        warehouses = list.map((w, i) => ({
          code: text(get(w, fields.warehouse_code)) ?? "",
          quantity: quantities[i]!,
        }));
      }
    }
    return {
      code: text(get(item, fields.code)),
      ean: text(get(item, fields.ean)),
      name: text(get(item, fields.name)) ?? "",
      warehouses,
    };
  });
  const problems: string[] = [];
  const missing = (count: number, what: string, key: string) => {
    if (count > 0) problems.push(m.stockRun.fieldProblem(count, raw.length, what, key));
  };
  missing(items.filter((i) => i.code === undefined).length, m.stockRun.noField(fields.code), "code");
  missing(noList, m.stockRun.noList(fields.warehouses), "warehouses");
  missing(badQuantity, m.stockRun.noQuantity(fields.quantity), "quantity");
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

/** A number, or a numeric string; anything else (missing, empty, text) is no quantity at all. */
function number(value: unknown): number | undefined {
  const n = typeof value === "number"
    ? value
    : typeof value === "string" && value.trim() !== ""
    ? Number(value)
    : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
}
