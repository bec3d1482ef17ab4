/**
 * What every command starts from: the data folder, its paths and the log. Also the one place that
 * turns errors into messages and exit codes.
 *
 * @module
 */

import { ConfigError, type ExitCode } from "../core/errors.ts";
import { reportError } from "../core/report.ts";
import { type DataPaths, dataPaths, resolveDataDir } from "../core/datadir.ts";
import { Log } from "../core/log.ts";
import { Progress } from "../core/progress.ts";
import { readConfig } from "../config/file.ts";
import type { Config } from "../connectors/config.ts";
import { m } from "../i18n/mod.ts";

/** A command's view of the world. */
export interface Context {
  paths: DataPaths;
  log: Log;
  /** Progress of long work: a live line on a console, a plain log line every few seconds elsewhere. */
  progress: Progress;
  env: (name: string) => string | undefined;
}

/** Global options every command receives. */
export interface GlobalOptions {
  dir?: string;
}

/** Options for {@linkcode withContext}. */
export interface ContextOptions {
  /** Create the data folder if missing (only `init` does). */
  create?: boolean;
  /** Echo progress to stdout (off for machine-readable output). */
  echo?: boolean;
}

const env = (name: string) => Deno.env.get(name);

/** Runs a command in its data folder, logging its start, end and any error; returns the exit code. */
export async function withContext(
  command: string,
  globals: GlobalOptions,
  options: ContextOptions,
  body: (ctx: Context) => Promise<ExitCode>,
): Promise<ExitCode> {
  const dir = resolveDataDir({
    option: globals.dir,
    home: env("SPOJKA_HOME"),
    execPath: Deno.execPath(),
    cwd: Deno.cwd(),
  });
  let log = new Log({ file: null });
  let progress: Progress | undefined;
  let code: ExitCode;
  try {
    if (options.create) {
      await Deno.mkdir(dir, { recursive: true }).catch((e) => {
        // A file in the way is said below, as for every command.
        if (!(e instanceof Deno.errors.AlreadyExists || e instanceof Deno.errors.NotADirectory)) throw e;
      });
    }
    await requireFolder(dir);
    const paths = dataPaths(dir);
    log = new Log({ file: paths.log, echo: options.echo });
    const logged = log;
    // Beside a live line on a console, the periodic plain lines go to the log file only.
    const live = Deno.stderr.isTerminal();
    progress = new Progress({ report: (line) => live ? logged.detail(line) : logged.info(line) });
    log.attach(progress);
    log.detail(m.context.started(command, Deno.pid, dir));
    code = await body({ paths, log, env, progress });
  } catch (e) {
    code = reportError(e, log, dir);
  } finally {
    progress?.stop();
  }
  log.detail(m.context.finished(command, code));
  return code;
}

/** Throws a usage error unless `dir` is a folder. */
async function requireFolder(dir: string): Promise<void> {
  try {
    if ((await Deno.stat(dir)).isDirectory) return;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new ConfigError(m.context.noFolder(dir), { hint: m.context.noFolderHint });
    }
    if (!(e instanceof Deno.errors.NotADirectory)) throw e;
  }
  throw new ConfigError(m.context.fileInTheWay(dir), { hint: m.context.fileInTheWayHint });
}

/** The configuration of the data folder, or a usage error telling the user to run init. */
export async function requireConfig(ctx: Context): Promise<Config> {
  const config = await readConfig(ctx.paths, { env: ctx.env });
  if (!config) {
    throw new ConfigError(m.context.noConfig(ctx.paths.dir), { hint: m.context.runInitFirst });
  }
  return config;
}
