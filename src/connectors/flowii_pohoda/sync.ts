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
import { type ExitCode, SpojkaError } from "../../core/errors.ts";
import { failureOf } from "../../core/report.ts";
import type { DataPaths } from "../../core/datadir.ts";
import type { Log } from "../../core/log.ts";
import { Notices } from "../../core/notices.ts";
import type { Progress } from "../../core/progress.ts";
import { fileStamp } from "../../core/time.ts";
import { FlowiiClient, type FlowiiStream } from "../../flowii/client.ts";
import type { PohodaConfig } from "../../pohoda/config.ts";
import { postingRank } from "../../pohoda/post.ts";
import {
  type Awaited,
  awaitedOf,
  dryRunPacks,
  newRunId,
  openUnits,
  type PohodaSource,
  post,
  reportUnitless,
  retryInPohoda,
  settleEarlier,
  type UnitPosting,
} from "../../pohoda/target.ts";
import type { SentItem } from "../../pohoda/transport.ts";
import { type Unit, unitsOf } from "../../pohoda/units.ts";
import type { StateDb } from "../../state/db.ts";
import { getCursor, Memory, setCursor } from "../../state/memory.ts";
import { type ItemRecord, recordOutcome } from "../../state/outcomes.ts";
import { beginRun, endRun } from "../../state/runs.ts";
import { withState } from "../../state/store.ts";
import { VERSION } from "../../version.ts";
import { Outbox, type Selection } from "../../pipeline/outbox.ts";
import { Tally } from "../../pipeline/tally.ts";
import type { FlowiiConfig } from "./config.ts";
import { type Staged, type StageSettings, stageStream, streamName } from "./stage.ts";
import { m } from "../../i18n/mod.ts";

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

/** FLOWii as a source for the POHODA target: its outbox, and its packs' ids and note. */
function asSource(sync: FlowiiSync): PohodaSource {
  const company = sync.flowii.company_id ? `-${sync.flowii.company_id}` : "";
  return {
    connector: CONNECTOR,
    title: "FLOWii → POHODA",
    ...sync,
    packs: (runId) => ({
      // Constant per stream and company, never per run: POHODA's batch duplicity check keys on
      // (dataPack@id, dataPackItem@id), and a replay must meet the same pair whatever the chunking.
      packId: (group) => `spojka-flowii-${group}${company}`.slice(0, 64),
      note: `spojka ${VERSION}: import z FLOWii, běh ${runId}`,
    }),
  };
}

/** The units partners are staged for: none apart without [pohoda.units]. */
function routedUnits(sync: FlowiiSync, units: readonly UnitPosting[]): Unit[] | undefined {
  return sync.pohoda.units ? units.map(({ unit }) => unit) : undefined;
}

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
  const tally = new Tally();
  const notices = new Notices(log);
  const source = asSource(sync);

  let awaited: Awaited;
  let units: UnitPosting[];
  try {
    units = await openUnits(source, db, { runId, startedAt, report: { tally, notices, run } });
    const earlier: SentItem[] = [];
    for (const unit of units) earlier.push(...await settleEarlier(unit.posting));
    awaited = awaitedOf(earlier);
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
  // Unit by unit, oldest year first: each takes its own year's items.
  const postUpTo = (rank: number) =>
    outcome((async () => {
      for (const unit of units) {
        posted += await post(unit.posting, unit.outbox, rank, {
          awaited,
          aboveRank: rank > partnerRank ? partnerRank : undefined,
        });
      }
    })());
  let partnersPosted: Promise<Outcome> | undefined;
  let staged: Staged[];
  let sourceFailure: SpojkaError | undefined;
  let targetFailure: SpojkaError | undefined;
  try {
    ({ staged, failure: sourceFailure } = await stageAll(sync, routedUnits(sync, units), since, outbox, {
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
      log.info(m.flowiiRun.documentsWait);
    }
  } catch (e) {
    // Partner posting may still be in flight: it ends before the state closes, and the run is recorded.
    await partnersPosted;
    const failure = failureOf(e, sync.paths.dir);
    endRun(db, run, { counts: tally.toJSON(), failed: tally.unsettled(), failure });
    throw e;
  }
  if (!targetFailure && posted === 0) log.info(m.flowiiRun.nothingToSend);
  if (!targetFailure) {
    db.transaction(() => {
      for (const { stream, cursor } of staged) setCursor(memory, stream, cursor);
    });
  }

  const failure = targetFailure ?? sourceFailure;
  // Records left out and held keep every run partial, and named, until a person acts on them.
  const held = outbox.reportHeld(run, new Date());
  // Items of a year without a unit keep the run partial, like held ones, until its unit is configured.
  const unitless = reportUnitless(source, units);
  const exitCode = endRun(db, run, {
    counts: tally.toJSON(),
    failed: tally.unsettled() + held + unitless,
    failure,
  });
  notices.summarize(m.notices.listed);
  const [total, ...perAgenda] = tally.lines();
  log.info(m.flowiiRun.summary(total, failure !== undefined));
  for (const line of perAgenda) log.info(line);
  const waiting = outbox.counts();
  if (waiting.pending + waiting.failed > 0) {
    log.info(m.flowiiRun.waiting(waiting.pending + waiting.failed));
  }
  if (held > 0) {
    log.warn(m.flowiiRun.held(held));
  }
  if (failure) throw failure;
  return exitCode;
}

/** `spojka outbox retry` of FLOWii's items (see {@linkcode retryInPohoda}). */
export function retryFlowii(
  sync: FlowiiSync,
  selection: Selection,
): Promise<{ run: number; exitCode: ExitCode }> {
  return retryInPohoda(asSource(sync), selection);
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
  units: readonly Unit[] | undefined,
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
        await stageStream(client, stream, zipName, since(stream), outbox, { ...stageSettings(sync), units }, {
          log,
          ...report,
          progress: {
            download: () => progress.stage(streamName(stream), { unit: "bytes" }),
            staging: () => progress.stage(m.flowiiRun.toOutbox(streamName(stream))),
          },
        }),
      );
    } catch (e) {
      if (!(e instanceof SpojkaError)) throw e;
      // Each stream names its own failure; the run's error (the first) follows at the end.
      log.error(m.flowiiRun.streamFailed(streamName(stream), e.message));
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

/** The dry run: FLOWii's stages into the POHODA target's throwaway outbox, which writes the packs. */
function dryRun(sync: FlowiiSync, outDir: string): Promise<ExitCode> {
  return dryRunPacks(asSource(sync), outDir, {
    read: (db) => {
      const memory = new Memory(db, CONNECTOR);
      return new Map(STREAMS.map(({ stream }) => [stream, getCursor(memory, stream)?.epoch]));
    },
    stage: async (outbox, notices, cursors) => {
      // No unit is asked which year it serves: partners are staged for the units [pohoda.units] names.
      const units = sync.pohoda.units ? unitsOf(sync.pohoda, undefined) : undefined;
      const { failure } = await stageAll(sync, units, (stream) => cursors.get(stream), outbox, {
        tally: new Tally(),
        notices,
        outcome: () => {},
      });
      if (failure) throw failure;
    },
  });
}
