/**
 * `spojka serve`: the long-running mode.
 *
 * @module
 */

import type { ExitCode } from "../core/errors.ts";
import { serve as run } from "../serve/serve.ts";
import { type Context, requireConfig } from "./context.ts";

/** Runs the connectors on their intervals and on KROS notifications until stopped. */
export async function serve(ctx: Context): Promise<ExitCode> {
  return run(await requireConfig(ctx), ctx);
}
