/**
 * POHODA as a target: what any source's items go through once they wait in its outbox. Posting in
 * packs, settling POHODA's answers (a number already taken, no answer, a pack refused whole),
 * keeping every answer, the answers of earlier runs (xml-folder), `outbox retry` and the dry run's
 * packs. A source supplies its connector id, its pack ids and note ({@linkcode PohodaSource}); the
 * rest is the same for every source.
 *
 * @module
 */

import { join } from "node:path";
import type { DataPaths } from "../core/datadir.ts";
import { type ExitCode, ExitCode as Exit, ServiceError, type SpojkaError } from "../core/errors.ts";
import { removeIfExists } from "../core/files.ts";
import type { Log } from "../core/log.ts";
import { Notices } from "../core/notices.ts";
import type { Progress } from "../core/progress.ts";
import { failureOf } from "../core/report.ts";
import { fileStamp } from "../core/time.ts";
import { confirmInLedger, wasConfirmed } from "../pipeline/ledger.ts";
import {
  Outbox,
  OutboxSelection,
  type QueuedItem,
  type Selection,
  waitingWithPayload,
} from "../pipeline/outbox.ts";
import { ownImports } from "../pipeline/resent.ts";
import { Tally } from "../pipeline/tally.ts";
import type { StatusPart } from "../connectors/connector.ts";
import { StateDb } from "../state/db.ts";
import { Memory } from "../state/memory.ts";
import { recordOutcome } from "../state/outcomes.ts";
import { beginRun, endRun } from "../state/runs.ts";
import { withState } from "../state/store.ts";
import { apartAwaited } from "./awaited.ts";
import type { PohodaConfig } from "./config.ts";
import { PohodaLists } from "./list.ts";
import { packs, postInPacks, type PostPlan, type Send } from "./post.ts";
import { refusalHint } from "./refusal.ts";
import { settleTakenNumbers } from "./taken.ts";
import { listSend, openTransport, payloadVersion, type PohodaTransport, type SentItem } from "./transport.ts";
import { openUnitTransports, outboxYear, type Unit, unitYears, yearsOf } from "./units.ts";
import { type CheckedOutcome, checkUnanswered } from "./unanswered.ts";
import { agendaName, m, quote } from "../i18n/mod.ts";

/** A source of items for POHODA: a connector whose outbox they wait in. */
export interface PohodaSource {
  /** The connector whose outbox and ledger hold the items, e.g. `flowii`. */
  connector: string;
  /** What the user calls it, e.g. "FLOWii → POHODA". */
  title: string;
  pohoda: PohodaConfig;
  paths: DataPaths;
  log: Log;
  progress: Progress;
  /**
   * Its packs' ids and note. An id must be constant per stream, never per run: POHODA's batch
   * duplicity check keys on (dataPack@id, dataPackItem@id), and a replay must meet the same pair.
   */
  packs(runId: string): Pick<PostPlan, "packId" | "note">;
}

/** One run's posting to POHODA for one source. */
export interface Posting {
  /** The connector whose outbox and ledger hold the items. */
  connector: string;
  db: StateDb;
  transport: PohodaTransport;
  plan: PostPlan;
  report: PostReport;
  keep: KeepResponse;
  log: Log;
  progress: Progress;
}

/** One accounting unit's posting in a run, and the part of the outbox it takes. */
export interface UnitPosting {
  unit: Unit;
  posting: Posting;
  outbox: Outbox;
}

/**
 * Opens and checks the posting of every accounting unit (src/pohoda/units.ts): `[pohoda]`'s own
 * first, whose answer tells its year, then each unit of `[pohoda.units]`, which must answer for its
 * year. Items staged before `[pohoda.units]` was set are given their year. Throws as a transport's
 * check does; a unit answering for another year is a {@linkcode ServiceError} naming both.
 */
export async function openUnits(
  source: PohodaSource,
  db: StateDb,
  run: { runId: string; startedAt: Date; report: PostReport },
  selection?: Selection,
): Promise<UnitPosting[]> {
  const own = openPosting(source, db, run);
  const context = { runId: run.runId, log: source.log, dataDir: source.paths.dir };
  const postings: UnitPosting[] = [];
  for (const { unit, transport } of await openUnitTransports(source.pohoda, context, own.transport)) {
    const years = yearsOf(unit);
    const outbox = selection
      ? new OutboxSelection(db, source.connector, selection, years)
      : new Outbox(db, source.connector, years);
    postings.push({ unit, posting: { ...own, transport }, outbox });
  }
  if (source.pohoda.units) new Outbox(db, source.connector).routeUnrouted(outboxYear);
  return postings;
}

/**
 * Reports the items that wait for an accounting unit nobody configured, by year, with what to
 * configure; returns how many wait so.
 */
export function reportUnitless(source: PohodaSource, units: readonly UnitPosting[]): number {
  const { db } = units[0].posting;
  // For `status`, which reads no config.
  const memory = new Memory(db, source.connector);
  if (!source.pohoda.units) {
    if (memory.get(SERVED_YEARS)) memory.set(SERVED_YEARS, null);
    return 0;
  }
  const served = units.flatMap(({ unit }) => yearsOf(unit) ?? []);
  memory.set(SERVED_YEARS, served);
  const waiting = new Outbox(db, source.connector).waitingByYear(served);
  for (const [year, count] of waiting) {
    const example = source.pohoda.transport === "xml-folder"
      ? `StwPh_${source.pohoda.ico}_${year}`
      : "http://127.0.0.1:444/xml";
    source.log.warn(`${m.units.waiting(count, year)} ${m.units.waitingHint(year, example)}`);
  }
  return [...waiting.values()].reduce((sum, n) => sum + n, 0);
}

/** Where a connector's memory keeps the years its last run had units for. */
const SERVED_YEARS = "pohoda:units";

/**
 * `status`: what waits for an accounting unit nobody configured, by year, as the connector's last
 * run knew its units; `undefined` when nothing does (or `[pohoda.units]` is not used).
 */
export function unitlessStatus(connector: string): StatusPart<{ waitingByYear: Record<string, number> }> {
  return {
    build: (db) => {
      const served = new Memory(db, connector).get<number[]>(SERVED_YEARS);
      if (!served) return undefined;
      const waiting = new Outbox(db, connector).waitingByYear(served);
      return waiting.size > 0 ? { waitingByYear: Object.fromEntries(waiting) } : undefined;
    },
    format: ({ waitingByYear }) => [
      "",
      ...Object.entries(waitingByYear).map(([year, n]) => m.units.statusWaiting(n, Number(year))),
    ],
  };
}

/** `STW-Instance` and the pack note of a run: its start and a few random characters. */
export function newRunId(startedAt: Date): string {
  return `${fileStamp(startedAt)}-${crypto.randomUUID().slice(0, 4)}`;
}

/** How `source`'s items are packed for POHODA on run `runId`. */
export function planFor(source: PohodaSource, runId: string): PostPlan {
  const { pohoda } = source;
  return {
    ico: pohoda.ico,
    maxItems: pohoda.batch_size,
    maxBytes: pohoda.batch_max_kb * 1024,
    ...source.packs(runId),
    unsupportedCharacters: pohoda.unsupported_characters,
  };
}

/** The posting of one run of `source`, started at `startedAt`, reporting to `report`. */
export function openPosting(
  source: PohodaSource,
  db: StateDb,
  run: { runId: string; startedAt: Date; report: PostReport },
): Posting {
  const { connector, pohoda, paths, log, progress } = source;
  return {
    connector,
    db,
    transport: openTransport(pohoda, { runId: run.runId, log, dataDir: paths.dir }),
    plan: planFor(source, run.runId),
    report: run.report,
    keep: responseKeeper(paths.responses, fileStamp(run.startedAt)),
    log,
    progress,
  };
}

/**
 * `spojka outbox retry`: posts the selected waiting items now, through the same posting and settling
 * as a sync, as a run of its own (nothing is fetched, no cursor moves). The caller holds the lock.
 * Returns the run (its outcomes name each item) and its exit code; a failure of the whole target is
 * thrown after the run is recorded.
 */
export function retryInPohoda(
  source: PohodaSource,
  selection: Selection,
): Promise<{ run: number; exitCode: ExitCode }> {
  return withState(source.paths, async (db) => {
    const startedAt = new Date();
    const runId = newRunId(startedAt);
    const run = beginRun(db, source.connector, startedAt);
    const report = { tally: new Tally(), notices: new Notices(source.log), run };
    const end = (failure?: SpojkaError) =>
      endRun(db, run, { counts: report.tally.toJSON(), failed: report.tally.unsettled(), failure });
    try {
      const units = await openUnits(source, db, { runId, startedAt, report }, selection);
      for (const { posting, outbox } of units) {
        // Items whose answer is still awaited go again too: the user asked for them.
        await settleEarlier(posting);
        await post(posting, outbox, Infinity);
      }
    } catch (e) {
      end(failureOf(e, source.paths.dir));
      throw e;
    }
    const exitCode = end();
    report.notices.summarize(m.notices.listed);
    source.log.info(m.pohodaRun.retried(source.title, report.tally.lines().join("\n")));
    return { run, exitCode };
  });
}

/**
 * The dry run: `stage` fills a throwaway outbox in `outDir` that starts as a copy of the real one,
 * then the packs the next real run would send are written as files. The real state is only read,
 * by `read` (the source's cursors).
 */
export async function dryRunPacks<T>(
  source: PohodaSource,
  outDir: string,
  steps: {
    read: (db: StateDb) => T;
    stage: (outbox: Outbox, notices: Notices, read: T) => Promise<void>;
  },
): Promise<ExitCode> {
  const { log, connector } = source;
  await Deno.mkdir(outDir, { recursive: true });
  const scratchPath = join(outDir, ".dry-run.db");
  await removeIfExists(scratchPath);
  const scratch = StateDb.open(scratchPath, { mode: "scratch" });
  try {
    const outbox = new Outbox(scratch, connector);
    const read = await withState(source.paths, (db) => {
      outbox.restore(new Outbox(db, connector).inOrder());
      return steps.read(db);
    });
    const notices = new Notices(log);
    await steps.stage(outbox, notices, read);
    const plan = planFor(source, "dry-run");
    let written = 0;
    let items = 0;
    for (const { dir, outbox: unitOutbox } of dryRunUnits(source, scratch, outbox, outDir)) {
      await Deno.mkdir(dir, { recursive: true });
      for (const pack of packs(unitOutbox.inOrder(), plan)) {
        for (const outcome of pack.refused.values()) {
          if (outcome.outcome === "rejected") {
            notices.warn(m.pohodaRun.wouldNotSendKind, m.pohodaRun.wouldNotSend(outcome.reason));
          }
        }
        if (pack.bytes === null) continue;
        await Deno.writeFile(join(dir, `pack-${String(++written).padStart(3, "0")}.xml`), pack.bytes);
        items += pack.itemIds.length;
      }
    }
    notices.summarize(m.pohodaRun.packsHoldTheRest);
    log.info(m.pohodaRun.dryRunDone(written, items, outDir));
    return Exit.Ok;
  } finally {
    scratch.close();
    await removeIfExists(scratchPath);
  }
}

/**
 * The dry run's packs by accounting unit, as posting sends them: without `[pohoda.units]` one outbox into
 * `outDir`; with them, each listed year's into `outDir/<year>`, and `[pohoda]`'s own unit, which a dry
 * run does not ask for its year, takes every other year into `outDir` (a year no unit serves shows
 * there, though a real run keeps it waiting).
 */
function dryRunUnits(
  source: PohodaSource,
  scratch: StateDb,
  outbox: Outbox,
  outDir: string,
): { dir: string; outbox: Outbox }[] {
  if (!source.pohoda.units) return [{ dir: outDir, outbox }];
  outbox.routeUnrouted(outboxYear);
  const listed = unitYears(source.pohoda);
  // Every other year the outbox holds goes to [pohoda]'s own unit.
  const others = [...outbox.waitingByYear(listed).keys()];
  return [
    { dir: outDir, outbox: new Outbox(scratch, source.connector, others) },
    ...listed.map((year) => ({
      dir: join(outDir, String(year)),
      outbox: new Outbox(scratch, source.connector, [year]),
    })),
  ];
}

/** What posting reports to the run. */
export interface PostReport {
  tally: Tally;
  notices: Notices;
  run: number;
}

/**
 * Answers POHODA wrote since an earlier run (transport = "xml-folder"): each settles the items of
 * its pack still waiting in the version sent, through the same posting as a fresh answer (a pack
 * refused whole is narrowed down from it). Returns the items whose answer is still awaited.
 */
export async function settleEarlier(posting: Posting): Promise<SentItem[]> {
  const { db, transport, plan, connector } = posting;
  if (!transport.later) return [];
  const { answers, awaited } = await transport.later.earlier();
  for (const answer of answers) {
    const keys = waitingAsSent(db, answer.items).map((item) => item.key);
    if (keys.length > 0) {
      const outbox = new OutboxSelection(db, connector, { keys });
      // One pack, as it was sent: its answer speaks of all of them.
      const whole = { ...plan, maxItems: keys.length, maxBytes: Infinity };
      await post({ ...posting, plan: whole }, outbox, Infinity, { send: answer.send });
    }
    await answer.forget();
  }
  return waitingAsSent(db, awaited);
}

/** The items still in the outbox in the version that was sent (a changed one still has to go). */
function waitingAsSent(db: StateDb, items: readonly SentItem[]): SentItem[] {
  return items.filter((item) => {
    const waiting = waitingWithPayload(db, item.key);
    return waiting !== undefined && payloadVersion(waiting.payload) === item.version;
  });
}

/** Versions of items handed to POHODA whose answer is awaited, by `key\u0000version`, with their rank. */
export type Awaited = Map<string, number>;

/** The awaited versions of `items`. */
export function awaitedOf(items: readonly SentItem[]): Awaited {
  return new Map(items.map((item) => [`${item.key}\u0000${item.version}`, item.rank]));
}

/** How {@linkcode post} sends. */
export interface PostOptions {
  /**
   * Versions whose answer is awaited (and which still wait as sent): not sent again. Posting adds
   * those it hands over, so a later posting of the run leaves them out too.
   */
  awaited?: Awaited;
  /** Sends instead of the transport's own posting, e.g. giving an earlier run's answer first. */
  send?: Send;
  /** Only items ranked above this one (an earlier posting of the run took those). */
  aboveRank?: number;
}

/**
 * Posts what waits in the outbox up to `upToRank` in posting order, read from the database as
 * packs are built; each pack's outcomes are one transaction. Returns how many items it sent.
 */
export async function post(
  posting: Posting,
  outbox: Outbox,
  upToRank: number,
  options: PostOptions = {},
): Promise<number> {
  const { db, transport, plan, keep, log, progress } = posting;
  const later = transport.later;
  const awaited = options.awaited ?? new Map();
  const above = options.aboveRank ?? -1;
  const waiting = outbox.counts(upToRank);
  const before = above < 0 ? { pending: 0, failed: 0 } : outbox.counts(above);
  const total = waiting.pending + waiting.failed - before.pending - before.failed -
    [...awaited.values()].filter((rank) => rank > above && rank <= upToRank).length;
  if (total === 0) return 0;
  log.info(
    options.send
      ? m.pohodaRun.answerToEarlier(total)
      : m.pohodaRun.sending(total, plan.maxItems, Math.round(plan.maxBytes / 1024)),
  );
  const byKey = new Map<string, QueuedItem>();
  // Remembers each item's label and agenda until its pack is settled, then forgets it.
  const items = function* () {
    for (const item of outbox.inOrder(upToRank)) {
      if (item.rank <= above) continue;
      if (awaited.size > 0 && awaited.has(`${item.key}\u0000${payloadVersion(item.payload)}`)) continue;
      byKey.set(item.key, item);
      yield item;
    }
  };
  const stage = progress.stage("POHODA", { total });
  let handedOver = 0;
  try {
    // A "number already exists", and an item the answer does not mention, are settled by a lookup in
    // POHODA before the pack's outcomes are.
    const lists = new PohodaLists(listSend(transport, m.pohodaLink.lookupPurpose), plan.ico);
    const payloadOf = (key: string) => byKey.get(key)!.payload;
    const send = options.send ?? ((pack, check) => transport.post(pack, check));
    const events = apartAwaited(postInPacks(items(), send, plan), later);
    for await (
      const event of checkUnanswered(settleTakenNumbers(events, payloadOf, lists), payloadOf, lists)
    ) {
      if (event.kind === "awaiting") {
        // They stay pending as they are, and a later run settles them from POHODA's answer.
        const sent = event.keys.map((key) => sentItem(byKey.get(key)!));
        for (const [key, rank] of awaitedOf(sent)) awaited.set(key, rank);
        for (const key of event.keys) byKey.delete(key);
        await later!.await(event.answer, sent);
        handedOver += event.keys.length;
        stage.advance(event.keys.length);
        continue;
      }
      if (event.response) {
        await keep(event.response);
        // Kept: the exchange's files can go. Should the run end before the outcomes are stored,
        // the items are only sent again, which POHODA's duplicity checks make harmless.
        await later?.settled(event.response);
      }
      if (event.kind === "unreadable") {
        throw new ServiceError(m.pohodaRun.notAResponse(transport.service, event.problem), {
          hint: m.pohodaRun.notAResponseHint,
        });
      }
      if (event.kind === "refused") {
        throw new ServiceError(
          m.pohodaRun.packRefused(event.keys.length, quote(event.note)),
          { hint: refusalHint(event.note) },
        );
      }
      if (event.kind === "narrowing") {
        if (event.whole) {
          log.info(m.pohodaRun.narrowing(event.items, quote(event.note)));
        }
        continue;
      }
      const now = new Date();
      // Sent again after a lost answer: what POHODA says it had may be this run's own import.
      const outcomes = event.response && transport.answeredAfterRetry(event.response)
        ? ownImports(event.outcomes, (key) => wasConfirmed(db, key))
        : event.outcomes;
      db.transaction(() => {
        for (const [key, outcome] of outcomes) {
          settle(posting, outbox, byKey.get(key)!, outcome, now);
          byKey.delete(key);
        }
      });
      stage.advance(event.outcomes.size);
    }
  } finally {
    stage.done();
  }
  if (handedOver > 0) {
    log.info(m.pohodaRun.handedOver(handedOver, transport.service));
  }
  return total;
}

/** The version of `item` sent, as the transport notes it until POHODA's answer comes. */
function sentItem(item: QueuedItem): SentItem {
  return { key: item.key, version: payloadVersion(item.payload), rank: item.rank };
}

/** Applies one item's outcome to the outbox, the run's outcomes and the tally. */
function settle(
  posting: Posting,
  outbox: Outbox,
  item: QueuedItem,
  outcome: CheckedOutcome,
  now: Date,
): void {
  const { db, report, connector } = posting;
  const { tally, notices } = report;
  const name = `${agendaName(item.agenda)} ${item.label}`;
  const record = (outcome: string, detail?: string) =>
    recordOutcome(
      db,
      report.run,
      { key: item.key, agenda: item.agenda, label: item.label, outcome, detail },
      now,
    );
  switch (outcome.outcome) {
    case "imported": {
      outbox.confirm(item);
      confirmInLedger(db, connector, item, "imported", outcome.id, now);
      // A partner upsert that found its record reports "update"; everything else is new in POHODA.
      const kind = outcome.warnings.length > 0
        ? "with_warnings"
        : outcome.action === "update"
        ? "updated"
        : "imported";
      tally.add(item.agenda, kind);
      const where = [outcome.number && m.pohodaRun.as(outcome.number), outcome.id && `id ${outcome.id}`]
        .filter(Boolean);
      record(kind, [...where, ...outcome.warnings].join("; ") || undefined);
      for (const warning of outcome.warnings) {
        notices.warn(m.pohodaRun.withWarningsKind, m.pohodaRun.withWarning(name, warning));
      }
      return;
    }
    case "duplicate":
      // By the batch check, or by its number once a lookup found POHODA's document to be this one.
      outbox.confirm(item);
      confirmInLedger(db, connector, item, "already_present", outcome.id, now);
      tally.add(item.agenda, "already_present");
      if (outcome.deleted) {
        const detail = m.pohodaRun.deleted;
        record("deleted_in_pohoda", detail);
        notices.warn(m.pohodaRun.deletedKind, `${name}: ${detail}`);
      } else record("already_present", outcome.detail);
      return;
    case "rejected":
      outbox.fail(item, outcome.reason, now);
      tally.add(item.agenda, "failed");
      record("failed", outcome.reason);
      notices.warn(m.pohodaRun.notImportedKind, m.pohodaRun.notImported(name, outcome.reason));
      return;
    case "unanswered":
      // Maybe imported, maybe not: it stays pending as it is, and goes again under the duplicity checks.
      tally.add(item.agenda, "no_answer");
      record("no_answer", outcome.detail);
      notices.warn(m.pohodaRun.noAnswerKind, m.pohodaRun.noAnswer(name, outcome.detail));
  }
}

/** Keeps one of mServer's answers as received. */
export type KeepResponse = (bytes: Uint8Array) => Promise<void>;

/**
 * Keeps a run's answers as `response-<run start>.xml`, then `-2`, `-3` …, counting across all its
 * posting (partners, then documents): counted per posting, each answer of the documents first met
 * every name the partners had taken, a failed write each, which made a large first run quadratic.
 */
export function responseKeeper(dir: string, stamp: string): KeepResponse {
  let next = 1;
  let made = false;
  return async (bytes) => {
    if (!made) {
      await Deno.mkdir(dir, { recursive: true });
      made = true;
    }
    for (;; next++) {
      const path = join(dir, `response-${stamp}${next === 1 ? "" : `-${next}`}.xml`);
      try {
        await Deno.writeFile(path, bytes, { createNew: true });
        next++;
        return;
      } catch (e) {
        // A name an earlier run of the same second took.
        if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      }
    }
  };
}
