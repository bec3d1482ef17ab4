/**
 * `spojka init`: the setup wizard, or `--non-interactive` from `SPOJKA_*` variables.
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { readConfig, writeConfig } from "../config/file.ts";
import { createKey, loadKey } from "../config/keyfile.ts";
import { askConfig, configFromEnv } from "../config/setup.ts";
import { acquireLock } from "../state/lock.ts";
import type { Context } from "./context.ts";
import { terminalPrompter } from "./prompt.ts";

/** Options of `spojka init`. */
export interface InitOptions {
  nonInteractive?: boolean;
}

/** Writes config.toml (and the key file on first use) from the wizard or the environment. */
export async function init(ctx: Context, options: InitOptions): Promise<ExitCode> {
  if (!options.nonInteractive && !Deno.stdin.isTerminal()) {
    throw new ConfigError("spojka init asks questions, but there is no terminal to ask in.", {
      hint:
        "Run it in a terminal, or use spojka init --non-interactive with the SPOJKA_* variables (see README).",
    });
  }
  const lock = await acquireLock(ctx.paths, "init");
  try {
    // Secrets that cannot be decrypted (key file lost) are dropped and asked for again.
    const current = await readConfig(ctx.paths, { unreadableSecrets: "drop", env: () => undefined });
    ctx.log.info(current ? `Updating ${ctx.paths.config}` : `Setting up spojka in ${ctx.paths.dir}`);
    const result = options.nonInteractive
      ? configFromEnv(ctx.env, current)
      : await askConfig(terminalPrompter(), current, (line) => ctx.log.info(line)).catch(cancelled);
    for (const warning of result.warnings) ctx.log.warn(`Warning: ${warning}`);
    const key = (await loadKey(ctx.paths.key)) ?? (await createKey(ctx.paths.key));
    await writeConfig(ctx.paths.config, result.config, key);
    ctx.log.info(`Saved ${ctx.paths.config} (${result.connectors.join(", ")}).`);
    ctx.log.info(
      `Secrets are encrypted with ${ctx.paths.key}: keep it beside config.toml and out of backups you share.`,
    );
    return ExitCode.Ok;
  } finally {
    await lock.release();
  }
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") {
    throw new ConfigError("Setup cancelled; nothing was changed.");
  }
  throw error;
}
