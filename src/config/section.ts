/**
 * A section of config.toml (`[pohoda]`, `[flowii]` …) as the part of spojka that owns it declares
 * it: its schema, its secrets, what `init` asks and how `init` checks the connection. The config
 * schema, the secret variables and the setup questions are assembled from these (connectors/config.ts).
 *
 * @module
 */

import { z } from "zod";
import { m } from "../i18n/mod.ts";
import type { Log } from "../core/log.ts";
import type { StateDb } from "../state/db.ts";
import type { Question } from "./questions.ts";
import type { SecretSpec, Unsealed } from "./schema.ts";

/** What a connection check may use. */
export interface CheckContext {
  log: Pick<Log, "detail" | "info" | "warn">;
  /** The state database (the KROS limiter counts with it; the data folder is its folder). */
  db: StateDb;
  /** A check answers at once: one attempt, a short timeout, no back-off. */
  once: { max_attempts: 1; timeout_seconds: number };
}

/** One service's connection check. */
export interface ConnectionCheck {
  /** The service as the user knows it, e.g. `FLOWii`, `POHODA mServer`. */
  service: string;
  /** What was found; a {@linkcode SpojkaError} says what is wrong and how to fix it. */
  run(): Promise<string[]>;
}

/** A section of config.toml; `S` is its schema. */
export interface ConfigSection<N extends string = string, S extends z.ZodType = z.ZodType> {
  /** The table, e.g. `pohoda` for `[pohoda]`. */
  readonly name: N;
  readonly schema: S;
  /** Its secrets by key, each declared once. */
  readonly secrets?: Readonly<Record<string, SecretSpec>>;
  /**
   * What `init` asks, in order, declared without the section ({@linkcode questionsOf} adds it); a
   * secret's question is made from its declaration ({@linkcode secretQuestion}).
   */
  readonly questions: readonly SectionQuestion<S>[];
  /**
   * A target's section (`[pohoda]`, `[eshop]`): valid on its own, shared by every connector that
   * writes to that target. A connector's own section needs all the connector's sections beside it.
   */
  readonly target?: boolean;
  /** The connection check `init` runs when the section is present. */
  check?(value: Unsealed<z.output<S>>, ctx: CheckContext): ConnectionCheck;
  /**
   * Brings the section as an earlier spojka wrote it up to date before it is validated (keys that
   * moved or no longer apply); changes `value` in place.
   */
  migrate?(value: Record<string, unknown>): void;
  /** Fills in what `init` generates itself once the answers are in (the KROS notification key). */
  complete?(answers: Record<string, unknown>): void;
}

/** The keys of the section schema `S` (any key while `S` is not known: a section among others). */
type FieldKey<S extends z.ZodType> = z.ZodType extends S ? string
  : S extends z.ZodObject<infer Shape> ? keyof Shape & string
  : never;

/**
 * A {@linkcode Question} as its section declares it: the section is the one declaring it. Its
 * `schema` may be left out when the answer is checked as the section schema `S` checks its `key`;
 * a question checked otherwise (a secret's text, an id merely trimmed) brings its own.
 */
export type SectionQuestion<S extends z.ZodType = z.ZodType> =
  | Omit<Question, "section">
  | Omit<Question, "section" | "key" | "schema"> & { key: FieldKey<S>; schema?: undefined };

/**
 * `init`'s questions of `section` as the wizard asks them: each in the section, and one without a
 * schema of its own checked as the section checks its key. An answer is always a string, so the
 * key's default or optional changes nothing it accepts.
 */
export function questionsOf<S extends z.ZodType>(
  section: Pick<ConfigSection<string, S>, "name" | "schema" | "questions">,
): Question[] {
  return section.questions.map(({ schema, ...question }) => ({
    ...question,
    section: section.name,
    schema: schema ?? fieldSchema(section.name, section.schema, question.key),
  }));
}

/** The schema of `key` in the section's `schema`; a question for a key it lacks is a bug. */
function fieldSchema(name: string, schema: z.ZodType, key: string): z.ZodType {
  const field = schema instanceof z.ZodObject ? schema.shape[key] : undefined;
  if (!field) throw new Error(`[${name}] has no key ${key}: its question needs a schema of its own`);
  return field;
}

const secretText = z.string().min(1, { error: () => m.wizard.notEmpty });

/** `init`'s question for the secret `key`, as its declaration says. */
export function secretQuestion(
  key: string,
  spec: SecretSpec,
  options: Pick<Question, "when"> = {},
): Omit<Question, "section"> {
  return {
    key,
    label: () => spec.label?.() ?? key,
    env: spec.env,
    secret: true,
    ...(spec.optional ? { optional: true } : {}),
    ...options,
    schema: spec.url ?? secretText,
  };
}
