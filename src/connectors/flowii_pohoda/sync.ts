/**
 * FLOWii → POHODA over the state: fetch → unzip → transform → stage → post, then the cursors.
 *
 * The order is the safety: downloaded items are in the outbox (committed to the state database)
 * before anything is posted; each pack's outcomes are one transaction; cursors move only once
 * posting ran without a failure of the whole target, and then only for streams whose items are
 * safely staged. A crash anywhere loses nothing, and POHODA's duplicity checks make every replay
 * harmless.
 *
 * @module
 */

import { join } from "node:path";
import { type ExitCode, ExitCode as Exit, ServiceError, SpojkaError } from "../../core/errors.ts";
import { removeIfExists } from "../../core/files.ts";
import { failureOf } from "../../core/report.ts";
import type { DataPaths } from "../../core/datadir.ts";
import type { Log } from "../../core/log.ts";
import { Notices } from "../../core/notices.ts";
import type { Progress } from "../../core/progress.ts";
import { fileStamp } from "../../core/time.ts";
import type { FlowiiConfig } from "./config.ts";
import type { PohodaConfig } from "../../pohoda/config.ts";
import { FlowiiClient, type FlowiiStream } from "../../flowii/client.ts";
import { apartAwaited } from "../../pohoda/awaited.ts";
import { PohodaLists } from "../../pohoda/list.ts";
import { packs, postingRank, postInPacks, type PostPlan, type Send } from "../../pohoda/post.ts";
import { refusalHint } from "../../pohoda/refusal.ts";
import { settleTakenNumbers } from "../../pohoda/taken.ts";
import {
  listSend,
  openTransport,
  payloadVersion,
  type PohodaTransport,
  type SentItem,
} from "../../pohoda/transport.ts";
import { type CheckedOutcome, checkUnanswered } from "../../pohoda/unanswered.ts";
import { StateDb } from "../../state/db.ts";
import { getCursor, Memory, setCursor } from "../../state/memory.ts";
import { type ItemRecord, recordOutcome } from "../../state/outcomes.ts";
import { beginRun, endRun } from "../../state/runs.ts";
import { withState } from "../../state/store.ts";
import { VERSION } from "../../version.ts";
import { confirmInLedger, wasConfirmed } from "../../pipeline/ledger.ts";
import {
  Outbox,
  OutboxSelection,
  type QueuedItem,
  type Selection,
  waitingWithPayload,
} from "../../pipeline/outbox.ts";
import { type Staged, type StageSettings, stageStream } from "./stage.ts";
import { ownImports } from "../../pipeline/resent.ts";
import { Tally } from "../../pipeline/tally.ts";

/** What the FLOWii → POHODA sync needs. */
export interface FlowiiSync {
  flowii: FlowiiConfig;
  pohoda: PohodaConfig;
  paths: DataPaths;
  log: Log;
  progress: Progress;
}

/** `sync --dry-run`: fetch and transform, write the packs into `outDir`, post nothing, move no cursor. */
export interface SyncOptions {
  dryRun?: boolean;
  outDir?: string;
}

const CONNECTOR = "flowii";
const STREAMS: readonly { stream: FlowiiStream; zipName: string }[] = [
  { stream: "partners", zipName: "companies.zip" },
  { stream: "documents", zipName: "documents.zip" },
];

/**
 * Sets the cursor of every FLOWii stream to `epoch` (init --from-lastrun, reset --cursor --to): the
 * next sync fetches what changed since. Returns each stream, as `status` names it, with its previous cursor.
 */
export function setFlowiiCursors(db: StateDb, epoch: number): { stream: string; previous?: number }[] {
  const memory = new Memory(db, CONNECTOR);
  return db.transaction(() =>
    STREAMS.map(({ stream }) => {
      const previous = getCursor(memory, stream)?.epoch;
      setCursor(memory, stream, epoch);
      return { stream: `${CONNECTOR}.${stream}`, previous };
    })
  );
}
/** Where the full list of per-item outcomes is, for the lines that sum up the rest. */
const LISTED = "spojka status lists them all";

/** Runs the sync once and returns its exit code; a failure of a whole service is thrown after the run is recorded. */
export function syncFlowii(sync: FlowiiSync, options: SyncOptions = {}): Promise<ExitCode> {
  const startedAt = new Date();
  if (options.dryRun) {
    return dryRun(sync, options.outDir ?? join(sync.paths.dir, `dry-run-${fileStamp(startedAt)}`));
  }
  return withState(sync.paths, (db) => syncWith(db, sync, startedAt));
}

async function syncWith(db: StateDb, sync: FlowiiSync, startedAt: Date): Promise<ExitCode> {
  const { log } = sync;
  const runId = newRunId(startedAt);
  const run = beginRun(db, CONNECTOR, startedAt);
  const memory = new Memory(db, CONNECTOR);
  const outbox = new Outbox(db, CONNECTOR);
  const transport = openTransport(sync.pohoda, { runId, log, dataDir: sync.paths.dir });
  const tally = new Tally();
  const notices = new Notices(log);
  const plan = postPlan(sync, runId);
  const keep = responseKeeper(sync.paths.responses, fileStamp(startedAt));

  let awaited: Awaited;
  try {
    const check = await transport.check();
    for (const note of check.notes) log.info(note);
    awaited = awaitedOf(await settleEarlier(sync, db, transport, plan, { tally, notices, run }, keep));
  } catch (e) {
    // A failed check is a run like any other for status and /healthz: recorded, then reported.
    if (!(e instanceof SpojkaError)) throw e;
    endRun(db, run, { counts: tally.toJSON(), failed: tally.unsettled(), failure: e });
    throw e;
  }

  const since = (stream: FlowiiStream) => getCursor(memory, stream)?.epoch;
  let posted = 0;
  const partnerRank = postingRank("addressbook");
  // The documents' posting starts after the partners' rank: partners the partners' posting failed
  // wait for the next run, not for a second try (and a second count) within this one.
  const postUpTo = (rank: number) =>
    outcome(
      post(sync, db, outbox, transport, plan, { tally, notices, run }, keep, rank, {
        awaited,
        aboveRank: rank > partnerRank ? partnerRank : undefined,
      }).then((items) => void (posted += items)),
    );
  let partnersPosted: Promise<Outcome> | undefined;
  let staged: Staged[];
  let sourceFailure: SpojkaError | undefined;
  let targetFailure: SpojkaError | undefined;
  try {
    ({ staged, failure: sourceFailure } = await stageAll(sync, since, outbox, {
      tally,
      notices,
      outcome: (item) => recordOutcome(db, run, item, new Date()),
    }, (stream) => {
      // Partners go to POHODA while the documents download, so mServer starts at once. Documents wait
      // for their whole stream: an advance late in the export must precede the invoices that deduct it.
      if (stream === "partners") partnersPosted = postUpTo(partnerRank);
    }));
    targetFailure = await settled(partnersPosted);
    if (staged.some((s) => s.stream === "documents")) targetFailure ??= await settled(postUpTo(Infinity));
    else if (!targetFailure) {
      // Part of it may be staged: sent alone, an invoice could go before the advance it deducts.
      log.info("The documents wait in the outbox until their download comes through whole.");
    }
  } catch (e) {
    // Partner posting may still be in flight: it ends before the state closes, and the run is recorded.
    await partnersPosted;
    const failure = failureOf(e, sync.paths.dir);
    endRun(db, run, { counts: tally.toJSON(), failed: tally.unsettled(), failure });
    throw e;
  }
  if (!targetFailure && posted === 0) log.info("Nothing to send to POHODA.");
  if (!targetFailure) {
    db.transaction(() => {
      for (const { stream, cursor } of staged) setCursor(memory, stream, cursor);
    });
  }

  const failure = targetFailure ?? sourceFailure;
  // Records left out and held keep every run partial, and named, until a person acts on them.
  const held = outbox.reportHeld(run, new Date());
  const exitCode = endRun(db, run, { counts: tally.toJSON(), failed: tally.unsettled() + held, failure });
  notices.summarize(LISTED);
  const [total, ...perAgenda] = tally.lines();
  log.info(`FLOWii → POHODA: ${total}`);
  for (const line of perAgenda) log.info(line);
  const waiting = outbox.counts();
  if (waiting.pending + waiting.failed > 0) {
    log.info(
      `${
        waiting.pending + waiting.failed
      } items wait in the outbox for the next run (spojka status lists them).`,
    );
  }
  if (held > 0) {
    log.warn(`${held} records held, not sent to POHODA: spojka status lists them with what to do.`);
  }
  if (failure) throw failure;
  return exitCode;
}

/** `STW-Instance` and the pack note of a run: its start and a few random characters. */
function newRunId(startedAt: Date): string {
  return `${fileStamp(startedAt)}-${crypto.randomUUID().slice(0, 4)}`;
}

/**
 * `spojka outbox retry`: posts the selected waiting items now, through the same posting and settling
 * as a sync, as a run of its own (nothing is fetched, no cursor moves). The caller holds the lock.
 * Returns the run (its outcomes name each item) and its exit code; a failure of the whole target is
 * thrown after the run is recorded.
 */
export function retryFlowii(
  sync: FlowiiSync,
  selection: Selection,
): Promise<{ run: number; exitCode: ExitCode }> {
  return withState(sync.paths, async (db) => {
    const startedAt = new Date();
    const runId = newRunId(startedAt);
    const run = beginRun(db, CONNECTOR, startedAt);
    const transport = openTransport(sync.pohoda, { runId, log: sync.log, dataDir: sync.paths.dir });
    const report = { tally: new Tally(), notices: new Notices(sync.log), run };
    const end = (failure?: SpojkaError) =>
      endRun(db, run, { counts: report.tally.toJSON(), failed: report.tally.unsettled(), failure });
    try {
      for (const note of (await transport.check()).notes) sync.log.info(note);
      const plan = postPlan(sync, runId);
      const keep = responseKeeper(sync.paths.responses, fileStamp(startedAt));
      // Items whose answer is still awaited go again too: the user asked for them.
      await settleEarlier(sync, db, transport, plan, report, keep);
      const outbox = new OutboxSelection(db, CONNECTOR, selection);
      await post(sync, db, outbox, transport, plan, report, keep, Infinity);
    } catch (e) {
      end(failureOf(e, sync.paths.dir));
      throw e;
    }
    const exitCode = end();
    report.notices.summarize(LISTED);
    sync.log.info(`FLOWii → POHODA, retry: ${report.tally.lines().join("\n")}`);
    return { run, exitCode };
  });
}

/** How a piece of work ended: a failure of a whole service, a bug, or fine. */
type Outcome = { failure?: SpojkaError; bug?: unknown };

/** Runs `work` to its end without letting it reject unobserved while other work goes on. */
function outcome(work: Promise<void>): Promise<Outcome> {
  return work.then(() => ({}), (e) => e instanceof SpojkaError ? { failure: e } : { bug: e });
}

/** The failure of `work`, if any; a bug is thrown. */
async function settled(work: Promise<Outcome> | undefined): Promise<SpojkaError | undefined> {
  const { failure, bug } = (await work) ?? {};
  if (bug !== undefined) throw bug;
  return failure;
}

/** What staging reports to the run. */
interface StagingReport {
  tally: Tally;
  notices: Notices;
  outcome(item: ItemRecord): void;
}

/**
 * Stages both streams. One stream failing does not hold back the other, nor the retry of what
 * already waits; the first failure is returned as the run's, any further one is logged.
 */
async function stageAll(
  sync: FlowiiSync,
  since: (stream: FlowiiStream) => number | undefined,
  outbox: Outbox,
  report: StagingReport,
  afterStream: (stream: FlowiiStream) => void = () => {},
): Promise<{ staged: Staged[]; failure?: SpojkaError }> {
  const { log, progress } = sync;
  const client = new FlowiiClient(sync.flowii, log);
  const staged: Staged[] = [];
  let failure: SpojkaError | undefined;
  for (const { stream, zipName } of STREAMS) {
    try {
      staged.push(
        await stageStream(client, stream, zipName, since(stream), outbox, stageSettings(sync), {
          log,
          ...report,
          progress: {
            download: () => progress.stage(`FLOWii ${stream}`, { unit: "bytes" }),
            staging: () => progress.stage(`${stream} → outbox`, { unit: "items" }),
          },
        }),
      );
    } catch (e) {
      if (!(e instanceof SpojkaError)) throw e;
      if (failure) log.error(`FLOWii ${stream}: ${e.message}`);
      failure ??= e;
    }
    afterStream(stream);
  }
  return { staged, failure };
}

function stageSettings(sync: FlowiiSync): StageSettings {
  const { flowii, pohoda, paths } = sync;
  return {
    downloads: paths.downloads,
    extSystem: flowii.ext_system,
    unsupportedCharacters: pohoda.unsupported_characters,
    maxZipEntries: flowii.max_zip_entries,
    maxUnzippedBytes: flowii.max_unzipped_mb * 2 ** 20,
    maxItemChars: flowii.max_item_mb * 2 ** 20,
    overlapMinutes: flowii.overlap_minutes,
  };
}

function postPlan(sync: FlowiiSync, runId: string): PostPlan {
  const company = sync.flowii.company_id ? `-${sync.flowii.company_id}` : "";
  return {
    ico: sync.pohoda.ico,
    maxItems: sync.pohoda.batch_size,
    maxBytes: sync.pohoda.batch_max_kb * 1024,
    // Constant per stream and company, never per run: POHODA's batch duplicity check keys on
    // (dataPack@id, dataPackItem@id), and a replay must meet the same pair whatever the chunking.
    packId: (group) => `spojka-flowii-${group}${company}`.slice(0, 64),
    note: `spojka ${VERSION}: import z FLOWii, běh ${runId}`,
    unsupportedCharacters: sync.pohoda.unsupported_characters,
  };
}

/** What posting reports to the run. */
interface PostReport {
  tally: Tally;
  notices: Notices;
  run: number;
}

/**
 * Answers POHODA wrote since an earlier run (transport = "xml-folder"): each settles the items of
 * its pack still waiting in the version sent, through the same posting as a fresh answer (a pack
 * refused whole is narrowed down from it). Returns the items whose answer is still awaited.
 */
async function settleEarlier(
  sync: FlowiiSync,
  db: StateDb,
  transport: PohodaTransport,
  plan: PostPlan,
  report: PostReport,
  keep: KeepResponse,
): Promise<SentItem[]> {
  if (!transport.later) return [];
  const { answers, awaited } = await transport.later.earlier();
  for (const answer of answers) {
    const keys = waitingAsSent(db, answer.items).map((item) => item.key);
    if (keys.length > 0) {
      const outbox = new OutboxSelection(db, CONNECTOR, { keys });
      // One pack, as it was sent: its answer speaks of all of them.
      const whole = { ...plan, maxItems: keys.length, maxBytes: Infinity };
      await post(sync, db, outbox, transport, whole, report, keep, Infinity, { send: answer.send });
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
type Awaited = Map<string, number>;

function awaitedOf(items: readonly SentItem[]): Awaited {
  return new Map(items.map((item) => [`${item.key}\u0000${item.version}`, item.rank]));
}

/** How {@linkcode post} sends. */
interface PostOptions {
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
async function post(
  sync: FlowiiSync,
  db: StateDb,
  outbox: Outbox,
  transport: PohodaTransport,
  plan: PostPlan,
  report: PostReport,
  keep: KeepResponse,
  upToRank: number,
  options: PostOptions = {},
): Promise<number> {
  const { log, progress } = sync;
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
      ? `POHODA: the answer to ${total} items sent on an earlier run`
      : `POHODA: sending ${total} items in packs of at most ${plan.maxItems} items and ${
        Math.round(plan.maxBytes / 1024)
      } KiB`,
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
  const posting = progress.stage("POHODA", { unit: "items", total });
  let handedOver = 0;
  try {
    // A "number already exists", and an item the answer does not mention, are settled by a lookup in
    // POHODA before the pack's outcomes are.
    const lists = new PohodaLists(listSend(transport, "Looking a document up by its number"), plan.ico);
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
        posting.advance(event.keys.length);
        continue;
      }
      if (event.response) {
        await keep(event.response);
        // Kept: the exchange's files can go. Should the run end before the outcomes are stored,
        // the items are only sent again, which POHODA's duplicity checks make harmless.
        await later?.settled(event.response);
      }
      if (event.kind === "unreadable") {
        throw new ServiceError(
          `${transport.service} did not answer with a POHODA response: ${event.problem}.`,
          {
            hint:
              "The answer is kept in the responses folder. The items stay in the outbox and are sent again next time.",
          },
        );
      }
      if (event.kind === "refused") {
        throw new ServiceError(
          `POHODA refused a whole pack of ${event.keys.length} items: “${event.note}”. Nothing in it was imported.`,
          { hint: refusalHint(event.note) },
        );
      }
      if (event.kind === "narrowing") {
        if (event.whole) {
          log.info(
            `POHODA refused a pack of ${event.items} items whole: “${event.note}”. ` +
              "Sending it in smaller parts to find the items it cannot take.",
          );
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
          settle(db, outbox, byKey.get(key)!, outcome, report, now);
          byKey.delete(key);
        }
      });
      posting.advance(event.outcomes.size);
    }
  } finally {
    posting.done();
  }
  if (handedOver > 0) {
    log.info(
      `${handedOver} items were handed to ${transport.service} and wait for its answer, which a later run reads.`,
    );
  }
  return total;
}

/** The version of `item` sent, as the transport notes it until POHODA's answer comes. */
function sentItem(item: QueuedItem): SentItem {
  return { key: item.key, version: payloadVersion(item.payload), rank: item.rank };
}

/** Applies one item's outcome to the outbox, the run's outcomes and the tally. */
function settle(
  db: StateDb,
  outbox: Outbox,
  item: QueuedItem,
  outcome: CheckedOutcome,
  report: PostReport,
  now: Date,
): void {
  const { tally, notices } = report;
  const name = `${item.agenda} ${item.label}`;
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
      confirmInLedger(db, CONNECTOR, item, "imported", outcome.id, now);
      // A partner upsert that found its record reports "update"; everything else is new in POHODA.
      const kind = outcome.warnings.length > 0
        ? "with_warnings"
        : outcome.action === "update"
        ? "updated"
        : "imported";
      tally.add(item.agenda, kind);
      const where = [outcome.number && `as ${outcome.number}`, outcome.id && `id ${outcome.id}`].filter(
        Boolean,
      );
      record(kind, [...where, ...outcome.warnings].join("; ") || undefined);
      for (const warning of outcome.warnings) {
        notices.warn("items imported with warnings", `${name}: imported with a warning: ${warning}`);
      }
      return;
    }
    case "duplicate":
      // By the batch check, or by its number once a lookup found POHODA's document to be this one.
      outbox.confirm(item);
      confirmInLedger(db, CONNECTOR, item, "already_present", outcome.id, now);
      tally.add(item.agenda, "already_present");
      if (outcome.deleted) {
        const detail = "imported before and deleted in POHODA since; spojka does not import it again.";
        record("deleted_in_pohoda", detail);
        notices.warn("documents deleted in POHODA", `${name}: ${detail}`);
      } else record("already_present", outcome.detail);
      return;
    case "rejected":
      outbox.fail(item, outcome.reason, now);
      tally.add(item.agenda, "failed");
      record("failed", outcome.reason);
      notices.warn("items not imported", `${name}: not imported: ${outcome.reason}`);
      return;
    case "unanswered":
      // Maybe imported, maybe not: it stays pending as it is, and goes again under the duplicity checks.
      tally.add(item.agenda, "no_answer");
      record("no_answer", outcome.detail);
      notices.warn(
        "items POHODA did not answer for",
        `${name}: no answer from POHODA, will be checked: ${outcome.detail}`,
      );
  }
}

/** Keeps one of mServer's answers as received. */
type KeepResponse = (bytes: Uint8Array) => Promise<void>;

/**
 * Keeps a run's answers as `response-<run start>.xml`, then `-2`, `-3` …, counting across all its
 * posting (partners, then documents): counted per posting, each answer of the documents first met
 * every name the partners had taken, a failed write each, which made a large first run quadratic.
 */
function responseKeeper(dir: string, stamp: string): KeepResponse {
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

/**
 * The dry run: the same stages into a throwaway outbox in `outDir` that starts as a copy of the
 * real one, then the packs the next real run would send, written as files. The real state is
 * only read.
 */
async function dryRun(sync: FlowiiSync, outDir: string): Promise<ExitCode> {
  const { log } = sync;
  await Deno.mkdir(outDir, { recursive: true });
  const scratchPath = join(outDir, ".dry-run.db");
  await removeIfExists(scratchPath);
  const scratch = StateDb.open(scratchPath, { mode: "scratch" });
  try {
    const outbox = new Outbox(scratch, CONNECTOR);
    const cursors = await withState(sync.paths, (db) => {
      outbox.restore(new Outbox(db, CONNECTOR).inOrder());
      const memory = new Memory(db, CONNECTOR);
      return new Map(STREAMS.map(({ stream }) => [stream, getCursor(memory, stream)?.epoch]));
    });
    const tally = new Tally();
    const notices = new Notices(log);
    const { failure } = await stageAll(sync, (stream) => cursors.get(stream), outbox, {
      tally,
      notices,
      outcome: () => {},
    });
    if (failure) throw failure;
    const plan = postPlan(sync, "dry-run");
    let written = 0;
    let items = 0;
    for (const pack of packs(outbox.inOrder(), plan)) {
      for (const outcome of pack.refused.values()) {
        if (outcome.outcome === "rejected") {
          notices.warn("items that would not be sent", `would not be sent: ${outcome.reason}`);
        }
      }
      if (pack.bytes === null) continue;
      await Deno.writeFile(join(outDir, `pack-${String(++written).padStart(3, "0")}.xml`), pack.bytes);
      items += pack.itemIds.length;
    }
    notices.summarize("the packs hold everything else");
    log.info(
      `Dry run: ${written} packs with ${items} items written to ${outDir}. Nothing was posted; no cursor moved.`,
    );
    return Exit.Ok;
  } finally {
    scratch.close();
    await removeIfExists(scratchPath);
  }
}
