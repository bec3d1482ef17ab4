/**
 * `spojka verify [--since DATE] [--json]`: is everything spojka confirmed in POHODA, once, as it was
 * sent? Reads the ledger and lists POHODA through mServer; changes nothing, so it takes no lock.
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { fileStamp } from "../core/time.ts";
import type { ConnectorId } from "../connectors/config.ts";
import { Ledger } from "../pipeline/ledger.ts";
import { combineReports, formatVerify, verifyPohoda } from "../pipeline/verify.ts";
import { PohodaLists } from "../pohoda/list.ts";
import { listsNeedMServer } from "../pohoda/transport.ts";
import { openUnitTransports, yearsOf } from "../pohoda/units.ts";
import { withState } from "../state/store.ts";
import { type Context, requireConfig } from "./context.ts";

/** Options of `spojka verify`. */
export interface VerifyOptions {
  /** Only documents confirmed since this day (YYYY-MM-DD, local time). */
  since?: string;
  json?: boolean;
}

/** The connector whose items go to POHODA. */
const CONNECTOR: ConnectorId = "flowii";

/** Reconciles with POHODA; exit 0 when everything agrees, `VerifyFailed` otherwise. */
export async function verify(ctx: Context, options: VerifyOptions): Promise<ExitCode> {
  const since = options.since === undefined ? undefined : day(options.since);
  const config = await requireConfig(ctx);
  if (!config.pohoda) {
    throw new ConfigError("POHODA is not set up in config.toml, so there is nothing to verify.", {
      hint: "Run spojka init and choose FLOWii → POHODA.",
    });
  }
  const pohoda = config.pohoda;
  const context = { runId: `verify-${fileStamp(new Date())}`, log: ctx.log, dataDir: ctx.paths.dir };
  // Each accounting unit is asked for what it confirmed (one unit without [pohoda.units]).
  const units = await openUnitTransports(pohoda, context);
  const reports = [];
  for (const { unit, transport } of units) {
    if (!transport.list) throw listsNeedMServer("spojka verify");
    const lists = new PohodaLists(transport.list.bind(transport), pohoda.ico);
    const years = yearsOf(unit);
    reports.push(
      await withState(ctx.paths, (db) =>
        verifyPohoda(new Ledger(db, CONNECTOR, years), lists, {
          since,
          progress: (message) => ctx.log.info(unit.year === undefined ? message : `${unit.year}: ${message}`),
        })),
    );
  }
  const report = combineReports(reports);
  ctx.log.detail(`verify: ${report.problems.length} problems`);
  console.log(options.json ? JSON.stringify(report, null, 2) : formatVerify(report));
  return report.ok ? ExitCode.Ok : ExitCode.VerifyFailed;
}

/** `2026-03-01` → the start of that day in local time. */
function day(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match && new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!date || date.getDate() !== Number(match[3]) || date.getMonth() !== Number(match[2]) - 1) {
    throw new ConfigError(`--since ${value} is not a date.`, {
      hint: "Give a day as YYYY-MM-DD, e.g. --since 2026-03-01.",
    });
  }
  return date;
}
