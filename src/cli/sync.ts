/**
 * `spojka sync [connector]`: runs the configured connectors once, under the data folder's lock.
 *
 * @module
 */

import { ConfigError, type ExitCode } from "../core/errors.ts";
import { syncFlowii, type SyncOptions } from "../pipeline/flowii_pohoda.ts";
import { acquireLock } from "../state/lock.ts";
import { type Context, requireConfig } from "./context.ts";

/** Connectors `sync` knows, by the name given on the command line. */
const CONNECTORS = ["flowii"] as const;

/** Runs `connector`, or every configured connector. */
export async function sync(
  ctx: Context,
  connector: string | undefined,
  options: SyncOptions,
): Promise<ExitCode> {
  if (connector !== undefined && !(CONNECTORS as readonly string[]).includes(connector)) {
    throw new ConfigError(`There is no connector "${connector}".`, {
      hint: `Known connectors: ${CONNECTORS.join(", ")}.`,
    });
  }
  const config = await requireConfig(ctx);
  if (!config.flowii || !config.pohoda) {
    throw new ConfigError("FLOWii → POHODA is not set up in config.toml.", { hint: "Run spojka init." });
  }
  const lock = await acquireLock(ctx.paths, connector ? `sync ${connector}` : "sync");
  try {
    return await syncFlowii(
      { flowii: config.flowii, pohoda: config.pohoda, paths: ctx.paths, log: ctx.log },
      options,
    );
  } finally {
    await lock.release();
  }
}
