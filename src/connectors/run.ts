/**
 * The connectors by name, and running several of them: each in turn, a failure of one reported
 * without stopping the others, the worst exit code for the whole. Callers hold the data folder's lock.
 *
 * @module
 */

import { ConfigError, type ExitCode, ExitCode as Exit, worstExitCode } from "../core/errors.ts";
import type { DataPaths } from "../core/datadir.ts";
import type { Log } from "../core/log.ts";
import type { Progress } from "../core/progress.ts";
import { reportError } from "../core/report.ts";
import { alertRun, type RunEnded } from "../alerts/notify.ts";
import { type Config, CONNECTOR_IDS, type ConnectorId, isConfigured } from "../config/schema.ts";
import { syncFlowii } from "./flowii_pohoda/sync.ts";
import { syncStock } from "./kros_stock/sync.ts";

/** Where connectors run: the data folder, its log, and progress reporting. */
export interface RunEnv {
  paths: DataPaths;
  log: Log;
  progress: Progress;
}

/** Options every connector understands. */
export interface RunOptions {
  dryRun?: boolean;
  /** Where the FLOWii dry run writes its packs. */
  outDir?: string;
}

/** The connectors `config` sets up. */
export function configuredConnectors(config: Config): ConnectorId[] {
  return CONNECTOR_IDS.filter((id) => isConfigured(config, id));
}

/** Runs `ids` in turn, each followed by its alerts, and returns the worst exit code. */
export async function runConnectors(
  ids: readonly ConnectorId[],
  config: Config,
  env: RunEnv,
  options: RunOptions = {},
): Promise<ExitCode> {
  let code: ExitCode = Exit.Ok;
  for (const id of ids) {
    const ended: RunEnded = { connector: id, startedAt: new Date(), exitCode: Exit.Ok };
    try {
      ended.exitCode = await runConnector(id, config, env, options);
    } catch (e) {
      ended.error = e;
      ended.exitCode = reportError(e, env.log, env.paths.dir);
    }
    code = worstExitCode(code, ended.exitCode);
    if (config.alerts && !options.dryRun) await alertRun(config.alerts, ended, env);
  }
  return code;
}

function runConnector(
  id: ConnectorId,
  config: Config,
  env: RunEnv,
  options: RunOptions,
): Promise<ExitCode> {
  const { paths, log } = env;
  const missing = () =>
    new ConfigError(`The ${id} connector is not set up in config.toml.`, { hint: "Run spojka init." });
  if (id === "flowii") {
    if (!config.flowii || !config.pohoda) throw missing();
    return syncFlowii({ flowii: config.flowii, pohoda: config.pohoda, ...env }, options);
  }
  if (!config.kros || !config.eshop || !config.stock) throw missing();
  return syncStock({ kros: config.kros, eshop: config.eshop, stock: config.stock, paths, log }, options);
}
