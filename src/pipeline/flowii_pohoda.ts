/**
 * FLOWii → POHODA over the state: fetch → unzip → transform → stage → post, then the cursors.
 *
 * The order is the safety: downloaded items are in the outbox (synced to disk) before anything is
 * posted; the state is saved after every pack; cursors move only once posting ran without a
 * failure of the whole target, and then only for streams whose items are safely staged. A crash
 * anywhere loses nothing, and POHODA's duplicity checks make every replay harmless.
 *
 * @module
 */

import { join } from "node:path";
import { type ExitCode, ExitCode as Exit, ServiceError, SpojkaError } from "../core/errors.ts";
import { writeFileAtomic } from "../core/files.ts";
import type { DataPaths } from "../core/datadir.ts";
import type { Log } from "../core/log.ts";
import { epochSeconds, fileStamp, formatLocal } from "../core/time.ts";
import type { FlowiiConfig, PohodaConfig } from "../config/schema.ts";
import { FlowiiClient, type FlowiiStream } from "../flowii/client.ts";
import { checkMServer } from "../pohoda/check.ts";
import { decodeXml } from "../pohoda/encoding.ts";
import { MServer } from "../pohoda/mserver.ts";
import {
  inPostingOrder,
  type ItemOutcome,
  packs,
  postInPacks,
  type PostItem,
  type PostPlan,
} from "../pohoda/post.ts";
import { type PohodaItem, transformExport } from "../pohoda/transform.ts";
import type { State } from "../state/schema.ts";
import { recordRun } from "../state/runs.ts";
import { loadState, saveState } from "../state/store.ts";
import { VERSION } from "../version.ts";
import { type OutboxItem, queued, type QueuedItem, stage, sweep } from "./outbox.ts";
import { Tally } from "./tally.ts";
import { unzip, ZipError } from "./unzip.ts";

/** What the FLOWii → POHODA sync needs. */
export interface FlowiiSync {
  flowii: FlowiiConfig;
  pohoda: PohodaConfig;
  paths: DataPaths;
  log: Log;
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

/** What one stream brought. */
interface Download {
  stream: FlowiiStream;
  items: PohodaItem[];
  /** Records named alike by the export: reported and counted as failed. */
  dropped: PohodaItem[];
  /** Where the stream continues next time: the export time minus the overlap. */
  cursor: number;
}

/** Runs the sync once and returns its exit code; a failure of a whole service is thrown after the state is saved. */
export async function syncFlowii(sync: FlowiiSync, options: SyncOptions = {}): Promise<ExitCode> {
  const { log, paths } = sync;
  const startedAt = new Date();
  const runId = `${fileStamp(startedAt)}-${crypto.randomUUID().slice(0, 4)}`;
  const state = await loadState(paths.state);
  const mserver = new MServer(sync.pohoda, runId, log);
  const plan = postPlan(sync, runId);

  if (!options.dryRun) {
    try {
      const check = await checkMServer(mserver, sync.pohoda);
      for (const note of check.notes) log.info(note);
    } catch (e) {
      // A failed check is a run like any other for status and /healthz: recorded, then reported.
      if (!(e instanceof SpojkaError)) throw e;
      recordRun(state, CONNECTOR, { startedAt, counts: {}, failed: 0, failure: e });
      await saveState(paths.state, state);
      throw e;
    }
  }

  const tally = new Tally();
  const downloads: Download[] = [];
  let sourceFailure: SpojkaError | undefined;
  const client = new FlowiiClient(sync.flowii, log);
  for (const { stream, zipName } of STREAMS) {
    try {
      downloads.push(
        await download(sync, client, stream, zipName, state.cursors[`${CONNECTOR}.${stream}`]?.epoch),
      );
    } catch (e) {
      // One stream failing does not hold back the other, nor the retry of what already waits.
      // The first failure ends the run as its error; any further one is told here.
      if (!(e instanceof SpojkaError)) throw e;
      if (sourceFailure) log.error(`FLOWii ${stream}: ${e.message}`);
      sourceFailure ??= e;
    }
  }
  for (const { items, dropped } of downloads) {
    for (const item of [...items, ...dropped]) tally.add(item.agenda, "fetched");
    for (const item of dropped) tally.add(item.agenda, "failed");
  }

  if (options.dryRun) {
    if (sourceFailure) throw sourceFailure;
    return await dryRun(
      sync,
      state,
      downloads,
      plan,
      options.outDir ?? join(paths.dir, `dry-run-${fileStamp(startedAt)}`),
    );
  }

  for (const { stream, items } of downloads) {
    if (items.length === 0) continue;
    await stage(paths.outbox, state, CONNECTOR, items.map(outboxItem), new Date());
    log.detail(`${items.length} ${stream} safely in the outbox`);
  }
  await saveState(paths.state, state);

  let targetFailure: SpojkaError | undefined;
  try {
    await post(sync, state, mserver, plan, tally, fileStamp(startedAt));
  } catch (e) {
    if (!(e instanceof SpojkaError)) throw e;
    targetFailure = e;
  }
  if (!targetFailure) {
    for (const { stream, cursor } of downloads) {
      state.cursors[`${CONNECTOR}.${stream}`] = { epoch: cursor, setAt: new Date().toISOString() };
    }
  }

  const failure = targetFailure ?? sourceFailure;
  const exitCode = recordRun(state, CONNECTOR, {
    startedAt,
    counts: tally.toJSON(),
    failed: tally.total("failed"),
    failure,
  });
  await saveState(paths.state, state);
  await sweep(paths.outbox, state);
  const [total, ...perAgenda] = tally.lines();
  log.info(`FLOWii → POHODA: ${total}`);
  for (const line of perAgenda) log.info(line);
  const waiting = Object.values(state.outbox).filter((e) => e.connector === CONNECTOR).length;
  if (waiting > 0) {
    log.info(`${waiting} items wait in the outbox for the next run (spojka status lists them).`);
  }
  if (failure) throw failure;
  return exitCode;
}

/** fetch → unzip → transform for one stream; the zip and its files are kept in downloads/. */
async function download(
  sync: FlowiiSync,
  client: FlowiiClient,
  stream: FlowiiStream,
  zipName: string,
  since: number | undefined,
): Promise<Download> {
  const { log, paths, flowii } = sync;
  log.info(
    `FLOWii ${stream}: ${
      since === undefined ? "everything (first run)" : `changes since ${formatLocal(new Date(since * 1000))}`
    }`,
  );
  const { zip, exportedAt } = await client.export(stream, since);
  await keepCopy(join(paths.downloads, zipName), zip, log);
  const unusable = (what: string, why: string) =>
    new ServiceError(`FLOWii's ${stream} export (${what}) cannot be used: ${why}.`, {
      hint: `It is kept in ${paths.downloads}. Nothing was lost: the next run downloads it again.`,
    });
  let files;
  try {
    files = await unzip(zip, {
      maxEntries: flowii.max_zip_entries,
      maxBytes: flowii.max_unzipped_mb * 2 ** 20,
    });
  } catch (e) {
    if (e instanceof ZipError) throw unusable(`downloads/${zipName}`, e.message);
    throw e;
  }
  const items: PohodaItem[] = [];
  for (const file of files) {
    if (!/\.xml$/i.test(file.name)) {
      log.detail(`${zipName}: ${file.name} is not XML; skipped`);
      continue;
    }
    await keepCopy(join(paths.downloads, file.name), file.bytes, log);
    try {
      items.push(
        ...await transformExport(decodeXml(file.bytes), {
          extSystem: flowii.ext_system,
          unsupportedCharacters: sync.pohoda.unsupported_characters,
        }),
      );
    } catch (e) {
      if (e instanceof SyntaxError) {
        throw unusable(file.name, `it is not a valid POHODA dataPack: ${e.message}`);
      }
      throw e;
    }
  }
  for (const item of items) for (const note of item.notes) log.warn(`${item.agenda} ${item.label}: ${note}`);
  log.info(`FLOWii ${stream}: ${items.length} records in ${files.length} files`);
  const { distinct, dropped } = distinctItems(items, log);
  return {
    stream,
    items: distinct,
    dropped,
    cursor: Math.max(0, epochSeconds(exportedAt) - flowii.overlap_minutes * 60),
  };
}

/**
 * Records the export names alike (two partners with one IČO and no external id, a document number
 * twice) cannot both be sent as themselves: the last is sent, the others are reported as failed.
 */
function distinctItems(items: PohodaItem[], log: Log): { distinct: PohodaItem[]; dropped: PohodaItem[] } {
  const byKey = Map.groupBy(items, (item) => item.key);
  const dropped: PohodaItem[] = [];
  for (const [key, group] of byKey) {
    if (group.length === 1) continue;
    dropped.push(...group.slice(0, -1));
    log.warn(
      `FLOWii exported ${group.length} records that spojka tells apart only by ${key}: ` +
        `${group.map((i) => i.label).join("; ")}. Only the last is sent; give the others an external id or ` +
        "their own IČO or number in FLOWii.",
    );
  }
  return { distinct: [...byKey.values()].map((group) => group.at(-1)!), dropped };
}

/** A transformed item as the outbox keeps it: keyed within the connector, its XML as the payload. */
function outboxItem(item: PohodaItem): OutboxItem {
  return { ...item, key: `${CONNECTOR}/${item.key}`, payload: item.xml };
}

/** Keeps a copy in downloads/ for people to look at; failing to (a file open in Excel) stops nothing. */
async function keepCopy(path: string, bytes: Uint8Array, log: Log): Promise<void> {
  try {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeFile(path, bytes);
  } catch (e) {
    log.warn(`Could not keep a copy as ${path} (${(e as Error).message}); the sync goes on without it.`);
  }
}

function postPlan(sync: FlowiiSync, runId: string): PostPlan {
  const company = sync.flowii.company_id ? `-${sync.flowii.company_id}` : "";
  return {
    ico: sync.pohoda.ico,
    batchSize: sync.pohoda.batch_size,
    // Constant per stream and company, never per run: POHODA's batch duplicity check keys on
    // (dataPack@id, dataPackItem@id), and a replay must meet the same pair whatever the chunking.
    packId: (group) => `spojka-flowii-${group}${company}`.slice(0, 64),
    note: `spojka ${VERSION}: import z FLOWii, běh ${runId}`,
  };
}

/** Posts what waits in the outbox, saving the state after every pack. */
async function post(
  sync: FlowiiSync,
  state: State,
  mserver: MServer,
  plan: PostPlan,
  tally: Tally,
  stamp: string,
): Promise<void> {
  const { log, paths } = sync;
  const items = inPostingOrder(await queued(paths.outbox, state, CONNECTOR));
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const [key, entry] of Object.entries(state.outbox)) {
    if (entry.connector !== CONNECTOR || byKey.has(key)) continue;
    tally.add(entry.agenda, "failed");
    log.warn(`${entry.agenda} ${entry.label}: ${entry.error}`);
  }
  if (items.length === 0) {
    log.info("Nothing to send to POHODA.");
    return;
  }
  log.info(`POHODA: sending ${items.length} items in packs of at most ${plan.batchSize}`);
  let responses = 0;
  for await (const event of postInPacks(items, (pack, check) => mserver.post(pack, check), plan)) {
    if (event.response) await keepResponse(paths.responses, stamp, ++responses, event.response);
    if (event.kind === "unreadable") {
      throw new ServiceError(`mServer did not answer with a POHODA response: ${event.problem}.`, {
        hint:
          "The answer is kept in the responses folder. The items stay in the outbox and are sent again next time.",
      });
    }
    if (event.kind === "refused") {
      throw new ServiceError(
        `POHODA refused a whole pack of ${event.keys.length} items: “${event.note}”. Nothing in it was imported.`,
        {
          hint: refusalHint(event.note),
        },
      );
    }
    const now = new Date().toISOString();
    for (const [key, outcome] of event.outcomes) settle(state, byKey.get(key)!, outcome, tally, log, now);
    await saveState(paths.state, state);
  }
}

/** Applies one item's outcome to the outbox and the tally. */
function settle(
  state: State,
  item: QueuedItem,
  outcome: ItemOutcome,
  tally: Tally,
  log: Log,
  now: string,
): void {
  const name = `${item.agenda} ${item.label}`;
  switch (outcome.outcome) {
    case "imported":
      delete state.outbox[item.key];
      // A partner upsert that found its record reports "update"; everything else is new in POHODA.
      tally.add(
        item.agenda,
        outcome.warnings.length > 0 ? "with_warnings" : outcome.action === "update" ? "updated" : "imported",
      );
      log.detail(
        `${name}: imported${outcome.number ? ` as ${outcome.number}` : ""}${
          outcome.id ? ` (id ${outcome.id})` : ""
        }`,
      );
      for (const warning of outcome.warnings) log.warn(`${name}: imported with a warning: ${warning}`);
      return;
    case "duplicate":
      delete state.outbox[item.key];
      tally.add(item.agenda, "already_present");
      if (outcome.by === "number") {
        // Usually this document itself, imported before POHODA kept spojka's ids (or by the vendor's
        // connector). It could also be another document with the same number: say so, loudly.
        log.warn(
          `${name}: its number already exists in POHODA, so it counts as already imported ` +
            `(${outcome.detail}). If that document did not come from FLOWii, this one was not imported: check it.`,
        );
      } else if (outcome.deleted) {
        log.warn(`${name}: imported before and deleted in POHODA since; spojka does not import it again.`);
      } else log.detail(`${name}: already in POHODA, ${outcome.detail}`);
      return;
    case "rejected":
    case "unanswered": {
      const reason = outcome.outcome === "rejected"
        ? outcome.reason
        : "POHODA's answer did not mention this item";
      const entry = state.outbox[item.key];
      Object.assign(entry, {
        status: "failed",
        attempts: entry.attempts + 1,
        lastAttemptAt: now,
        error: reason,
      });
      tally.add(item.agenda, "failed");
      log.warn(`${name}: not imported: ${reason}`);
    }
  }
}

function refusalHint(note: string): string {
  if (/oprávn|práv/i.test(note)) {
    return "Give the POHODA user the right to import XML (Přístupová práva → Soubor/Databáze). The items wait in the outbox.";
  }
  if (/IČ/.test(note)) {
    return "Check [pohoda] ico and that [pohoda] url points to this company's mServer. The items wait in the outbox.";
  }
  return "The items wait in the outbox and are sent again on the next run; POHODA's answer is kept in the responses folder.";
}

/** Keeps mServer's answer as received: `response-<run start>.xml`, then `-2`, `-3` … for later packs. */
async function keepResponse(dir: string, stamp: string, n: number, bytes: Uint8Array): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (let suffix = n;; suffix++) {
    const path = join(dir, `response-${stamp}${suffix === 1 ? "" : `-${suffix}`}.xml`);
    try {
      await Deno.writeFile(path, bytes, { createNew: true });
      return;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
  }
}

async function dryRun(
  sync: FlowiiSync,
  state: State,
  downloads: Download[],
  plan: PostPlan,
  outDir: string,
): Promise<ExitCode> {
  const { log, paths } = sync;
  const now = new Date().toISOString();
  // What the next real run would send: the outbox, with this download's newer versions replacing theirs.
  const waiting = new Map<string, PostItem & { queuedAt: string; label: string }>(
    (await queued(paths.outbox, state, CONNECTOR)).map((item) => [item.key, item]),
  );
  for (const { items } of downloads) {
    for (const item of items.map(outboxItem)) {
      waiting.set(item.key, { ...item, queuedAt: waiting.get(item.key)?.queuedAt ?? now });
    }
  }
  await Deno.mkdir(outDir, { recursive: true });
  let written = 0;
  let items = 0;
  for (const pack of packs(inPostingOrder([...waiting.values()]), plan)) {
    for (const [key, outcome] of pack.refused) {
      if (outcome.outcome === "rejected") {
        log.warn(`${waiting.get(key)!.label}: would not be sent: ${outcome.reason}`);
      }
    }
    if (pack.bytes === null) continue;
    await writeFileAtomic(join(outDir, `pack-${String(++written).padStart(3, "0")}.xml`), pack.bytes);
    items += pack.itemIds.length;
  }
  log.info(
    `Dry run: ${written} packs with ${items} items written to ${outDir}. Nothing was posted; no cursor moved.`,
  );
  return Exit.Ok;
}
