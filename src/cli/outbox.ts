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
import { agendaName, m, outcomeName } from "../i18n/mod.ts";
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
      out.line(m.outboxRun.empty);
    } else {
      for (const line of formatSummary(groups)) out.line(line);
    }
    let status: string | undefined;
    for (const item of items) {
      if (item.status !== status) {
        status = item.status;
        out.line("", m.outboxRun.headings[item.status]);
      }
      for (const line of formatItem(item)) out.line(line);
      held ||= item.status === "held";
      listed++;
    }
    if (held) out.line("", m.status.heldAdvice);
    if (matching > listed) {
      out.line("", m.outboxRun.more(matching - listed, options.failed === true));
    }
    if (listed > 0) {
      out.line("", m.outboxRun.commands);
    }
    out.flush();
  });
  ctx.log.detail(m.audit.outboxListed);
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
  ctx.log.detail(m.audit.outboxShown(item.key));
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
      m.outboxRun.payload(fields.itemId),
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
    throw new ConfigError(m.outboxRun.retryNeeds, { hint: m.outboxRun.retryNeedsHint });
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
      ctx.log.info(m.outboxRun.noFailed);
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
  const name = `${agendaName(item.agenda)} ${item.label}`;
  const consequence = item.status === "held"
    ? m.outboxRun.heldConsequence
    : m.outboxRun.consequence(connectorById(item.connector)?.outbox?.source);
  if (!options.yes) {
    if (!Deno.stdin.isTerminal()) {
      throw new ConfigError(m.outboxRun.noTerminal, { hint: m.outboxRun.addYes(name, consequence) });
    }
    const question = m.outboxRun.question(name, consequence);
    if (!(await terminalPrompter().yesNo(question, false).catch(cancelled))) {
      ctx.log.info(m.outboxRun.nothingDropped);
      return ExitCode.Ok;
    }
  }
  // Taken after the question, so a scheduled sync is not held up while someone thinks.
  const lock = await acquireLock(ctx.paths, "outbox drop");
  try {
    const by = m.outboxRun.by(ctx.env("USERNAME") ?? ctx.env("USER"));
    const detail = m.outboxRun.dropDetail(by, item.error);
    if (!(await withState(ctx.paths, (db) => dropWaiting(db, item, detail, new Date())))) {
      throw new ConfigError(m.outboxRun.changed(name), { hint: m.outboxRun.changedHint(query) });
    }
    ctx.log.info(m.outboxRun.dropped(name, item.key, by, consequence));
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
    const candidates = items.map((i) =>
      `  ${i.key}  (${agendaName(i.agenda)} ${i.label}, ${m.outboxRun.status[i.status]})`
    );
    if (total > items.length) candidates.push(m.outboxRun.candidatesMore(total - items.length));
    throw new ConfigError(m.outboxRun.matches(query, total, candidates.join("\n")), {
      hint: m.outboxRun.matchesHint,
    });
  }
  return items[0];
}

/** `item`, unless it is held: a held record has nothing to send. */
function sendable(item: WaitingItem): WaitingItem {
  if (item.status !== "held") return item;
  throw new ConfigError(
    m.outboxRun.heldNothing(`${agendaName(item.agenda)} ${item.label}`, item.error ?? m.status.noReason),
    { hint: m.status.heldAdvice },
  );
}

function gone(query: string): ConfigError {
  return new ConfigError(m.outboxRun.gone(query), { hint: m.outboxRun.goneHint });
}

/** Says what became of each item of the retry run (the first few, then how many more). */
function reportOutcomes(db: StateDb, run: number, log: Log): void {
  const outcomes = runOutcomes(db, run, LISTED_ITEMS + 1);
  for (const outcome of outcomes.slice(0, LISTED_ITEMS)) {
    const what = `${outcomeName(outcome.outcome)}: ${agendaName(outcome.agenda)} ${outcome.label}` +
      (outcome.detail ? `: ${outcome.detail}` : "");
    log.info(outcome.outcome === "failed" ? m.outboxRun.stays(what) : m.outboxRun.left(what));
  }
  if (outcomes.length > LISTED_ITEMS) log.info(m.outboxRun.outcomesMore);
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") {
    throw new ConfigError(m.outboxRun.cancelled);
  }
  throw error;
}

/** The error for retrying the outbox of connector `id` when it is not set up. */
function notSetUp(id: string): ConfigError {
  return new ConfigError(m.outboxRun.notSetUp(id), { hint: m.sync.runInit });
}

function totals(groups: OutboxGroup[]): WaitingCounts {
  const sum = (status: WaitingStatus) => groups.reduce((n, g) => n + g[status], 0);
  return { pending: sum("pending"), failed: sum("failed"), held: sum("held") };
}

function formatSummary(groups: OutboxGroup[]): string[] {
  const counts = (c: WaitingCounts) => m.outboxRun.counts(c.pending, c.failed, c.held);
  const total = totals(groups);
  return [
    m.status.outbox(total.pending, total.failed, total.held),
    ...groups.map((g) => `  ${g.connector} ${g.agendas.map(agendaName).join(", ")}: ${counts(g)}`),
  ];
}

function formatItem(item: WaitingItem): string[] {
  const tried = item.status === "held"
    ? m.outboxRun.held
    : item.attempts === 0
    ? m.outboxRun.notSentYet
    : m.outboxRun.attempts(item.attempts, formatLocal(new Date(item.lastAttemptAt!)));
  const name = `${agendaName(item.agenda)} ${item.label}`;
  const lines = [m.outboxRun.item(name, tried, formatLocal(new Date(item.queuedAt)))];
  if (item.error) lines.push(m.outboxRun.reason(item.error));
  return lines;
}

function formatFields(item: WaitingItem): string[] {
  const field = m.outboxRun.field;
  const rows: [string, string | undefined][] = [
    [field.status, m.outboxRun.statusLong[item.status]],
    [field.reason, item.error],
    [field.attempts, String(item.attempts)],
    [field.lastAttempt, item.lastAttemptAt && formatLocal(new Date(item.lastAttemptAt))],
    [field.firstQueued, formatLocal(new Date(item.queuedAt))],
    [field.connector, item.connector],
    [field.key, item.key],
    [field.itemId, item.itemId || undefined], // a held record has none
  ];
  const width = Math.max(...Object.values(field).map((name) => name.length)) + 2;
  return [
    `${agendaName(item.agenda)} ${item.label}`,
    ...rows.flatMap(([name, value]) => value === undefined ? [] : [`  ${`${name}:`.padEnd(width)} ${value}`]),
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
