/**
 * `spojka outbox`: what waits for its target, in the user's hands. `list` the waiting, failed and
 * held items, `show` one with its payload, `retry` items now, or `drop` one (a held record's note
 * too). Reading takes no lock, so it works while a sync runs; retry and drop take the data folder's
 * lock.
 *
 * @module
 */

import { ConfigError, ExitCode, worstExitCode } from "../core/errors.ts";
import type { Log } from "../core/log.ts";
import { formatLocal } from "../core/time.ts";
import { connectorById, isConfigured } from "../connectors/config.ts";
import type { Connector } from "../connectors/connector.ts";
import { connectors } from "../connectors/registry.ts";
import {
  dropWaiting,
  findWaiting,
  type OutboxGroup,
  outboxSummary,
  type Selection,
  type WaitingCounts,
  type WaitingItem,
  waitingItems,
  type WaitingStatus,
  waitingWithPayload,
} from "../pipeline/outbox.ts";
import type { StateDb } from "../state/db.ts";
import { acquireLock } from "../state/lock.ts";
import { runOutcomes } from "../state/outcomes.ts";
import { m } from "../i18n/mod.ts";
import { withState } from "../state/store.ts";
import { type Context, requireConfig } from "./context.ts";
import { terminalPrompter } from "./prompt.ts";

/** How many items `list` shows without `--all`, and how many outcomes `retry` names one by one. */
const LISTED_ITEMS = 20;

/** Options of `spojka outbox list`. */
export interface ListOptions {
  /** Only the items the target refused. */
  failed?: boolean;
  /** Every item, not only the first few. */
  all?: boolean;
  json?: boolean;
}

/**
 * Prints what waits: counts per connector and agenda, then the items, failed first, then held, then
 * pending, each in posting order.
 */
export async function outboxList(ctx: Context, options: ListOptions): Promise<ExitCode> {
  await withState(ctx.paths, (db) => {
    const groups = outboxSummary(db);
    const shown: WaitingStatus[] = options.failed ? ["failed"] : ["failed", "held", "pending"];
    const matching = groups.reduce((sum, g) => sum + shown.reduce((n, status) => n + g[status], 0), 0);
    const items = shown.values().flatMap((status) => waitingItems(db, status))
      .take(options.all ? Infinity : LISTED_ITEMS);
    const out = new Printer();
    let listed = 0;
    let held = false;
    if (options.json) {
      const { pending, failed, held } = totals(groups);
      out.line(
        `{"pending":${pending},"failed":${failed},"held":${held},"summary":${
          JSON.stringify(groups)
        },"items":[`,
      );
      for (const item of items) out.line((listed++ > 0 ? "," : "") + JSON.stringify(item));
      out.line(`],"more":${matching - listed}}`);
      out.flush();
      return;
    }
    if (groups.length === 0) {
      out.line("The outbox is empty: every downloaded item has been confirmed by its target.");
    } else {
      for (const line of formatSummary(groups)) out.line(line);
    }
    let status: string | undefined;
    for (const item of items) {
      if (item.status !== status) {
        status = item.status;
        out.line("", HEADINGS[item.status]);
      }
      for (const line of formatItem(item)) out.line(line);
      held ||= item.status === "held";
      listed++;
    }
    if (held) out.line("", m.status.heldAdvice);
    if (matching > listed) {
      out.line(
        "",
        `… and ${matching - listed} more: spojka outbox list --all lists them all` +
          (options.failed ? "." : ", --failed only the failed ones."),
      );
    }
    if (listed > 0) {
      out.line(
        "",
        "spojka outbox show <number> shows an item with its XML; retry <number> sends it now; " +
          "drop <number> removes it.",
      );
    }
    out.flush();
  });
  ctx.log.detail("outbox listed");
  return ExitCode.Ok;
}

/** Prints one waiting item: its fields, the target's reason, and the payload as it is sent. */
export async function outboxShow(
  ctx: Context,
  query: string,
  options: { json?: boolean },
): Promise<ExitCode> {
  const item = await withState(ctx.paths, (db) => waitingWithPayload(db, resolve(db, query).key));
  if (!item) throw gone(query);
  ctx.log.detail(`outbox item ${item.key} shown`);
  const { payload, ...fields } = item;
  if (options.json) {
    // A held record has no payload: nothing of it is kept.
    console.log(JSON.stringify(item.status === "held" ? fields : item, null, 2));
    return ExitCode.Ok;
  }
  console.log([
    ...formatFields(fields),
    "",
    ...item.status === "held" ? [m.status.heldAdvice] : [
      `Payload (sent inside <dat:dataPackItem id="${fields.itemId}">, encoded as windows-1250):`,
      payload,
    ],
  ].join("\n"));
  return ExitCode.Ok;
}

/**
 * Sends the named item, or every failed item, to POHODA now, through the same posting as a sync,
 * and says what became of each. Exit codes as for sync.
 */
export async function outboxRetry(
  ctx: Context,
  query: string | undefined,
  options: { failed?: boolean },
): Promise<ExitCode> {
  if ((query === undefined) === !options.failed) {
    throw new ConfigError("outbox retry needs either an item or --failed.", {
      hint: "spojka outbox retry <number> sends that item now; spojka outbox retry --failed sends every " +
        "failed item.",
    });
  }
  const config = await requireConfig(ctx);
  const posters = connectors().filter((c) => c.outbox);
  const ready = posters.filter((c) => isConfigured(config, c));
  if (ready.length === 0) throw notSetUp(posters.map((c) => c.id).join(", "));
  const lock = await acquireLock(ctx.paths, query === undefined ? "outbox retry --failed" : "outbox retry");
  try {
    const jobs = await withState(ctx.paths, (db): [Connector, Selection][] => {
      if (query !== undefined) {
        const item = sendable(resolve(db, query));
        const poster = ready.find((c) => c.id === item.connector);
        if (!poster) throw notSetUp(item.connector);
        return [[poster, { keys: [item.key] }]];
      }
      const failing = new Set(outboxSummary(db).filter((g) => g.failed > 0).map((g) => g.connector));
      return ready.filter((c) => failing.has(c.id)).map((c) => [c, { failed: true }]);
    });
    if (jobs.length === 0) {
      ctx.log.info("No failed items wait in the outbox.");
      return ExitCode.Ok;
    }
    let code: ExitCode = ExitCode.Ok;
    for (const [poster, selection] of jobs) {
      const { run, exitCode } = await poster.outbox!.retry(config, ctx, selection);
      await withState(ctx.paths, (db) => reportOutcomes(db, run, ctx.log));
      code = worstExitCode(code, exitCode);
    }
    return code;
  } finally {
    await lock.release();
  }
}

/**
 * Removes one item from the outbox after a confirmation (`--yes` for scripts), records it as the
 * outcome `dropped` of a run of its own, and logs who asked for it.
 */
export async function outboxDrop(ctx: Context, query: string, options: { yes?: boolean }): Promise<ExitCode> {
  const item = await withState(ctx.paths, (db) => resolve(db, query));
  const name = `${item.agenda} ${item.label}`;
  const consequence = item.status === "held"
    ? "spojka stops reporting it; nothing of it was sent, and none of it is kept."
    : `It will not be imported unless ${source(item.connector)} exports it again.`;
  if (!options.yes) {
    if (!Deno.stdin.isTerminal()) {
      throw new ConfigError(`outbox drop needs a confirmation, and there is no terminal to ask in.`, {
        hint: `Add --yes to drop ${name}. ${consequence}`,
      });
    }
    const question = `Drop ${name} from the outbox? ${consequence}`;
    if (!(await terminalPrompter().yesNo(question, false).catch(cancelled))) {
      ctx.log.info("Nothing was dropped.");
      return ExitCode.Ok;
    }
  }
  // Taken after the question, so a scheduled sync is not held up while someone thinks.
  const lock = await acquireLock(ctx.paths, "outbox drop");
  try {
    const who = ctx.env("USERNAME") ?? ctx.env("USER");
    const by = who ? `user ${who}` : "an unknown user (USERNAME is not set)";
    const detail = `dropped from the outbox by ${by}` +
      (item.error ? `; the last reason was: ${item.error}` : "");
    if (!(await withState(ctx.paths, (db) => dropWaiting(db, item, detail, new Date())))) {
      throw new ConfigError(
        `${name} changed meanwhile: a sync confirmed it or downloaded it again. Nothing was dropped.`,
        {
          hint: `spojka outbox show ${query} shows whether it still waits.`,
        },
      );
    }
    ctx.log.info(`Dropped ${name} (key ${item.key}) from the outbox at the request of ${by}. ${consequence}`);
    return ExitCode.Ok;
  } finally {
    await lock.release();
  }
}

/** The one waiting item `query` names; none or several is a usage error that lists the candidates. */
function resolve(db: StateDb, query: string): WaitingItem {
  const { items, total } = findWaiting(db, query, LISTED_ITEMS);
  if (total === 0) throw gone(query);
  if (total > 1) {
    const candidates = items.map((i) => `  ${i.key}  (${i.agenda} ${i.label}, ${i.status})`);
    if (total > items.length) candidates.push(`  … and ${total - items.length} more`);
    throw new ConfigError(`"${query}" matches ${total} waiting items:\n${candidates.join("\n")}`, {
      hint: "Name one by its key (as listed above), or by more of its number.",
    });
  }
  return items[0];
}

/** `item`, unless it is held: a held record has nothing to send. */
function sendable(item: WaitingItem): WaitingItem {
  if (item.status !== "held") return item;
  throw new ConfigError(
    `${item.agenda} ${item.label} is held, and nothing of it is kept to send: ${
      item.error ?? "no reason given"
    }`,
    { hint: m.status.heldAdvice },
  );
}

function gone(query: string): ConfigError {
  return new ConfigError(`No waiting item matches "${query}".`, {
    hint: "spojka outbox list shows what waits. An item no longer there was confirmed by its target " +
      "or dropped: spojka status shows the last runs.",
  });
}

/** Says what became of each item of the retry run (the first few, then how many more). */
function reportOutcomes(db: StateDb, run: number, log: Log): void {
  const outcomes = runOutcomes(db, run, LISTED_ITEMS + 1);
  for (const outcome of outcomes.slice(0, LISTED_ITEMS)) {
    const what = `${outcome.outcome.replaceAll("_", " ")}: ${outcome.agenda} ${outcome.label}` +
      (outcome.detail ? `: ${outcome.detail}` : "");
    log.info(
      outcome.outcome === "failed"
        ? `${what}. It stays in the outbox; every sync tries it again.`
        : `${what}. It has left the outbox.`,
    );
  }
  if (outcomes.length > LISTED_ITEMS) log.info("… and more: spojka status --items lists every item.");
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") {
    throw new ConfigError("Cancelled; nothing was dropped.");
  }
  throw error;
}

/** The error for retrying the outbox of connector `id` when it is not set up. */
function notSetUp(id: string): ConfigError {
  return new ConfigError(`The ${id} connector, which posts the outbox, is not set up in config.toml.`, {
    hint: "Run spojka init.",
  });
}

/** Where a connector's items come from, for the drop's warning. */
function source(connector: string): string {
  return connectorById(connector)?.outbox?.source ?? "its source";
}

const HEADINGS: Record<WaitingStatus, string> = {
  failed: "Failed (the target refused them; every sync tries them again):",
  held: "Held (left out of the export, never sent; each stays until fixed or dropped):",
  pending: "Pending (not sent yet, or the answer was uncertain):",
};

function totals(groups: OutboxGroup[]): WaitingCounts {
  const sum = (status: WaitingStatus) => groups.reduce((n, g) => n + g[status], 0);
  return { pending: sum("pending"), failed: sum("failed"), held: sum("held") };
}

function formatSummary(groups: OutboxGroup[]): string[] {
  const counts = (c: WaitingCounts) =>
    `${c.pending} pending, ${c.failed} failed${c.held ? `, ${c.held} held` : ""}`;
  return [
    `Outbox: ${counts(totals(groups))}`,
    ...groups.map((g) => `  ${g.connector} ${g.agendas.join(", ")}: ${counts(g)}`),
  ];
}

function formatItem(item: WaitingItem): string[] {
  const tried = item.status === "held"
    ? "held"
    : item.attempts === 0
    ? "not sent yet"
    : `${item.attempts} ${item.attempts === 1 ? "attempt" : "attempts"}, the last ${
      formatLocal(new Date(item.lastAttemptAt!))
    }`;
  const lines = [`  ${item.agenda} ${item.label}: ${tried}; queued ${formatLocal(new Date(item.queuedAt))}`];
  if (item.error) lines.push(`    reason: ${item.error}`);
  return lines;
}

function formatFields(item: WaitingItem): string[] {
  const status = item.status === "failed"
    ? "failed: the target refused it; every sync tries it again"
    : item.status === "held"
    ? "held: left out of the export, never sent"
    : "pending: not sent yet, or the answer was uncertain";
  const rows: [string, string | undefined][] = [
    ["status", status],
    ["reason", item.error],
    ["attempts", String(item.attempts)],
    ["last attempt", item.lastAttemptAt && formatLocal(new Date(item.lastAttemptAt))],
    ["first queued", formatLocal(new Date(item.queuedAt))],
    ["connector", item.connector],
    ["key", item.key],
    ["item id", item.itemId || undefined], // a held record has none
  ];
  return [
    `${item.agenda} ${item.label}`,
    ...rows.flatMap(([name, value]) => value === undefined ? [] : [`  ${`${name}:`.padEnd(14)} ${value}`]),
  ];
}

/** Lines to stdout in chunks: `--all` may print 100,000 of them. */
class Printer {
  #lines: string[] = [];

  line(...lines: string[]): void {
    this.#lines.push(...lines);
    if (this.#lines.length >= 1000) this.flush();
  }

  flush(): void {
    if (this.#lines.length > 0) console.log(this.#lines.join("\n"));
    this.#lines = [];
  }
}
