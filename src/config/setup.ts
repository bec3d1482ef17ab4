/**
 * Assembling a configuration from answers: interactively through a {@linkcode Prompter}, or from
 * `SPOJKA_*` environment variables for scripted deployments.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { checkAnswer, CONNECTORS, type ConnectorSetup, type Question } from "./questions.ts";
import { type Config, CONFIG_VERSION } from "./schema.ts";
import { MASK, Secret } from "./secret.ts";

/** The questions `init` needs answered; the terminal implementation lives in `src/cli/prompt.ts`. */
export interface Prompter {
  text(
    message: string,
    options: { default?: string; validate: (value: string) => string | undefined },
  ): Promise<string>;
  secret(message: string, options: { validate: (value: string) => string | undefined }): Promise<string>;
  yesNo(message: string, defaultAnswer: boolean): Promise<boolean>;
  choose(message: string, choices: { value: string; name: string; checked: boolean }[]): Promise<string[]>;
}

/** A configuration ready to be written, and what the user should double-check. */
export interface SetupResult {
  config: Config;
  /** Ids of the connectors that were set up in this run. */
  connectors: string[];
  warnings: string[];
}

type Sections = Record<string, Record<string, unknown>>;

/** Whether every section of `connector` is present in `config`. */
export function isConfigured(config: Config | null, connector: ConnectorSetup): boolean {
  const sections = config as unknown as Sections | null;
  return connector.sections.every((section) => sections?.[section] !== undefined);
}

/** The interactive wizard: asks for every value, offering to keep each current one. */
export async function askConfig(
  prompter: Prompter,
  current: Config | null,
  say: (line: string) => void,
): Promise<SetupResult> {
  const chosen = await prompter.choose(
    "Which connectors do you want to set up?",
    CONNECTORS.map((c) => ({
      value: c.id,
      name: c.title,
      checked: isConfigured(current, c) || current === null,
    })),
  );
  const config = cloneSections(current);
  const warnings: string[] = [];
  for (const connector of CONNECTORS.filter((c) => chosen.includes(c.id))) {
    say(`\n${connector.title}`);
    for (const question of connector.questions) {
      const section = (config[question.section] ??= {});
      const existing = section[question.key];
      if (existing !== undefined) {
        const shown = existing instanceof Secret ? MASK : String(existing);
        say(`  ${question.label}: ${shown}`);
        if (!(await prompter.yesNo("  Change it?", false))) continue;
      }
      const validate = (value: string) => checkAnswer(question, value.trim());
      const answer = question.secret
        ? await prompter.secret(question.label, { validate })
        : await prompter.text(question.label, {
          default: existingText(existing) ?? question.default,
          validate,
        });
      const doubt = store(section, question, answer.trim());
      if (doubt) warnings.push(doubt);
    }
  }
  return { config: finish(config), connectors: chosen, warnings };
}

/**
 * `init --non-interactive`: a connector is set up when any of its variables is set, and then every
 * required one must be. Sections of other connectors are kept as they are.
 */
export function configFromEnv(
  env: (name: string) => string | undefined,
  current: Config | null,
): SetupResult {
  const config = cloneSections(current);
  const warnings: string[] = [];
  const connectors: string[] = [];
  for (const connector of CONNECTORS) {
    if (!connector.questions.some((q) => q.default === undefined && env(q.env))) continue;
    const missing = connector.questions.filter((q) => !q.optional && q.default === undefined && !env(q.env));
    if (missing.length > 0) {
      throw new ConfigError(
        `init --non-interactive: ${missing.map((q) => q.env).join(", ")} ${
          missing.length === 1 ? "is" : "are"
        } not set ` +
          `(needed for ${connector.title}).`,
        { hint: "Set every variable listed in README.md, section “Scripted setup”." },
      );
    }
    for (const question of connector.questions) {
      const value = (env(question.env) ?? question.default ?? "").trim();
      const problem = checkAnswer(question, value);
      if (problem) throw new ConfigError(`init --non-interactive: ${question.env} ${problem}.`);
      const doubt = store(config[question.section] ??= {}, question, value);
      if (doubt) warnings.push(doubt);
    }
    connectors.push(connector.id);
  }
  if (connectors.length === 0) {
    const names = CONNECTORS.flatMap((c) =>
      c.questions.filter((q) => !q.optional && !q.default).map((q) => q.env)
    );
    throw new ConfigError(
      "init --non-interactive: no SPOJKA_* variables are set, so there is nothing to set up.",
      {
        hint: `Set ${names.join(", ")}.`,
      },
    );
  }
  return { config: finish(config), connectors, warnings };
}

/** Stores an answer; returns the doubt worth telling the user, if any. */
function store(section: Record<string, unknown>, question: Question, value: string): string | undefined {
  if (value === "" && question.optional) {
    delete section[question.key];
    return undefined;
  }
  section[question.key] = question.secret ? new Secret(value) : value;
  return question.warn?.(value);
}

function existingText(value: unknown): string | undefined {
  return value === undefined || value instanceof Secret ? undefined : String(value);
}

function cloneSections(current: Config | null): Sections {
  const out: Sections = {};
  for (const [name, section] of Object.entries(current ?? {})) {
    if (section && typeof section === "object") out[name] = { ...section };
  }
  return out;
}

function finish(sections: Sections): Config {
  return { version: CONFIG_VERSION, ...sections } as unknown as Config;
}
