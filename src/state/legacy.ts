/**
 * The schema of state.json, version 1: what spojka remembers between runs.
 *
 * @module
 */

import { z } from "zod";

/** The state format version this program reads and writes. */
export const STATE_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true });

/** Where a stream continues on its next run (what the vendor's connector kept in lastrun.txt). */
export const cursorSchema = z.strictObject({
  /** UNIX seconds passed to the source as "changed since". */
  epoch: z.number().int().nonnegative(),
  /** When the cursor was set. */
  setAt: isoTime,
});

/** Outcome of the last run of one connector. */
export const runSummarySchema = z.strictObject({
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
export const outboxEntrySchema = z.strictObject({
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
export const sentQuantitySchema = z.strictObject({
  quantity: z.number().nonnegative(),
  at: isoTime,
});

/** The whole of state.json. */
export const stateSchema = z.strictObject({
  schemaVersion: z.literal(STATE_VERSION),
  /** Per stream, e.g. `flowii.documents`. */
  cursors: z.record(z.string(), cursorSchema),
  /** Per connector, e.g. `flowii`. */
  runs: z.record(z.string(), runSummarySchema),
  /** Per item key. */
  outbox: z.record(z.string(), outboxEntrySchema),
  /** The stock sync's memory: the last quantity sent per shop product (absent until it first writes). */
  stock: z.strictObject({ lastSent: z.record(z.string(), sentQuantitySchema) }).optional(),
});

/** The state in memory. */
export type State = z.output<typeof stateSchema>;
/** The summary of a connector's last run. */
export type RunSummary = z.output<typeof runSummarySchema>;
/** An item waiting for confirmation by its target. */
export type OutboxEntry = z.output<typeof outboxEntrySchema>;

/** The state of a data folder where nothing has run yet. */
export function emptyState(): State {
  return { schemaVersion: STATE_VERSION, cursors: {}, runs: {}, outbox: {} };
}
