/**
 * `spojka reset --cursor` (fetch everything again) and `spojka reset --all` (forget the setup).
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { removeIfExists } from "../core/files.ts";
import { parseYesNo } from "../config/questions.ts";
import { acquireLock } from "../state/lock.ts";
import { clearCursors } from "../state/memory.ts";
import { outboxCounts } from "../pipeline/outbox.ts";
import { withState } from "../state/store.ts";
import type { Context } from "./context.ts";

/** Options of `spojka reset`. */
export interface ResetOptions {
  cursor?: boolean;
  all?: boolean;
  yes?: boolean;
}

/** Clears the cursors, or removes config, key file, state and outbox. */
export async function reset(ctx: Context, options: ResetOptions): Promise<ExitCode> {
  if (Boolean(options.cursor) === Boolean(options.all)) {
    throw new ConfigError("reset needs exactly one of --cursor or --all.", {
      hint: "--cursor: the next sync fetches everything again. --all: remove config, key file and state.",
    });
  }
  const lock = await acquireLock(ctx.paths, options.all ? "reset --all" : "reset --cursor");
  try {
    return options.cursor ? await resetCursors(ctx) : await resetAll(ctx, options.yes ?? false);
  } finally {
    await lock.release();
  }
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
