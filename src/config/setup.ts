/**
 * Assembling a configuration from answers: interactively through a {@linkcode Prompter}, or from
 * `SPOJKA_*` environment variables for scripted deployments.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { type Config, setups } from "../connectors/config.ts";
import {
  type Answers,
  checkAnswer,
  type ConnectorSetup,
  defaultOf,
  isSetUp,
  type Question,
} from "./questions.ts";
import { CONFIG_VERSION } from "./schema.ts";
import { MASK, Secret } from "./secret.ts";
import { openSecret } from "./secret_url.ts";

/** The questions `init` needs answered; the terminal implementation lives in `src/cli/prompt.ts`. */
export interface Prompter {
  text(
    message: string,
    options: { default?: string; validate: (value: string) => string | undefined },
  ): Promise<string>;
  secret(message: string, options: { validate: (value: string) => string | undefined }): Promise<string>;
  select(message: string, choices: readonly string[], preset?: string): Promise<string>;
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

/** The interactive wizard: asks for every value, offering to keep each current one. */
export async function askConfig(
  prompter: Prompter,
  current: Config | null,
  say: (line: string) => void,
): Promise<SetupResult> {
  const chosen = await prompter.choose(
    "Which connectors do you want to set up?",
    setups().map((c) => ({
      value: c.id,
      name: c.title,
      checked: isSetUp(current, c) || (current === null && !c.extra),
    })),
  );
  const answers = cloneSections(current);
  const warnings: string[] = [];
  const offered = setups();
  for (const connector of offered.filter((c) => chosen.includes(c.id))) {
    say(`\n${connector.title}`);
    for (const question of connector.questions) {
      const section = (answers[question.section] ??= {});
      if (question.when && !question.when(answers)) {
        delete section[question.key]; // e.g. the Shoptet token after a switch to WooCommerce
        continue;
      }
      const existing = section[question.key];
      if (existing !== undefined) {
        say(`  ${question.label}: ${existing instanceof Secret ? MASK : String(existing)}`);
        if (!(await prompter.yesNo("  Change it?", false))) continue;
      }
      const answer = await ask(prompter, question, existing, answers);
      const doubt = store(section, question, answer);
      if (doubt) warnings.push(doubt);
    }
  }
  return { config: finish(answers, offered), connectors: chosen, warnings };
}

function ask(prompter: Prompter, question: Question, existing: unknown, answers: Answers): Promise<string> {
  const validate = (value: string) => checkAnswer(question, value.trim(), answers);
  const preset = existing === undefined || existing instanceof Secret
    ? defaultOf(question, answers)
    : String(existing);
  if (question.choices) return prompter.select(question.label, question.choices, preset);
  const answer = question.secret
    ? prompter.secret(question.label, { validate })
    : prompter.text(question.label, { default: preset, validate });
  return answer.then((a) => a.trim());
}

/**
 * `init --non-interactive`: a connector is set up when any of its variables is set, and then every
 * required one must be. Sections of other connectors are kept as they are.
 */
export function configFromEnv(
  env: (name: string) => string | undefined,
  current: Config | null,
): SetupResult {
  const answers = cloneSections(current);
  const warnings: string[] = [];
  const connectors: string[] = [];
  const offered = setups();
  for (const connector of triggered(offered, env)) {
    const missing: string[] = [];
    for (const question of connector.questions) {
      const section = (answers[question.section] ??= {});
      if (question.when && !question.when(answers)) {
        delete section[question.key];
        continue;
      }
      const value = (env(question.env) ?? defaultOf(question, answers) ?? "").trim();
      if (value === "" && !question.optional) {
        missing.push(question.env);
        continue;
      }
      const problem = checkAnswer(question, value, answers);
      if (problem) throw new ConfigError(`init --non-interactive: ${question.env} ${problem}.`);
      const doubt = store(section, question, value);
      if (doubt) warnings.push(doubt);
    }
    if (missing.length > 0) {
      throw new ConfigError(
        `init --non-interactive: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set ` +
          `(needed for ${connector.title}).`,
        { hint: "Set every variable listed in README.md, section “Scripted setup”." },
      );
    }
    connectors.push(connector.id);
  }
  if (connectors.length === 0) {
    const names = offered.filter((c) => !c.extra).map((c) =>
      c.questions.filter((q) => !q.optional && q.default === undefined && !q.when)
        .map((q) => q.env).join(", ")
    );
    throw new ConfigError(
      "init --non-interactive: no SPOJKA_* variables are set, so there is nothing to set up.",
      {
        hint: `Set ${names.join("; or ")}.`,
      },
    );
  }
  return { config: finish(answers, offered), connectors, warnings };
}

/**
 * The setups whose variables are set: by a variable of their own sections, or of a target's section
 * ([pohoda]) that no setup sharing that target claims by its own variables.
 */
function triggered(
  offered: readonly ConnectorSetup[],
  env: (name: string) => string | undefined,
): ConnectorSetup[] {
  const isSet = (q: Question) => q.default === undefined && Boolean(env(q.env));
  const isTarget = (setup: ConnectorSetup, q: Question) =>
    setup.sections?.find((s) => s.name === q.section)?.target === true;
  const byOwn = offered.filter((setup) => setup.questions.some((q) => isSet(q) && !isTarget(setup, q)));
  const claimed = new Set(
    byOwn.flatMap((setup) => setup.sections?.filter((s) => s.target) ?? []).map((s) => s.name),
  );
  return offered.filter((setup) =>
    byOwn.includes(setup) ||
    setup.questions.some((q) => isSet(q) && isTarget(setup, q) && !claimed.has(q.section))
  );
}

/** Stores an answer; returns the doubt worth telling the user, if any. */
function store(section: Record<string, unknown>, question: Question, value: string): string | undefined {
  if (value === "" && question.optional) {
    delete section[question.key];
    return undefined;
  }
  // Checked as an answer already, so a URL secret (the webhook's) cannot fail here.
  section[question.key] = question.secret
    ? openSecret([question.section, question.key], value, { variable: question.env })
    : value;
  return question.warn?.(value);
}

function cloneSections(current: Config | null): Answers {
  const out: Answers = {};
  for (const [name, section] of Object.entries(current ?? {})) {
    if (section && typeof section === "object") out[name] = { ...section };
  }
  return out;
}

/** The configuration, with what `init` generates itself (the key KROS signs its notifications with). */
function finish(answers: Answers, offered: readonly ConnectorSetup[]): Config {
  for (const section of offered.flatMap((setup) => setup.sections ?? [])) {
    const values = answers[section.name];
    if (values) section.complete?.(values);
  }
  return { version: CONFIG_VERSION, ...answers } as unknown as Config;
}
