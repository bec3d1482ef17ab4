/**
 * `spojka status`: what is configured, where each stream continues, how the last runs went, and
 * what waits in the outbox.
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { readConfig } from "../config/file.ts";
import { currentHolder } from "../state/lock.ts";
import { buildStatus, formatStatus } from "../state/report.ts";
import type { StateDb } from "../state/db.ts";
import { openState } from "../state/store.ts";
import type { Context } from "./context.ts";
import { m } from "../i18n/mod.ts";

/** Options of `spojka status`. */
export interface StatusOptions {
  json?: boolean;
  /** List every item of the last runs that needs attention, not just the first few. */
  items?: boolean;
  /** Also show the configuration. */
  verbose?: boolean;
}

/** Prints the status; a config or state that cannot be read is shown, and makes the exit code 2. */
export async function status(ctx: Context, options: StatusOptions): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const unreadable = (e: unknown) => {
    if (!(e instanceof ConfigError)) throw e;
    code = ExitCode.Usage;
    // The hint on a line of its own: a message may end in the middle of a sentence (a parser's words).
    return { error: e.hint ? `${e.message}\n    ${e.hint}` : e.message };
  };
  const config = await readConfig(ctx.paths, { env: ctx.env }).catch(unreadable);
  const state: StateDb | { error: string } = await openState(ctx.paths).catch(unreadable);
  try {
    const report = buildStatus(
      ctx.paths.dir,
      await currentHolder(ctx.paths),
      config,
      state,
      options.items || options.json,
    );
    ctx.log.detail(m.audit.statusShown);
    console.log(options.json ? JSON.stringify(report, null, 2) : formatStatus(report, options.verbose));
  } finally {
    if (!("error" in state)) state.close();
  }
  return code;
}
