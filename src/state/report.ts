/**
 * What `spojka status` shows: built from config and state as plain data, then printed as text
 * for people or as JSON for scripts.
 *
 * @module
 */

import { formatLocal } from "../core/time.ts";
import { agendaName, m, outcomeName } from "../i18n/mod.ts";
import type { Config } from "../connectors/config.ts";
import { outboxCounts, waitingItems } from "../pipeline/outbox.ts";
import { connectors } from "../connectors/registry.ts";
import type { StateDb } from "./db.ts";
import type { LockHolder } from "./lock.ts";
import { allCursors } from "./memory.ts";
import { type ItemRecord, notableOutcomes } from "./outcomes.ts";
import { lastRuns, type RunSummary } from "./runs.ts";

/** How many items of each run `status` lists; `status --items` (and `--json`) list them all. */
const LISTED_ITEMS = 20;

/** Everything `status` reports. */
export interface StatusReport {
  dataDir: string;
  /** The run in progress, if any. */
  running: LockHolder | null;
  /** The configuration with secrets masked, or why it could not be read. */
  config: { settings: Record<string, unknown> } | { error: string } | null;
  cursors: { stream: string; epoch: number; localTime: string; setAt: string }[];
  lastRuns: ({ connector: string; items: RunItems } & RunSummary)[];
  outbox: {
    pending: number;
    failed: number;
    /** Records left out of an export (too large, refused): never sent, listed until a person acts. */
    held: number;
    failedItems: { key: string; agenda: string; label: string; attempts: number; error?: string }[];
    /** Each held record with why, and since when (the first download that left it out). */
    heldItems: { key: string; agenda: string; label: string; reason?: string; since: string }[];
  };
  /** Why the state could not be read, if it could not. */
  stateError?: string;
  /** Each connector's own part under its id, if it has something to show (stock: the last quantities it set). */
  [connector: string]: unknown;
}

/** The items of a run that need attention (failed, imported with warnings …): `total`, of which `listed`. */
export interface RunItems {
  total: number;
  listed: (ItemRecord & { at: string })[];
}

/**
 * Assembles the report; `config`/`state` may be an error message when they could not be read.
 * `allItems` lists every item of the last runs that needs attention, not just the first few.
 */
export function buildStatus(
  dataDir: string,
  running: LockHolder | null,
  config: Config | null | { error: string },
  state: StateDb | { error: string },
  allItems = false,
): StatusReport {
  const report: StatusReport = {
    dataDir,
    running,
    // Secret.toJSON masks every secret, so the round trip is also the masking.
    config: config === null
      ? null
      : "error" in config
      ? config
      : { settings: JSON.parse(JSON.stringify(config)) },
    cursors: [],
    lastRuns: [],
    outbox: { pending: 0, failed: 0, held: 0, failedItems: [], heldItems: [] },
  };
  if ("error" in state) return { ...report, stateError: state.error };
  report.cursors = allCursors(state).map(({ stream, cursor }) => ({
    stream,
    epoch: cursor.epoch,
    localTime: formatLocal(new Date(cursor.epoch * 1000)),
    setAt: cursor.setAt,
  }));
  report.lastRuns = Object.entries(lastRuns(state)).map(([connector, { id, ...run }]) => {
    const { total, items } = notableOutcomes(state, id, allItems ? undefined : LISTED_ITEMS);
    return { connector, ...run, items: { total, listed: items } };
  });
  for (const { id, status } of connectors()) {
    const part = status?.build(state);
    if (part !== undefined) report[id] = part;
  }
  report.outbox = {
    ...outboxCounts(state),
    failedItems: [...waitingItems(state, "failed")].map((item) => ({
      key: item.key,
      agenda: item.agenda,
      label: item.label,
      attempts: item.attempts,
      error: item.error,
    })),
    heldItems: [...waitingItems(state, "held")].map((item) => ({
      key: item.key,
      agenda: item.agenda,
      label: item.label,
      reason: item.error,
      since: item.queuedAt,
    })),
  };
  return report;
}

/**
 * The report as text for a terminal: short by default (what waits or failed, by name and reason,
 * the last runs, the cursors, the documents imported with warnings by number); `verbose` adds the
 * configuration.
 */
export function formatStatus(report: StatusReport, verbose = false): string {
  const s = m.status;
  const at = (iso: string) => formatLocal(new Date(iso));
  const lines = [s.dataFolder(report.dataDir)];
  if (report.running) {
    lines.push(s.running(report.running.pid, report.running.command, at(report.running.startedAt)));
  }
  if (verbose || report.config === null || "error" in report.config) {
    lines.push("", s.configuration);
    if (report.config === null) lines.push(s.noConfig);
    else if ("error" in report.config) lines.push(s.configUnreadable(report.config.error));
    else lines.push(...formatSettings(report.config.settings));
  }
  const { outbox } = report;
  lines.push("", s.outbox(outbox.pending, outbox.failed, outbox.held));
  for (const item of outbox.failedItems) {
    lines.push(s.failedItem(agendaName(item.agenda), item.label, item.attempts, item.error ?? s.noReason));
  }
  for (const item of outbox.heldItems) {
    lines.push(s.heldItem(agendaName(item.agenda), item.label, at(item.since), item.reason ?? s.noReason));
  }
  if (outbox.held > 0) lines.push(`  ${s.heldAdvice}`);
  lines.push("", s.lastRuns);
  if (report.lastRuns.length === 0) lines.push(s.noneYet);
  for (const run of report.lastRuns) lines.push(...formatRun(run));
  lines.push("", s.cursors);
  if (report.stateError) lines.push(s.stateUnreadable(report.stateError));
  else if (report.cursors.length === 0) lines.push(s.noCursors);
  for (const c of report.cursors) lines.push(`  ${c.stream}: ${c.localTime} (UNIX ${c.epoch})`);
  for (const { id, status } of connectors()) {
    if (status && report[id] !== undefined) lines.push(...status.format(report[id]));
  }
  if (!verbose && report.config !== null && !("error" in report.config)) lines.push("", s.verboseHint);
  return lines.join("\n");
}

/** TOML-like: plain keys first, then each section under its full name, as in config.toml. */
function formatSettings(settings: Record<string, unknown>, section = ""): string[] {
  const entries = Object.entries(settings);
  const isSection = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
  const indent = section ? "    " : "  ";
  return [
    ...(section ? [`  [${section}]`] : []),
    ...entries.filter(([, v]) => !isSection(v)).map(([k, v]) => `${indent}${k} = ${JSON.stringify(v)}`),
    ...entries.filter(([, v]) => isSection(v)).flatMap(([k, v]) =>
      formatSettings(v as Record<string, unknown>, section ? `${section}.${k}` : k)
    ),
  ];
}

function formatRun(run: StatusReport["lastRuns"][number]): string[] {
  const s = m.status;
  const lines = [
    s.run(
      run.connector,
      s.result[run.result] ?? run.result,
      run.exitCode,
      formatLocal(new Date(run.startedAt)),
      formatLocal(new Date(run.finishedAt)),
    ),
  ];
  if (run.message) lines.push(`    ${run.message}`);
  for (const [agenda, counts] of Object.entries(run.counts)) {
    const shown = Object.entries(counts).filter(([, v]) => v > 0).map(([k, v]) =>
      m.tally.count(outcomeName(k), v)
    );
    lines.push(`    ${agendaName(agenda)}: ${shown.join(", ") || m.nothing}`);
  }
  const { total, listed } = run.items;
  // Imported with warnings: only their numbers, for the accountant to look them up in POHODA.
  const warned = listed.filter((item) => item.outcome === "with_warnings");
  const others = listed.filter((item) => item.outcome !== "with_warnings");
  if (warned.length > 0) {
    lines.push(s.withWarnings(warned.length, warned.map((item) => item.label.split(" (")[0]).join(", ")));
  }
  if (others.length > 0 || total > listed.length) lines.push(s.itemsToLookAt(total - warned.length));
  for (const item of others) {
    lines.push(
      `      ${outcomeName(item.outcome)}: ${agendaName(item.agenda)} ${item.label}${
        item.detail ? `: ${item.detail}` : ""
      }`,
    );
  }
  if (total > listed.length) lines.push(s.more(total - listed.length));
  return lines;
}
