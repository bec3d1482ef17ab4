/**
 * `spojka reset --cursor` (fetch everything again, or with `--to` what changed since a given time)
 * and `spojka reset --all` (forget the setup).
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { parseCursorTime } from "../core/cursor_time.ts";
import { formatLocal } from "../core/time.ts";
import { removeIfExists } from "../core/files.ts";
import { parseYesNo } from "../config/questions.ts";
import { acquireLock } from "../state/lock.ts";
import { clearCursors } from "../state/memory.ts";
import { outboxCounts } from "../pipeline/outbox.ts";
import { setFlowiiCursors } from "../connectors/flowii_pohoda/sync.ts";
import { newState, withState } from "../state/store.ts";
import type { Context } from "./context.ts";

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
    throw new ConfigError("--to goes with --cursor.", { hint: "spojka reset --cursor --to 2026-01-31" });
  }
  if ([options.cursor, options.all, options.newState].filter(Boolean).length !== 1) {
    throw new ConfigError("reset needs exactly one of --cursor or --all (or --new-state).", {
      hint: "--cursor: the next sync fetches everything again. --all: remove config, key file and state. " +
        "--new-state: start with an empty state where state.db is missing.",
    });
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
    ctx.log.info(`${ctx.paths.stateDb} is there; nothing was changed.`);
    return ExitCode.Ok;
  }
  const aside = made.setAside.length ? ` The lost state's ${made.setAside.join(", ")} were set aside.` : "";
  ctx.log.info(
    `Started a new, empty state in ${ctx.paths.stateDb}.${aside} The next sync fetches everything again; ` +
      "POHODA recognises what it already has.",
  );
  return ExitCode.Ok;
}

async function resetCursors(ctx: Context): Promise<ExitCode> {
  const streams = await withState(ctx.paths, clearCursors);
  ctx.log.info(
    streams.length === 0
      ? "There were no cursors; the next sync fetches everything anyway."
      : `Cleared the cursors of ${streams.join(", ")}: the next sync fetches everything again. ` +
        "Items already imported are recognised as already present.",
  );
  return ExitCode.Ok;
}

function cursorTime(text: string): number {
  const result = parseCursorTime(text);
  if ("epoch" in result) return result.epoch;
  throw new ConfigError(`--to ${JSON.stringify(text)} ${result.problem}.`, {
    hint:
      "Give a date such as 2026-01-31 (midnight, local time), 2026-01-31 14:30, or a UNIX time in seconds.",
  });
}

async function setCursors(ctx: Context, epoch: number): Promise<ExitCode> {
  const streams = await withState(ctx.paths, (db) => setFlowiiCursors(db, epoch));
  const shown = (epoch: number) => `${formatLocal(new Date(epoch * 1000))} (UNIX ${epoch})`;
  for (const { stream, previous } of streams) {
    ctx.log.info(`${stream}: ${shown(epoch)}, was ${previous === undefined ? "none" : shown(previous)}`);
  }
  ctx.log.info(`The next sync fetches what changed in FLOWii since ${formatLocal(new Date(epoch * 1000))}.`);
  return ExitCode.Ok;
}

async function resetAll(ctx: Context, yes: boolean): Promise<ExitCode> {
  const pending = await withState(ctx.paths, (db) => {
    const { pending, failed } = outboxCounts(db);
    return pending + failed;
  }).catch(() => 0);
  if (!yes) {
    const question = `Remove config.toml, spojka.key and the state (state.db) from ${ctx.paths.dir}` +
      (pending ? ` (and ${pending} items not yet confirmed by their target)` : "") + "? (y/n, a/n) ";
    if (!Deno.stdin.isTerminal()) {
      throw new ConfigError("reset --all needs a confirmation, and there is no terminal to ask in.", {
        hint: "Add --yes to confirm.",
      });
    }
    if (parseYesNo(prompt(question) ?? "") !== true) {
      ctx.log.info("Nothing was removed.");
      return ExitCode.Ok;
    }
  }
  const { config, key, stateDb, legacyState, legacyOutbox } = ctx.paths;
  const removed: string[] = [];
  const files = [config, key, stateDb, `${stateDb}-wal`, `${stateDb}-shm`, legacyState, `${legacyState}.bak`];
  for (const path of [...files, `${legacyState}.migrated`]) {
    if (await removeIfExists(path)) removed.push(path);
  }
  for (const folder of [legacyOutbox, `${legacyOutbox}.migrated`]) {
    if (await removeIfExists(folder, { recursive: true })) removed.push(folder);
  }
  ctx.log.info(removed.length ? `Removed ${removed.join(", ")}.` : "There was nothing to remove.");
  ctx.log.info("Logs, downloads and responses were kept.");
  return ExitCode.Ok;
}
