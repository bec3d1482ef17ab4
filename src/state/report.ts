/**
 * What `spojka status` shows: built from config and state as plain data, then printed as text
 * for people or as JSON for scripts.
 *
 * @module
 */

import { formatLocal } from "../core/time.ts";
import type { Config } from "../config/schema.ts";
import type { LockHolder } from "./lock.ts";
import type { RunSummary, State } from "./schema.ts";

/** Everything `status` reports. */
export interface StatusReport {
  dataDir: string;
  /** The run in progress, if any. */
  running: LockHolder | null;
  /** The configuration with secrets masked, or why it could not be read. */
  config: { settings: Record<string, unknown> } | { error: string } | null;
  cursors: { stream: string; epoch: number; localTime: string; setAt: string }[];
  lastRuns: ({ connector: string } & RunSummary)[];
  outbox: {
    pending: number;
    failed: number;
    failedItems: { key: string; agenda: string; label: string; attempts: number; error?: string }[];
  };
  /** The stock sync's last quantity per shop product, if it has written any. */
  stock?: { lastSent: NonNullable<State["stock"]>["lastSent"] };
  /** Why the state could not be read, if it could not. */
  stateError?: string;
}

/** Assembles the report; `config`/`state` may be an error message when they could not be read. */
export function buildStatus(
  dataDir: string,
  running: LockHolder | null,
  config: Config | null | { error: string },
  state: State | { error: string },
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
    outbox: { pending: 0, failed: 0, failedItems: [] },
  };
  if ("error" in state) return { ...report, stateError: state.error };
  report.cursors = Object.entries(state.cursors).sort().map(([stream, c]) => ({
    stream,
    epoch: c.epoch,
    localTime: formatLocal(new Date(c.epoch * 1000)),
    setAt: c.setAt,
  }));
  report.lastRuns = Object.entries(state.runs).sort().map(([connector, run]) => ({ connector, ...run }));
  if (state.stock) report.stock = { lastSent: state.stock.lastSent };
  for (const [key, entry] of Object.entries(state.outbox)) {
    if (entry.status === "pending") report.outbox.pending++;
    else {
      report.outbox.failed++;
      report.outbox.failedItems.push({
        key,
        agenda: entry.agenda,
        label: entry.label,
        attempts: entry.attempts,
        error: entry.error,
      });
    }
  }
  return report;
}

/** The report as text for a terminal. */
export function formatStatus(report: StatusReport): string {
  const lines = [`Data folder: ${report.dataDir}`];
  if (report.running) {
    lines.push(
      `Running now: PID ${report.running.pid}, spojka ${report.running.command}, ` +
        `started ${formatLocal(new Date(report.running.startedAt))}`,
    );
  }
  lines.push("", "Configuration:");
  if (report.config === null) lines.push("  none yet: run spojka init");
  else if ("error" in report.config) lines.push(`  cannot be read: ${report.config.error}`);
  else lines.push(...formatSettings(report.config.settings));
  lines.push("", "Cursors (the next sync fetches what changed since):");
  if (report.stateError) lines.push(`  state cannot be read: ${report.stateError}`);
  else if (report.cursors.length === 0) lines.push("  none: the next sync fetches everything");
  for (const c of report.cursors) lines.push(`  ${c.stream}: ${c.localTime} (UNIX ${c.epoch})`);
  lines.push("", "Last runs:");
  if (report.lastRuns.length === 0) lines.push("  none yet");
  for (const run of report.lastRuns) lines.push(...formatRun(run));
  if (report.stock) {
    const sent = Object.values(report.stock.lastSent);
    const latest = sent.map((s) => s.at).sort().at(-1);
    lines.push(
      "",
      `Stock: spojka has set the stock of ${sent.length} shop products` +
        (latest ? `, the latest at ${formatLocal(new Date(latest))}` : "") + " (status --json lists each).",
    );
  }
  lines.push("", `Outbox: ${report.outbox.pending} pending, ${report.outbox.failed} failed`);
  for (const item of report.outbox.failedItems) {
    lines.push(
      `  failed ${item.agenda} ${item.label} (${item.attempts} attempts): ${item.error ?? "no reason given"}`,
    );
  }
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

function formatRun(run: { connector: string } & RunSummary): string[] {
  const lines = [
    `  ${run.connector}: ${run.result} (exit ${run.exitCode}), ${formatLocal(new Date(run.startedAt))} → ` +
    `${formatLocal(new Date(run.finishedAt))}`,
  ];
  if (run.message) lines.push(`    ${run.message}`);
  for (const [agenda, counts] of Object.entries(run.counts)) {
    const shown = Object.entries(counts).filter(([, v]) => v > 0).map(([k, v]) =>
      `${k.replaceAll("_", " ")} ${v}`
    );
    lines.push(`    ${agenda}: ${shown.join(", ") || "nothing"}`);
  }
  return lines;
}
