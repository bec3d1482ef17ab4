/**
 * `spojka reset --cursor` (fetch everything again, or with `--to` what changed since a given time)
 * and `spojka reset --all` (forget the setup).
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { parseCursorTime } from "../core/cursor_time.ts";
import { formatLocal } from "../core/time.ts";
import { basename } from "node:path";
import { exists, removeIfExists } from "../core/files.ts";
import { parseYesNo } from "../config/questions.ts";
import { acquireLock } from "../state/lock.ts";
import { clearCursors } from "../state/memory.ts";
import { outboxCounts } from "../pipeline/outbox.ts";
import { connectors } from "../connectors/registry.ts";
import { newState, withState } from "../state/store.ts";
import type { Context } from "./context.ts";
import { m } from "../i18n/mod.ts";

/** Options of `spojka reset`. */
export interface ResetOptions {
  cursor?: boolean;
  /** With `cursor`: set the cursors to this date or UNIX time instead of clearing them. */
  to?: string;
  all?: boolean;
  /** Start with an empty state where state.db is missing (spojka refuses to on its own: state/missing.ts). */
  newState?: boolean;
  yes?: boolean;
}

/** Clears the cursors, or removes config, key file, state and outbox. */
export async function reset(ctx: Context, options: ResetOptions): Promise<ExitCode> {
  if (options.to !== undefined && !options.cursor) {
    throw new ConfigError(m.reset.toNeedsCursor, { hint: "spojka reset --cursor --to 2026-01-31" });
  }
  if ([options.cursor, options.all, options.newState].filter(Boolean).length !== 1) {
    throw new ConfigError(m.reset.exactlyOne, { hint: m.reset.exactlyOneHint });
  }
  // Checked before the lock: a typo is reported at once, and changes nothing.
  const to = options.to === undefined ? undefined : cursorTime(options.to);
  const lock = await acquireLock(
    ctx.paths,
    options.all ? "reset --all" : options.newState ? "reset --new-state" : "reset --cursor",
  );
  try {
    if (options.newState) return await startNewState(ctx);
    if (to !== undefined) return await setCursors(ctx, to);
    return options.cursor ? await resetCursors(ctx) : await resetAll(ctx, options.yes ?? false);
  } finally {
    await lock.release();
  }
}

async function startNewState(ctx: Context): Promise<ExitCode> {
  const made = await newState(ctx.paths);
  if (!made) {
    ctx.log.info(m.reset.stateThere(ctx.paths.stateDb));
    return ExitCode.Ok;
  }
  const aside = made.setAside.length ? m.reset.setAside(made.setAside.join(", ")) : "";
  ctx.log.info(m.reset.newState(ctx.paths.stateDb, aside));
  return ExitCode.Ok;
}

async function resetCursors(ctx: Context): Promise<ExitCode> {
  const streams = await withState(ctx.paths, clearCursors);
  ctx.log.info(
    streams.length === 0 ? m.reset.noCursors : m.reset.clearedCursors(streams.join(", ")),
  );
  return ExitCode.Ok;
}

function cursorTime(text: string): number {
  const result = parseCursorTime(text);
  if ("epoch" in result) return result.epoch;
  throw new ConfigError(m.reset.badTo(text, result.problem), { hint: m.reset.badToHint });
}

async function setCursors(ctx: Context, epoch: number): Promise<ExitCode> {
  const streams = await withState(
    ctx.paths,
    (db) => connectors().flatMap((c) => c.startAt?.(db, epoch) ?? []),
  );
  const shown = (epoch: number) => `${formatLocal(new Date(epoch * 1000))} (UNIX ${epoch})`;
  for (const { stream, previous } of streams) {
    ctx.log.info(
      m.reset.cursorSet(stream, shown(epoch), previous === undefined ? undefined : shown(previous)),
    );
  }
  ctx.log.info(m.reset.nextSyncSince(formatLocal(new Date(epoch * 1000))));
  return ExitCode.Ok;
}

/** Lists what it removes (and what stays), asks unless `yes`, then removes it. */
async function resetAll(ctx: Context, yes: boolean): Promise<ExitCode> {
  const pending = await withState(ctx.paths, (db) => {
    const { pending, failed } = outboxCounts(db);
    return pending + failed;
  }).catch(() => 0);
  const { config, key, stateDb, legacyState, legacyOutbox } = ctx.paths;
  const files = [config, key, stateDb, `${stateDb}-wal`, `${stateDb}-shm`, legacyState, `${legacyState}.bak`];
  const candidates = [...files, `${legacyState}.migrated`, legacyOutbox, `${legacyOutbox}.migrated`];
  const present: string[] = [];
  for (const path of candidates) if (await exists(path)) present.push(path);
  if (present.length === 0) {
    ctx.log.info(m.reset.nothingToRemove);
    return ExitCode.Ok;
  }
  if (!yes) {
    console.log(
      [m.reset.willRemove(ctx.paths.dir), ...present.map((path) => `  ${basename(path)}`)].join("\n"),
    );
    if (pending) console.log(m.reset.unconfirmed(pending));
    console.log(m.reset.kept);
    if (!Deno.stdin.isTerminal()) throw new ConfigError(m.reset.noTerminal, { hint: m.reset.addYes });
    if (parseYesNo(prompt(m.reset.question) ?? "") !== true) {
      ctx.log.info(m.reset.nothingRemoved);
      return ExitCode.Ok;
    }
  }
  const removed: string[] = [];
  for (const path of present) {
    if (await removeIfExists(path, { recursive: !files.includes(path) })) removed.push(path);
  }
  ctx.log.info(removed.length ? m.reset.removed(removed.join(", ")) : m.reset.nothingToRemove);
  ctx.log.info(m.reset.keptDone);
  return ExitCode.Ok;
}
