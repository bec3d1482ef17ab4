/**
 * What is wrong with a config.toml that cannot be read, told so that `init` can offer to repair it:
 * each problem by section, key and line, in the user's language, and which sections to enter again
 * (the rest of the file is kept).
 *
 * @module
 */

import { parse, TomlError } from "smol-toml";
import type { z } from "zod";
import { configSchema, setups } from "../connectors/config.ts";
import { m } from "../i18n/mod.ts";
import { migrateSections } from "./file.ts";
import { issueWords, keyName, suggestKey, typeName } from "./issues.ts";
import type { Answers } from "./questions.ts";

/** A config.toml whose TOML cannot be parsed: its sections cannot be told apart. */
export interface SyntaxProblem {
  kind: "syntax";
  /** The problem, with its line and column. */
  message: string;
}

/** A config.toml that parses but does not validate. */
export interface InvalidConfig {
  kind: "invalid";
  /** One line per problem, naming the section, key and line. */
  problems: string[];
  /** The sections to enter again: those `init` has questions for. */
  reenter: string[];
  /** Top-level keys and sections `init` does not ask about (`language`, `[serve]`, an unknown table): removed. */
  drop: string[];
  /**
   * What the repair keeps (secrets still sealed): the file's values without the dropped sections and
   * without each broken key; a section to enter again keeps its other values, offered as they are.
   */
  kept: Answers;
}

/** What is wrong with `text` as a config.toml, or `null` if nothing is. */
export function diagnose(text: string): SyntaxProblem | InvalidConfig | null {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    return { kind: "syntax", message: m.wizard.syntax(e.line, e.column, e.message.split("\n")[0]) };
  }
  migrateSections(raw);
  const schema = configSchema();
  const result = schema.safeParse(raw, { reportInput: true, error: issueWords });
  if (result.success) return null;
  const asked = new Set(setups().flatMap((s) => s.questions.map((q) => q.section)));
  const problems: string[] = [];
  const broken = new Set<string>();
  /** Per section, its keys that are wrong; a section wrong as a whole (or a top-level key) has none. */
  const brokenKeys = new Map<string, Set<string>>();
  const whole = new Set<string>();
  for (const issue of result.error.issues) {
    const paths = issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => [...issue.path, key])
      : [issue.path];
    for (const path of paths) {
      problems.push(describe(issue, path, text, raw, schema));
      const name = String(path[0]);
      broken.add(name);
      if (path.length < 2) whole.add(name);
      else brokenKeys.set(name, (brokenKeys.get(name) ?? new Set()).add(String(path[1])));
    }
  }
  const reenter = [...broken].filter((name) => asked.has(name));
  const drop = [...broken].filter((name) => !asked.has(name));
  const kept: Answers = {};
  for (const [name, value] of Object.entries(raw)) {
    if (drop.includes(name) || whole.has(name)) continue;
    const bad = brokenKeys.get(name);
    kept[name] = bad === undefined ? value as Answers[string] : Object.fromEntries(
      Object.entries(value as Record<string, unknown>).filter(([key]) => !bad.has(key)),
    );
  }
  return { kind: "invalid", problems, reenter, drop, kept };
}

function describe(
  issue: z.core.$ZodIssue,
  path: readonly PropertyKey[],
  text: string,
  raw: Record<string, unknown>,
  schema: z.ZodType,
): string {
  const line = lineOf(text, path);
  const at = line === undefined ? "" : m.wizard.line(line);
  const key = keyName(path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const word = String(path.at(-1));
      const value = path.length === 1 ? raw[word] : undefined;
      if (value && typeof value === "object" && !Array.isArray(value)) {
        return m.wizard.unknownSection(word, at);
      }
      const where = issue.path.length === 0
        ? m.wizard.topLevel
        : m.wizard.inSection(issue.path.map(String).join("."));
      return m.wizard.unknownKey(word, where, at, suggestKey(schema, issue.path, word));
    }
    case "invalid_type":
      if (issue.input === undefined) {
        return path.length === 1 ? m.wizard.missingSection(String(path[0])) : m.wizard.missingKey(key, at);
      }
      return m.wizard.wrongType(
        key,
        at,
        m.wizard.type[issue.expected] ?? typeName(issue.expected),
        shown(issue.input),
      );
    default:
      return `${key}${at} ${issue.message}`;
  }
}

function shown(value: unknown): string {
  if (typeof value === "string") return m.wizard.text(value);
  if (Array.isArray(value)) return m.wizard.type.array;
  if (value !== null && typeof value === "object") return m.wizard.type.object;
  return String(value);
}

/**
 * The line of `path` in `text`: a section's header, or a key's line in its table. Enough for the
 * files `init` writes and their hand edits; an inline table is not looked into.
 */
export function lineOf(text: string, path: readonly PropertyKey[]): number | undefined {
  const table = path.slice(0, -1).map(String).join(".");
  const key = String(path.at(-1));
  let current = "";
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(lines[i]);
    if (header) {
      current = header[1].replace(/\s*\.\s*/g, ".");
      if (path.length === 1 && current === key) return i + 1;
      continue;
    }
    const assignment = /^\s*(["']?)([\w-]+)\1\s*=/.exec(lines[i]);
    if (assignment && current === table && assignment[2] === key) return i + 1;
  }
  return undefined;
}
