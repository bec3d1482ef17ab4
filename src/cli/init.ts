/**
 * `spojka init`: the setup wizard, or `--non-interactive` from `SPOJKA_*` variables.
 *
 * @module
 */

import { ConfigError, ExitCode } from "../core/errors.ts";
import { readConfig, writeConfig } from "../config/file.ts";
import { configuredConnectors } from "../connectors/config.ts";
import { serveSchema } from "../config/schema.ts";
import { createKey, loadKey } from "../config/keyfile.ts";
import { formatLocal } from "../core/time.ts";
import { readLastrun } from "../flowii/lastrun.ts";
import { setFlowiiCursors } from "../connectors/flowii_pohoda/sync.ts";
import { askConfig, configFromEnv } from "../config/setup.ts";
import { checkConnections } from "../connectors/checks.ts";
import { acquireLock } from "../state/lock.ts";
import { withState } from "../state/store.ts";
import type { Context } from "./context.ts";
import { terminalPrompter } from "./prompt.ts";

/** Options of `spojka init`. */
export interface InitOptions {
  nonInteractive?: boolean;
  /** The vendor connector's lastrun.txt: where both FLOWii streams start. */
  fromLastrun?: string;
}

/** Writes config.toml (and the key file on first use) from the wizard or the environment. */
export async function init(ctx: Context, options: InitOptions): Promise<ExitCode> {
  if (!options.nonInteractive && !Deno.stdin.isTerminal()) {
    throw new ConfigError("spojka init asks questions, but there is no terminal to ask in.", {
      hint:
        "Run it in a terminal, or use spojka init --non-interactive with the SPOJKA_* variables (see README).",
    });
  }
  // Read first: a file that is not the connector's stops init before any question.
  const start = options.fromLastrun === undefined ? undefined : await readLastrun(options.fromLastrun);
  const lock = await acquireLock(ctx.paths, "init");
  try {
    // Secrets that cannot be decrypted (key file lost) are dropped and asked for again.
    const current = await readConfig(ctx.paths, { unreadableSecrets: "drop", env: () => undefined });
    ctx.log.info(current ? `Updating ${ctx.paths.config}` : `Setting up spojka in ${ctx.paths.dir}`);
    const result = options.nonInteractive
      ? configFromEnv(ctx.env, current)
      : await askConfig(terminalPrompter(), current, (line) => ctx.log.info(line)).catch(cancelled);
    for (const warning of result.warnings) ctx.log.warn(`Warning: ${warning}`);
    if (start !== undefined && !result.config.flowii) {
      throw new ConfigError(
        "--from-lastrun sets where FLOWii continues, but FLOWii → POHODA is not set up.",
        {
          hint: "Set up FLOWii → POHODA in the same run (the SPOJKA_FLOWII_* variables); nothing was saved.",
        },
      );
    }
    const key = (await loadKey(ctx.paths.key)) ?? (await createKey(ctx.paths.key));
    await writeConfig(ctx.paths.config, result.config, key);
    ctx.log.info(`Saved ${ctx.paths.config} (${result.connectors.join(", ")}).`);
    ctx.log.info(
      `Secrets are encrypted with ${ctx.paths.key}: keep it beside config.toml and out of backups you share.`,
    );
    if (start !== undefined) {
      const streams = await withState(ctx.paths, (db) => setFlowiiCursors(db, start));
      ctx.log.info(
        `FLOWii continues where the vendor's connector stopped: ${
          streams.map((s) => s.stream).join(" and ")
        } fetch what changed since ${
          formatLocal(new Date(start * 1000))
        } (UNIX ${start}, from ${options.fromLastrun}). ` +
          "Stop the vendor's scheduled task before spojka's first sync.",
      );
    }
    ctx.log.info("\nChecking the connections:");
    // Checked as written: read back, the config carries every default the sync will use.
    const written = await readConfig(ctx.paths, { env: () => undefined });
    const results = await withState(ctx.paths, (db) => checkConnections(written!, ctx.log, db));
    for (const { service, ok, lines } of results) {
      const [first, ...rest] = lines;
      const text = `  ${service}: ${ok ? "OK, " : ""}${first}${rest.map((line) => `\n    ${line}`).join("")}`;
      if (ok) ctx.log.info(text);
      else ctx.log.warn(text);
    }
    for (const connector of written ? configuredConnectors(written) : []) {
      const names = connector.sections.map((s) => s.name);
      if (connector.afterInit && results.filter((r) => names.includes(r.section)).every((r) => r.ok)) {
        connector.afterInit(written!, written!.serve ?? serveSchema.parse({}));
      }
    }
    if (results.some((r) => !r.ok)) {
      ctx.log.warn(
        "The settings are saved anyway. Run spojka init again to correct them, or spojka sync once the service is up.",
      );
    }
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
