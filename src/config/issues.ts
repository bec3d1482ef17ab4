/**
 * Turns schema validation issues into sentences a user can act on: which key, what is wrong, how
 * to fix it.
 *
 * @module
 */

import type { z } from "zod";
import { m } from "../i18n/mod.ts";

/** `["flowii", "endpoints", "token"]` → `[flowii.endpoints] token`; top-level keys stay bare. */
export function keyName(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts.length <= 1) return parts[0] ?? m.configIssue.topLevel;
  return `[${parts.slice(0, -1).join(".")}] ${parts.at(-1)}`;
}

function sectionName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? m.configIssue.atTopLevel : m.wizard.inSection(path.map(String).join("."));
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return m.wizard.text(value);
  if (Array.isArray(value)) return m.configIssue.type.array;
  if (isTable(value)) return m.configIssue.type.object;
  if (typeof value === "number") return m.configIssue.number(String(value));
  if (typeof value === "boolean") return m.configIssue.boolean(String(value));
  return m.configIssue.other;
}

/** One problem of a config, in the user's words, and the key it is about. */
export interface ConfigProblem {
  /** The key's path; for an unknown key, the path of that key. */
  path: PropertyKey[];
  /** What is wrong and how to fix it. */
  text: string;
}

/**
 * One problem per issue (per key, for unknown keys), e.g.
 * `[pohoda] ico: must be 8 digits in quotes, e.g. ico = "12345678"`. `at` tells more of where a
 * key is (`init`'s repair: its line), said right after the key's name.
 */
export function configProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  at: (path: readonly PropertyKey[]) => string = () => "",
): ConfigProblem[] {
  const say = m.configIssue;
  return issues.flatMap((issue): ConfigProblem[] => {
    const key = `${keyName(issue.path)}${at(issue.path)}`;
    const problem = (text: string) => [{ path: issue.path, text: `${key}: ${text}` }];
    switch (issue.code) {
      case "unrecognized_keys":
        return issue.keys.map((unknown) => {
          const path = [...issue.path, unknown];
          const value = (issue.input as Record<string, unknown> | undefined)?.[unknown];
          const suggestion = closest(unknown, keysAt(schema, issue.path));
          const hint = suggestion ? say.didYouMean(suggestion) : say.everyKey;
          const text = isTable(value)
            ? say.unknownSection(path.join("."), at(path), hint)
            : say.unknownKey(unknown, `${sectionName(issue.path)}${at(path)}`, hint);
          return { path, text };
        });
      case "invalid_type":
        if (issue.expected === "string" && typeof issue.input === "number") {
          return problem(say.quoteIt(String(issue.path.at(-1)), String(issue.input)));
        }
        if (issue.expected === "number" && typeof issue.input === "string") {
          return problem(say.noQuotes(describeValue(issue.input)));
        }
        return problem(wrongType(issue));
      default:
        return problem(issue.message);
    }
  });
}

/** One message per issue, as {@linkcode configProblems} tells them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): string[] {
  return configProblems(issues, schema).map((problem) => problem.text);
}

function isTable(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}

/** What a value of the wrong type must be instead, or that it is missing. */
function wrongType(issue: { expected: string; input?: unknown }): string {
  if (issue.input === undefined) return m.configIssue.missing;
  return m.configIssue.wrongType(typeName(issue.expected), describeValue(issue.input));
}

/** A type as the user would name it: `a section`, `a whole number`. */
function typeName(expected: string): string {
  return m.configIssue.type[expected] ?? expected;
}

/**
 * zod's error map in spojka's words and the current language, given to every parse of config.toml
 * and of `init`'s answers: a check without a message of its own still says what the value must be.
 * A schema's own message comes first (zod asks this map only without one).
 */
export function issueWords(issue: z.core.$ZodRawIssue): string {
  const say = m.configIssue;
  switch (issue.code) {
    case "invalid_type":
      return wrongType(issue);
    case "invalid_value":
      return m.wizard.oneOf(issue.values.map((v) => JSON.stringify(v)).join(", "));
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string") return n === 1 ? m.wizard.notEmpty : say.minLength(n);
      if (issue.origin === "array" || issue.origin === "set") return say.minEntries(n);
      return issue.inclusive === false ? say.above(String(n)) : say.atLeast(String(n));
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "string") return say.maxLength(n);
      if (issue.origin === "array" || issue.origin === "set") return say.maxEntries(n);
      return issue.inclusive === false ? say.below(String(n)) : say.atMost(String(n));
    }
    case "not_multiple_of":
      return say.multipleOf(String(issue.divisor));
    case "invalid_key":
      // A record's key (a year of [pohoda.units]): what its own check says.
      return issue.issues[0]?.message ?? say.badValue;
    case "invalid_format":
      if (issue.format === "starts_with") return say.startsWith(String(issue.prefix));
      if (issue.format === "ends_with") return say.endsWith(String(issue.suffix));
      return say.badForm;
    default:
      return say.badValue;
  }
}

/** The keys a strict object schema allows at `path`, for "did you mean" suggestions. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = unwrapObject(schema);
  for (const part of path) {
    const shape = node?._zod.def.shape as Record<string, z.ZodType> | undefined;
    node = shape?.[String(part)] ? unwrapObject(shape[String(part)]) : undefined;
  }
  const shape = node?._zod.def.shape as Record<string, unknown> | undefined;
  return shape ? Object.keys(shape) : [];
}

/** The object schema inside optional, default and transform wrappers, or `undefined` for a leaf. */
// deno-lint-ignore no-explicit-any
export function unwrapObject(schema: z.ZodType): any {
  // deno-lint-ignore no-explicit-any
  let node: any = schema;
  while (node && node._zod.def.type !== "object") {
    const def = node._zod.def;
    node = def.innerType ?? def.in;
  }
  return node;
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
