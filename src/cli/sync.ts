/**
 * `spojka sync`: runs the configured connectors once.
 *
 * @module
 */

import { ConfigError, type ExitCode } from "../core/errors.ts";
import { type Context, requireConfig } from "./context.ts";

/** Checks the configuration, then says honestly that no connector is implemented yet. */
export async function sync(ctx: Context): Promise<ExitCode> {
  await requireConfig(ctx);
  throw new ConfigError("No connector is implemented yet, so there is nothing to sync.", {
    hint: "The FLOWii → POHODA sync arrives in the next version.",
  });
}
