/**
 * KROS → e-shop stock: read the KROS catalogue, compute each product's quantity, match it to the
 * shop by code or EAN, and write only what differs. Absolute quantities make every write safe to
 * repeat, so a failed run simply runs again.
 *
 * @module
 */

import { ConfigError, type ExitCode, ExitCode as Exit, SpojkaError } from "../../core/errors.ts";
import type { DataPaths } from "../../core/datadir.ts";
import type { Log } from "../../core/log.ts";
import type { EshopConfig } from "../../eshop/config.ts";
import type { KrosConfig, StockConfig } from "./config.ts";
import { openShop } from "../../eshop/config.ts";
import type { ShopProduct, ShopTarget } from "../../eshop/target.ts";
import type { StateDb } from "../../state/db.ts";
import { type KrosItem, mapCatalog } from "../../kros/catalog.ts";
import { krosClient } from "../../kros/rate_log.ts";
import { recordOutcome } from "../../state/outcomes.ts";
import { beginRun, endRun, type RunCounts } from "../../state/runs.ts";
import { withState } from "../../state/store.ts";
import { matchKey, planStock, type StockChange, type StockPlan } from "./plan.ts";
import { LastSent } from "./memory.ts";
import { m } from "../../i18n/mod.ts";

/** What the stock sync needs. */
export interface StockSync {
  kros: KrosConfig;
  eshop: EshopConfig;
  stock: StockConfig;
  paths: DataPaths;
  log: Log;
}

const CONNECTOR = "stock";
/** How many unmatched products the console lists before pointing at the log. */
const SHOWN = 10;

/** Runs one full pass; `dryRun` prints the changes as a table and writes nothing. */
export function syncStock(sync: StockSync, options: { dryRun?: boolean } = {}): Promise<ExitCode> {
  return withState(sync.paths, (db) => syncStockWith(db, sync, options));
}

async function syncStockWith(db: StateDb, sync: StockSync, options: { dryRun?: boolean }): Promise<ExitCode> {
  const { log } = sync;
  const startedAt = new Date();
  const shop = openShop(sync.eshop, log);
  const lastSent = new LastSent(db, shopName(sync.eshop));
  let plan: StockPlan | undefined;
  let written = 0;
  let refused: { product: ShopProduct; reason: string }[] = [];
  let failure: SpojkaError | undefined;
  try {
    const raw = await krosClient(sync.kros, log, db).catalog();
    const { items, problems } = mapCatalog(raw, sync.kros.fields);
    for (const problem of problems) log.warn(problem);
    checkCatalog(items, problems, sync.stock);
    log.info(m.stockRun.krosItems(items.length));
    const products = await shopProducts(sync, shop, lastSent, items.map((i) => i.code));
    log.info(m.stockRun.shopProducts(shop.name, products.length));
    plan = planStock(items, products, sync.stock);
    report(plan, shop.name, log);
    if (options.dryRun) {
      log.info(plan.changes.length === 0 ? m.stockRun.dryNothing : table(plan.changes));
      log.info(m.stockRun.dryDone);
      return Exit.Ok;
    }
    const result = await shop.write(plan.changes);
    const byRef = new Map(plan.changes.map((c) => [c.product.ref, c]));
    lastSent.record(result.written.map(({ ref }) => ({ ref, quantity: byRef.get(ref)!.quantity })));
    for (const { product, reason } of result.failed) {
      log.warn(m.stockRun.refused(shop.name, product.code ?? product.ref, reason));
    }
    written = result.written.length;
    refused = result.failed;
  } catch (e) {
    if (!(e instanceof SpojkaError)) throw e;
    failure = e;
  }
  const failed = refused.length;

  const counts: RunCounts = plan
    ? {
      products: {
        written,
        unchanged: plan.unchanged,
        failed,
        only_in_kros: plan.krosOnly.length,
        only_in_shop: plan.shopOnly.length,
      },
    }
    : {};
  const run = beginRun(db, CONNECTOR, startedAt);
  for (const { product, reason } of refused) {
    // Named like the shop names it, so status and the alerts say which product to look at.
    const label = [product.code ?? product.ref, product.name].join(" ");
    recordOutcome(
      db,
      run,
      { key: product.ref, agenda: "product", label, outcome: "failed", detail: reason },
      new Date(),
    );
  }
  const exitCode = endRun(db, run, { counts, failed, failure });
  if (plan) {
    log.info(m.stockRun.summary(shop.name, written, plan.unchanged, failed));
  }
  if (failure) throw failure;
  return exitCode;
}

/**
 * Stops before anything is written when the settings cannot be right: a wrong field name leaves every
 * item without readable stock, a mistyped warehouse code matches no warehouse. Either would otherwise
 * set the whole shop to 0.
 */
function checkCatalog(items: KrosItem[], problems: string[], settings: StockConfig): void {
  const readable = items.filter((i) => i.warehouses !== null);
  if (items.length > 0 && readable.length === 0) {
    throw new ConfigError(m.stockRun.noReadableStock(problems.join(" ")), { hint: m.stockRun.fieldsHint });
  }
  const codes = new Set(readable.flatMap((i) => i.warehouses!.map((w) => w.code)));
  if (settings.warehouse && readable.length > 0 && !codes.has(settings.warehouse)) {
    throw new ConfigError(
      m.stockRun.noWarehouse(settings.warehouse, [...codes].sort().join(", ") || m.nothing),
      { hint: m.stockRun.noWarehouseHint },
    );
  }
}

/**
 * The shop's products. When the shop cannot be read but writes by code (Shoptet), the last
 * quantities sent stand in for its stock, so the sync still writes what changed since.
 */
async function shopProducts(
  sync: StockSync,
  shop: ShopTarget,
  memory: LastSent,
  codes: (string | undefined)[],
): Promise<ShopProduct[]> {
  try {
    return await shop.products(sync.stock.match_by === "ean");
  } catch (e) {
    const lastSent = memory.all();
    if (
      !(e instanceof SpojkaError) || !shop.writesByCode || sync.stock.match_by !== "code" ||
      Object.keys(lastSent).length === 0
    ) {
      throw e;
    }
    sync.log.warn(m.stockRun.shopUnreadable(shop.name, e.message));
    return codes.flatMap((code) => {
      const key = matchKey("code", code);
      return key ? [{ ref: key, code: key, name: key, quantity: lastSent[key]?.quantity ?? null }] : [];
    });
  }
}

/** The shop's identity in the state: its platform and address (without any credentials typed into it). */
export function shopName(eshop: EshopConfig): string {
  const url = new URL(eshop.url);
  url.username = "";
  url.password = "";
  return `${eshop.platform} ${url.href.replace(/\/$/, "")}`;
}

function report(plan: StockPlan, shopName: string, log: Log): void {
  for (const line of plan.skipped) log.warn(line);
  const list = (title: string, rows: { key: string; name: string }[]) => {
    if (rows.length === 0) return;
    log.info(m.stockRun.unmatched(title, rows.length));
    for (const [i, row] of rows.entries()) {
      const line = `  ${row.key}${row.name && row.name !== row.key ? `  ${row.name}` : ""}`;
      if (i < SHOWN) log.info(line);
      else log.detail(line); // the console shows the first few, the log all of them
    }
    if (rows.length > SHOWN) log.info(m.stockRun.moreInLog(rows.length - SHOWN));
  };
  list(m.stockRun.onlyIn("KROS"), plan.krosOnly);
  list(m.stockRun.onlyIn(shopName), plan.shopOnly);
  log.info(m.stockRun.toWrite(plan.changes.length, plan.unchanged));
}

/** The dry-run table: code, name, KROS quantity, shop quantity, new quantity. */
function table(changes: StockChange[]): string {
  const rows = [
    [
      m.stockRun.columns.code,
      m.stockRun.columns.name,
      "KROS",
      m.stockRun.columns.shop,
      m.stockRun.columns.new,
    ],
    ...changes.map((
      c,
    ) => [
      c.key,
      c.name.slice(0, 40),
      String(c.kros),
      c.shop === null ? "—" : String(c.shop),
      String(c.quantity),
    ]),
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => [...r[col]].length)));
  const line = (r: string[]) =>
    r.map((cell, col) => col >= 2 ? cell.padStart(widths[col]) : cell.padEnd(widths[col])).join("  ")
      .trimEnd();
  return [line(rows[0]), widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
