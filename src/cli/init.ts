/**
 * `spojka init`: the setup wizard, or `--non-interactive` from `SPOJKA_*` variables. A config.toml
 * that cannot be read is repaired: its broken sections are entered again, the rest is kept.
 *
 * @module
 */

import { basename } from "node:path";
import { ConfigError, ExitCode } from "../core/errors.ts";
import { readConfig, writeConfig } from "../config/file.ts";
import { configuredConnectors } from "../connectors/config.ts";
import { serveSchema } from "../config/schema.ts";
import { createKey, loadKey } from "../config/keyfile.ts";
import { fileStamp, formatLocal } from "../core/time.ts";
import { readLastrun } from "../flowii/lastrun.ts";
import { askConfig, askSections, configFromEnv, type Prompter, type SetupResult } from "../config/setup.ts";
import { diagnose } from "../config/repair.ts";
import { checkConnections, type CheckResult } from "../connectors/checks.ts";
import { language, m } from "../i18n/mod.ts";
import { acquireLock } from "../state/lock.ts";
import { withState } from "../state/store.ts";
import type { Context } from "./context.ts";
import { terminalPrompter } from "./prompt.ts";

/** Options of `spojka init`. */
export interface InitOptions {
  nonInteractive?: boolean;
  /** The vendor connector's lastrun.txt: where both FLOWii streams start. */
  fromLastrun?: string;
  /** Who answers the wizard's questions (default: the terminal; tests script it). */
  prompter?: Prompter;
}

/**
 * Writes config.toml (and the key file on first use) from the wizard or the environment, then checks
 * each connection: exit code 4 when a check fails (the settings are saved all the same).
 */
export async function init(ctx: Context, options: InitOptions): Promise<ExitCode> {
  if (!options.nonInteractive && !options.prompter && !Deno.stdin.isTerminal()) {
    throw new ConfigError(m.wizard.noTerminal, { hint: m.wizard.noTerminalHint });
  }
  // Read first: a file that is not the connector's stops init before any question.
  const start = options.fromLastrun === undefined ? undefined : await readLastrun(options.fromLastrun);
  const lock = await acquireLock(ctx.paths, "init");
  try {
    const prompter = options.nonInteractive ? undefined : options.prompter ?? terminalPrompter();
    const result = await setUp(ctx, prompter).catch(cancelled);
    // The wizard's language is the admin's; a task run as SYSTEM would take the machine's instead.
    const keepLanguage = prompter !== undefined && result.config.language === undefined;
    if (keepLanguage) result.config.language = language();
    for (const warning of result.warnings) ctx.log.warn(m.wizard.warning(warning));
    // The vendor's lastrun.txt says where each source read by time (FLOWii's) continues.
    const starting = configuredConnectors(result.config).filter((c) => c.startAt !== undefined);
    if (start !== undefined && starting.length === 0) {
      throw new ConfigError(m.wizard.lastrunWithoutFlowii, { hint: m.wizard.lastrunWithoutFlowiiHint });
    }
    const key = (await loadKey(ctx.paths.key)) ?? (await createKey(ctx.paths.key));
    await writeConfig(ctx.paths.config, result.config, key);
    ctx.log.info(m.wizard.saved(ctx.paths.config, result.connectors.join(", ")));
    ctx.log.info(m.wizard.keyFile(ctx.paths.key));
    if (keepLanguage) ctx.log.info(m.wizard.languageKept(language()));
    if (start !== undefined) {
      const streams = await withState(ctx.paths, (db) => starting.flatMap((c) => c.startAt!(db, start)));
      ctx.log.info(m.wizard.continues(
        streams.map((s) => s.stream).join(m.wizard.and),
        formatLocal(new Date(start * 1000)),
        start,
        options.fromLastrun!,
      ));
    }
    return await check(ctx, Boolean(options.nonInteractive));
  } finally {
    await lock.release();
  }
}

/** The configuration to write: asked, repaired, or from the environment. */
async function setUp(ctx: Context, prompter: Prompter | undefined): Promise<SetupResult> {
  const say = (line: string) => ctx.log.info(line);
  const text = await Deno.readTextFile(ctx.paths.config).catch((e) => {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  });
  const broken = text === null ? null : diagnose(text, ctx.paths.config);
  if (broken) {
    const told = broken.kind === "syntax"
      ? broken.message
      : `${m.configFile.errors(ctx.paths.config, broken.problems.length)}\n  ${broken.problems.join("\n  ")}`;
    // Never overwritten unasked: a script cannot answer, so it is told what is wrong.
    if (!prompter) throw new ConfigError(told, { hint: m.wizard.nonInteractiveBroken });
    ctx.log.warn(told);
    if (broken.kind === "syntax") {
      // Its sections cannot be told apart: the whole file is set aside, never deleted.
      const aside = `${ctx.paths.config}.broken-${fileStamp(new Date())}`;
      if (!(await prompter.yesNo(m.wizard.startOver(basename(aside)), true))) throw notRepaired(ctx);
      await Deno.rename(ctx.paths.config, aside);
      ctx.log.info(m.wizard.keptAside(aside));
      ctx.log.info(m.wizard.settingUp(ctx.paths.dir));
      return askConfig(prompter, null, say);
    }
    const sections = broken.reenter.map((name) => `[${name}]`).join(", ");
    const question = [
      ...(broken.reenter.length > 0 ? [m.wizard.reenter(sections)] : []),
      ...(broken.drop.length > 0 ? [m.wizard.dropTopLevel(broken.drop.join(", "))] : []),
    ].join(" ");
    if (!(await prompter.yesNo(question, true))) throw notRepaired(ctx);
    // The file as it was stays beside the repaired one: what is re-entered or dropped is never lost.
    const copy = `${ctx.paths.config}.broken-${fileStamp(new Date())}`;
    await Deno.copyFile(ctx.paths.config, copy);
    ctx.log.info(m.wizard.keptAside(copy));
    if (broken.reenter.length > 0) ctx.log.info(m.wizard.reentering(sections));
    return askSections(prompter, broken.kept, broken.reenter, say);
  }
  // Secrets that cannot be decrypted (key file lost) are dropped and asked for again.
  const current = await readConfig(ctx.paths, { unreadableSecrets: "drop", env: () => undefined });
  ctx.log.info(current ? m.wizard.updating(ctx.paths.config) : m.wizard.settingUp(ctx.paths.dir));
  return prompter ? askConfig(prompter, current, say) : configFromEnv(ctx.env, current);
}

function notRepaired(ctx: Context): ConfigError {
  return new ConfigError(m.wizard.notRepaired(ctx.paths.config), { hint: m.wizard.notRepairedHint });
}

/** Checks every connection as written; the failed checks are listed last, and make the exit code 4. */
async function check(ctx: Context, nonInteractive: boolean): Promise<ExitCode> {
  ctx.log.info(m.wizard.checking);
  // Checked as written: read back, the config carries every default the sync will use.
  const written = (await readConfig(ctx.paths, { env: () => undefined }))!;
  const results = await withState(ctx.paths, (db) => checkConnections(written, ctx.log, db));
  for (const { service, ok, lines } of results) {
    const [first, ...rest] = lines;
    const text = `  ${ok ? m.wizard.checkOk(service, first) : `${service}: ${first}`}` +
      rest.map((line) => `\n    ${line}`).join("");
    if (ok) ctx.log.info(text);
    else ctx.log.warn(text);
  }
  for (const connector of configuredConnectors(written)) {
    const names = connector.sections.map((s) => s.name);
    if (connector.afterInit && results.filter((r) => names.includes(r.section)).every((r) => r.ok)) {
      connector.afterInit(written, written.serve ?? serveSchema.parse({}));
    }
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return ExitCode.Ok;
  ctx.log.warn(failedList(failed));
  if (nonInteractive) ctx.log.warn(m.wizard.failedExit(failed.length));
  return ExitCode.Unreachable;
}

/** The failed checks, each with what it found and what to do, after the other lines of the checks. */
function failedList(failed: readonly CheckResult[]): string {
  return [
    m.wizard.failedTitle(failed.length),
    ...failed.map(({ service, lines }) =>
      `  - ${service}: ${lines[0]}` + lines.slice(1).map((line) => `\n      ${line}`).join("")
    ),
    m.wizard.failedAdvice,
  ].join("\n");
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") throw new ConfigError(m.wizard.cancelled);
  throw error;
}
