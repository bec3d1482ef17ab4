/**
 * Assembling a configuration from answers: interactively through a {@linkcode Prompter}, or from
 * `SPOJKA_*` environment variables for scripted deployments.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";
import { type Config, setups } from "../connectors/config.ts";
import {
  type Answers,
  checkAnswer,
  type ConnectorSetup,
  defaultOf,
  isCleared,
  isSetUp,
  normaliseAnswer,
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
    m.wizard.whichConnectors,
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
    await askQuestions(prompter, connector.questions, answers, say, warnings);
  }
  return { config: finish(answers, offered), connectors: chosen, warnings };
}

/**
 * Asks only the questions of `sections`, keeping every other value of `kept` as it is: the repair of
 * a config.toml whose other sections are fine (src/config/repair.ts). A value `kept` still holds in
 * those sections is offered as it is; a broken one, left out of `kept`, is asked for.
 */
export async function askSections(
  prompter: Prompter,
  kept: Answers,
  sections: readonly string[],
  say: (line: string) => void,
): Promise<SetupResult> {
  const answers = cloneSections(kept);
  const warnings: string[] = [];
  const offered = setups();
  const asked = new Set<Question>();
  for (const setup of offered) {
    const questions = setup.questions.filter((q) => sections.includes(q.section) && !asked.has(q));
    if (questions.length === 0) continue;
    say(`\n${setup.title}`);
    for (const question of questions) asked.add(question);
    await askQuestions(prompter, questions, answers, say, warnings);
  }
  const connectors = offered.filter((setup) => isSetUp(answers, setup)).map((setup) => setup.id);
  return { config: finish(answers, offered), connectors, warnings };
}

/** Asks `questions` in order; a value already there is shown first, and changed only if the user says so. */
async function askQuestions(
  prompter: Prompter,
  questions: readonly Question[],
  answers: Answers,
  say: (line: string) => void,
  warnings: string[],
): Promise<void> {
  // Sections set up before this run: their optional values unset are as much a setting as the others.
  const before = new Set(Object.keys(answers).filter((name) => answers[name] !== undefined));
  for (const question of questions) {
    const section = (answers[question.section] ??= {});
    if (question.when && !question.when(answers)) {
      delete section[question.key]; // e.g. the Shoptet token after a switch to WooCommerce
      continue;
    }
    const existing = section[question.key];
    // An optional value is offered like any other, set or not, so that "n" never becomes its value.
    if (existing !== undefined || (question.optional && before.has(question.section))) {
      // A secret kept by a repair is still sealed text: masked like one that was read.
      const shown = existing === undefined
        ? m.wizard.notSet
        : existing instanceof Secret || question.secret
        ? MASK
        : String(existing);
      say(`  ${question.label(answers)}: ${shown}`);
      if (!(await prompter.yesNo(m.wizard.changeIt, false))) continue;
    }
    const answer = await ask(prompter, question, existing, answers);
    const doubt = store(section, question, answer);
    if (doubt) warnings.push(doubt);
  }
}

async function ask(
  prompter: Prompter,
  question: Question,
  existing: unknown,
  answers: Answers,
): Promise<string> {
  const validate = (value: string) => checkAnswer(question, normaliseAnswer(question, value), answers);
  const preset = existing === undefined || existing instanceof Secret
    ? defaultOf(question, answers)
    : String(existing);
  const label = question.optional ? m.wizard.clearable(question.label(answers)) : question.label(answers);
  if (question.choices) return await prompter.select(label, question.choices, preset);
  const answer = question.secret
    ? await prompter.secret(label, { validate })
    : await prompter.text(label, { default: preset, validate });
  return normaliseAnswer(question, answer);
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
      const value = normaliseAnswer(question, env(question.env) ?? defaultOf(question, answers) ?? "");
      if (value === "" && !question.optional) {
        missing.push(question.env);
        continue;
      }
      const problem = checkAnswer(question, value, answers);
      if (problem) throw new ConfigError(m.wizard.badVariable(question.env, problem));
      const doubt = store(section, question, value);
      if (doubt) warnings.push(doubt);
    }
    if (missing.length > 0) {
      throw new ConfigError(m.wizard.missingVariables(missing.join(", "), missing.length, connector.title), {
        hint: m.wizard.missingVariablesHint,
      });
    }
    connectors.push(connector.id);
  }
  if (connectors.length === 0) {
    const names = offered.filter((c) => !c.extra).map((c) =>
      c.questions.filter((q) => !q.optional && q.default === undefined && !q.when)
        .map((q) => q.env).join(", ")
    );
    throw new ConfigError(m.wizard.noVariables, { hint: m.wizard.noVariablesHint(names.join(m.wizard.or)) });
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
  if (isCleared(question, value)) {
    delete section[question.key];
    return undefined;
  }
  // Checked as an answer already, so a URL secret (the webhook's) cannot fail here.
  section[question.key] = question.secret
    ? openSecret([question.section, question.key], value, { variable: question.env })
    : value;
  return question.warn?.(value);
}

/**
 * A copy to answer into: each section copied, and the top-level keys `init` does not ask about
 * (`language`) kept as they are.
 */
function cloneSections(current: object | null): Answers {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(current ?? {})) {
    out[name] = value && typeof value === "object" && !Array.isArray(value) ? { ...value } : value;
  }
  return out as Answers;
}

/** The configuration, with what `init` generates itself (the key KROS signs its notifications with). */
function finish(answers: Answers, offered: readonly ConnectorSetup[]): Config {
  for (const section of offered.flatMap((setup) => setup.sections ?? [])) {
    const values = answers[section.name];
    if (values) section.complete?.(values);
  }
  return { ...answers, version: CONFIG_VERSION } as unknown as Config;
}
