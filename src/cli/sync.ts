/**
 * `spojka sync [connector]`: runs the configured connectors once, under the data folder's lock.
 *
 * @module
 */

import { ConfigError, type ExitCode } from "../core/errors.ts";
import { configuredConnectors, connectorById } from "../connectors/config.ts";
import { connectors } from "../connectors/registry.ts";
import type { RunOptions } from "../connectors/connector.ts";
import { runConnectors } from "../connectors/run.ts";
import { acquireLock } from "../state/lock.ts";
import { type Context, requireConfig } from "./context.ts";
import { m } from "../i18n/mod.ts";

/** Runs `connector`, or every configured connector. */
export async function sync(
  ctx: Context,
  connector: string | undefined,
  options: RunOptions,
): Promise<ExitCode> {
  const named = connector === undefined ? undefined : connectorById(connector);
  if (connector !== undefined && !named) {
    throw new ConfigError(m.sync.noConnector(connector), {
      hint: m.sync.knownConnectors(connectors().map((c) => c.id).join(", ")),
    });
  }
  const config = await requireConfig(ctx);
  const chosen = named ? [named] : configuredConnectors(config);
  if (chosen.length === 0) {
    throw new ConfigError(m.sync.noneSetUp, { hint: m.sync.runInit });
  }
  const lock = await acquireLock(ctx.paths, connector ? `sync ${connector}` : "sync");
  try {
    return await runConnectors(chosen, config, ctx, options);
  } finally {
    await lock.release();
  }
}
