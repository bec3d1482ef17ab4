/**
 * The state of spojka 0.1 (`state.json`, version 1) and its one-time migration into the state
 * database: cursors, last runs, the outbox with its payloads (kept then in `outbox/` spool files)
 * and the stock sync's last quantities. The old files are kept, renamed, for reference.
 *
 * @module
 */

import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "../core/errors.ts";
import { exists } from "../core/files.ts";
import type { DataPaths } from "../core/datadir.ts";
import { describeIssues } from "../config/issues.ts";
import { Outbox, type QueuedItem } from "../pipeline/outbox.ts";
import { postingRank } from "../pohoda/post.ts";
import type { StateDb } from "./db.ts";
import { Memory, setCursor } from "./memory.ts";
import { importRun } from "./runs.ts";
import { lastSentKey } from "../connectors/kros_stock/memory.ts";
import { m } from "../i18n/mod.ts";

const isoTime = z.iso.datetime({ offset: true });

const cursorSchema = z.strictObject({ epoch: z.number().int().nonnegative(), setAt: isoTime });

/** Outcome of the last run of one connector. */
const runSummarySchema = z.strictObject({
  startedAt: isoTime,
  finishedAt: isoTime,
  /** The process exit code the run ended with. */
  exitCode: z.number().int(),
  /** `ok`: all done; `partial`: some items failed; `failed`: the run stopped early. */
  result: z.enum(["ok", "partial", "failed"]),
  /** Counts per agenda, e.g. `{ "issuedInvoice": { "fetched": 12, "imported": 11, "failed": 1 } }`. */
  counts: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
  /** Why the run failed, if it did. */
  message: z.string().optional(),
});

/** An item downloaded but not yet confirmed by its target; kept until it is. */
const outboxEntrySchema = z.strictObject({
  /** Connector that produced it, e.g. `flowii`. */
  connector: z.string(),
  /** Agenda, e.g. `addressbook` or `issuedInvoice`. */
  agenda: z.string(),
  /** What a human recognises: number, partner name. */
  label: z.string(),
  /** The id the target knows the item by (POHODA `dataPackItem@id`). */
  itemId: z.string(),
  /** File in the data folder's `outbox/` that holds the item's payload. */
  spool: z.string(),
  /** `pending`: not tried yet, or the outcome was uncertain; `failed`: the target rejected it. */
  status: z.enum(["pending", "failed"]),
  attempts: z.number().int().nonnegative(),
  queuedAt: isoTime,
  lastAttemptAt: isoTime.optional(),
  /** The target's reason for the last rejection. */
  error: z.string().optional(),
});

/** A quantity written to the shop, for `status` and as the baseline when the shop cannot be read. */
const sentQuantitySchema = z.strictObject({
  quantity: z.number().nonnegative(),
  at: isoTime,
});

/** The whole of state.json. */
const stateSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Per stream, e.g. `flowii.documents`. */
  cursors: z.record(z.string(), cursorSchema),
  /** Per connector, e.g. `flowii`. */
  runs: z.record(z.string(), runSummarySchema),
  /** Per item key. */
  outbox: z.record(z.string(), outboxEntrySchema),
  /** The stock sync's memory: the last quantity sent per shop product (absent until it first writes). */
  stock: z.strictObject({ lastSent: z.record(z.string(), sentQuantitySchema) }).optional(),
});

type StateV1 = z.output<typeof stateSchema>;

/** Where the migration notes that it ran, so a crash between commit and rename only finishes the rename. */
const MARK = { namespace: "spojka", key: "migrated-state-json" };

/**
 * Moves a version 1 `state.json` (and its outbox spool files) into the database, once: the import is
 * one transaction, then `state.json` becomes `state.json.migrated` and `outbox/` becomes
 * `outbox.migrated/`. A crash in between is finished on the next start.
 */
export async function migrateLegacyState(db: StateDb, paths: DataPaths): Promise<boolean> {
  const marks = new Memory(db, MARK.namespace);
  if (await exists(paths.legacyState)) {
    const state = await readStateV1(paths.legacyState);
    const payloads = await readSpools(paths.legacyOutbox, state);
    // Decided inside the transaction: `status` or `/healthz` may open the same folder at the same time.
    db.transaction(() => {
      if (marks.get(MARK.key) !== undefined) return;
      importStateV1(db, state, payloads);
      marks.set(MARK.key, { at: new Date().toISOString() });
    });
    await renameIfThere(paths.legacyState, `${paths.legacyState}.migrated`);
  } else if (marks.get(MARK.key) === undefined) {
    return false;
  }
  // Also when a crash came between the two renames.
  await renameIfThere(paths.legacyOutbox, `${paths.legacyOutbox}.migrated`);
  return true;
}

function importStateV1(db: StateDb, state: StateV1, payloads: Map<string, string>): void {
  for (const [stream, cursor] of Object.entries(state.cursors)) {
    const [connector, name] = splitStream(stream);
    setCursor(new Memory(db, connector), name, cursor.epoch, new Date(cursor.setAt));
  }
  for (const [connector, run] of Object.entries(state.runs)) importRun(db, connector, run);
  // Inserted in the order spojka 0.1 posted them, which the outbox keeps.
  const entries = Object.entries(state.outbox).sort(([a, x], [b, y]) =>
    x.queuedAt.localeCompare(y.queuedAt) || a.localeCompare(b)
  );
  const byConnector = Map.groupBy(entries, ([, entry]) => entry.connector);
  for (const [connector, entries] of byConnector) {
    const items = entries.map(([key, entry]): QueuedItem => {
      const payload = payloads.get(key);
      return {
        key,
        itemId: entry.itemId,
        agenda: entry.agenda,
        label: entry.label,
        // Version 1 outboxes held FLOWii → POHODA items only.
        rank: postingRank(entry.agenda),
        payload: payload ?? "",
        stagedBy: "state.json",
        // A payload lost with its spool file cannot be sent; it comes back with the next download.
        status: payload === undefined ? "failed" : entry.status,
        attempts: entry.attempts,
        queuedAt: entry.queuedAt,
        lastAttemptAt: entry.lastAttemptAt,
        error: payload === undefined ? m.state.payloadLost(entry.spool) : entry.error,
      };
    });
    new Outbox(db, connector).restore(items);
  }
  const stock = new Memory(db, "stock");
  for (const [ref, sent] of Object.entries(state.stock?.lastSent ?? {})) {
    // Version 1 did not record which shop; the stock sync adopts these for its shop.
    stock.set(lastSentKey("", ref), sent, new Date(sent.at));
  }
}

/** Renames `from`; another process (a `status` beside a run) may have just done it. */
async function renameIfThere(from: string, to: string): Promise<void> {
  try {
    await Deno.rename(from, to);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** `flowii.documents` → `["flowii", "documents"]`. */
function splitStream(stream: string): [string, string] {
  const dot = stream.indexOf(".");
  return dot < 0 ? [stream, stream] : [stream.slice(0, dot), stream.slice(dot + 1)];
}

async function readStateV1(path: string): Promise<StateV1> {
  const damaged = (why: string) =>
    new ConfigError(m.state.legacyDamaged(path, why), { hint: m.state.legacyDamagedHint(path) });
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw damaged(m.state.notJson((e as Error).message));
  }
  const result = stateSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw damaged(describeIssues(result.error.issues, stateSchema).join("; "));
  return result.data;
}

/** The payloads of the outbox entries, read from their spool files; a damaged file loses only its own. */
async function readSpools(dir: string, state: StateV1): Promise<Map<string, string>> {
  const payloads = new Map<string, string>();
  for (const spool of new Set(Object.values(state.outbox).map((e) => e.spool))) {
    let content: Record<string, unknown>;
    try {
      content = JSON.parse(await Deno.readTextFile(join(dir, spool)));
    } catch {
      continue;
    }
    for (const [key, payload] of Object.entries(content)) {
      if (typeof payload === "string" && state.outbox[key]?.spool === spool) payloads.set(key, payload);
    }
  }
  return payloads;
}
