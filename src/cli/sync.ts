/**
 * `spojka sync [connector]`: runs the configured connectors once, under the data folder's lock.
 *
 * @module
 */

import { ConfigError, type ExitCode } from "../core/errors.ts";
import { CONNECTOR_IDS, type ConnectorId } from "../config/schema.ts";
import { configuredConnectors, runConnectors, type RunOptions } from "../connectors/run.ts";
import { acquireLock } from "../state/lock.ts";
import { type Context, requireConfig } from "./context.ts";

/** Runs `connector`, or every configured connector. */
export async function sync(
  ctx: Context,
  connector: string | undefined,
  options: RunOptions,
): Promise<ExitCode> {
  if (connector !== undefined && !(CONNECTOR_IDS as readonly string[]).includes(connector)) {
    throw new ConfigError(`There is no connector "${connector}".`, {
      hint: `Known connectors: ${CONNECTOR_IDS.join(", ")}.`,
    });
  }
  const config = await requireConfig(ctx);
  const ids = connector ? [connector as ConnectorId] : configuredConnectors(config);
  if (ids.length === 0) {
    throw new ConfigError("No connector is set up in config.toml.", { hint: "Run spojka init." });
  }
  const lock = await acquireLock(ctx.paths, connector ? `sync ${connector}` : "sync");
  try {
    return await runConnectors(ids, config, ctx, options);
  } finally {
    await lock.release();
  }
}
