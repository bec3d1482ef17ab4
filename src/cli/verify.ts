/**
 * `spojka verify [--since DATE] [--json]`: is everything spojka confirmed in POHODA, once, as it was
 * sent? Reads the ledger and lists POHODA through mServer; changes nothing, so it takes no lock.
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { fileStamp } from "../core/time.ts";
import { configuredConnectors } from "../connectors/config.ts";
import { Ledger } from "../pipeline/ledger.ts";
import { combineReports, formatVerify, verifyPohoda } from "../pipeline/verify.ts";
import { PohodaLists } from "../pohoda/list.ts";
import { pohodaSection } from "../pohoda/config.ts";
import { listsNeedMServer } from "../pohoda/transport.ts";
import { openUnitTransports, yearsOf } from "../pohoda/units.ts";
import { m } from "../i18n/mod.ts";
import { withState } from "../state/store.ts";
import { type Context, requireConfig } from "./context.ts";

/** Options of `spojka verify`. */
export interface VerifyOptions {
  /** Only documents confirmed since this day (YYYY-MM-DD, local time). */
  since?: string;
  json?: boolean;
}

/** Reconciles with POHODA; exit 0 when everything agrees, `VerifyFailed` otherwise. */
export async function verify(ctx: Context, options: VerifyOptions): Promise<ExitCode> {
  const since = options.since === undefined ? undefined : day(options.since);
  const config = await requireConfig(ctx);
  if (!config.pohoda) {
    throw new ConfigError(m.verifyRun.noPohoda, { hint: m.verifyRun.noPohodaHint });
  }
  const pohoda = config.pohoda;
  const context = { runId: `verify-${fileStamp(new Date())}`, log: ctx.log, dataDir: ctx.paths.dir };
  // Each accounting unit is asked for what it confirmed (one unit without [pohoda.units]).
  const units = await openUnitTransports(pohoda, context);
  // ... for what each connector writing to POHODA confirmed there.
  const sources = configuredConnectors(config).filter((c) => c.sections.includes(pohodaSection));
  const reports = await withState(ctx.paths, async (db) => {
    const found = [];
    for (const { unit, transport } of units) {
      if (!transport.list) throw listsNeedMServer("spojka verify");
      const lists = new PohodaLists(transport.list.bind(transport), pohoda.ico);
      const progress = (message: string) =>
        ctx.log.info(unit.year === undefined ? message : `${unit.year}: ${message}`);
      for (const source of sources) {
        found.push(await verifyPohoda(new Ledger(db, source.id, yearsOf(unit)), lists, { since, progress }));
      }
    }
    return found;
  });
  const report = combineReports(reports);
  ctx.log.detail(m.audit.verified(report.problems.length));
  console.log(options.json ? JSON.stringify(report, null, 2) : formatVerify(report));
  return report.ok ? ExitCode.Ok : ExitCode.VerifyFailed;
}

/** `2026-03-01` → the start of that day in local time. */
function day(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match && new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!date || date.getDate() !== Number(match[3]) || date.getMonth() !== Number(match[2]) - 1) {
    throw new ConfigError(m.verifyRun.badSince(value), { hint: m.verifyRun.badSinceHint });
  }
  return date;
}
