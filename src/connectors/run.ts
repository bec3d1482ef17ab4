/**
 * Running several connectors: each in turn, a failure of one reported without stopping the others,
 * the worst exit code for the whole. Callers hold the data folder's lock.
 *
 * @module
 */

import { ConfigError, type ExitCode, ExitCode as Exit, worstExitCode } from "../core/errors.ts";
import { reportError } from "../core/report.ts";
import { alertRun, type RunEnded } from "../alerts/notify.ts";
import { type Config, isConfigured } from "./config.ts";
import type { Connector, RunEnv, RunOptions } from "./connector.ts";
import { m } from "../i18n/mod.ts";

/** Runs `chosen` in turn, each followed by its alerts, and returns the worst exit code. */
export async function runConnectors(
  chosen: readonly Connector[],
  config: Config,
  env: RunEnv,
  options: RunOptions = {},
): Promise<ExitCode> {
  let code: ExitCode = Exit.Ok;
  for (const connector of chosen) {
    const ended: RunEnded = { connector: connector.id, startedAt: new Date(), exitCode: Exit.Ok };
    try {
      if (!isConfigured(config, connector)) {
        throw new ConfigError(m.connectorRun.notSetUp(connector.id), { hint: m.sync.runInit });
      }
      ended.exitCode = await connector.run(config, env, options);
    } catch (e) {
      ended.error = e;
      ended.exitCode = reportError(e, env.log, env.paths.dir);
    }
    code = worstExitCode(code, ended.exitCode);
    if (config.alerts && !options.dryRun) await alertRun(config.alerts, ended, env);
  }
  return code;
}
