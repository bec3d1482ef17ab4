/**
 * The data folder: where config, key, state, log, downloads and responses live.
 *
 * @module
 */

import { dirname, join, resolve } from "node:path";

/** Inputs for {@linkcode resolveDataDir}; passed in so the rule can be tested without a compiled binary. */
export interface DataDirInputs {
  /** The global `--dir` option, if given. */
  option?: string;
  /** The `SPOJKA_HOME` environment variable, if set. */
  home?: string;
  /** `Deno.execPath()`: the compiled program itself, or the `deno` binary under `deno run`. */
  execPath: string;
  /** The current working folder. */
  cwd: string;
}

/**
 * `--dir` wins, then `SPOJKA_HOME`; otherwise the folder of the compiled program. A scheduled task
 * starts in C:\Windows\System32, so the compiled program never defaults to the working folder.
 * Under `deno run` (development) the default is the working folder.
 */
export function resolveDataDir(inputs: DataDirInputs): string {
  const chosen = inputs.option || inputs.home;
  if (chosen) return resolve(inputs.cwd, chosen);
  return isCompiled(inputs.execPath) ? dirname(inputs.execPath) : inputs.cwd;
}

/** Whether the running program is a `deno compile` binary rather than `deno` itself. */
export function isCompiled(execPath: string): boolean {
  const name = execPath.split(/[/\\]/).pop()!.toLowerCase();
  return name !== "deno" && name !== "deno.exe";
}

/** The files and folders spojka keeps in its data folder. */
export interface DataPaths {
  dir: string;
  config: string;
  key: string;
  /** The state database. */
  stateDb: string;
  /** The state of spojka 0.1, moved into the database on first start. */
  legacyState: string;
  lock: string;
  lockInfo: string;
  log: string;
  downloads: string;
  responses: string;
  /** Where spojka 0.1 kept the outbox payloads (moved into the database on first start). */
  legacyOutbox: string;
}

/** Paths of everything in the data folder `dir`. */
export function dataPaths(dir: string): DataPaths {
  return {
    dir,
    config: join(dir, "config.toml"),
    key: join(dir, "spojka.key"),
    stateDb: join(dir, "state.db"),
    legacyState: join(dir, "state.json"),
    lock: join(dir, "spojka.lock"),
    lockInfo: join(dir, "spojka.lock.json"),
    log: join(dir, "log.txt"),
    downloads: join(dir, "downloads"),
    responses: join(dir, "responses"),
    legacyOutbox: join(dir, "outbox"),
  };
}
