/**
 * What is wrong with a config.toml that cannot be read, told so that `init` can offer to repair it:
 * each problem by section, key and line, in the user's language, and which sections to enter again
 * (the rest of the file is kept).
 *
 * @module
 */

import { parse, TomlError } from "smol-toml";
import { configSchema, setups } from "../connectors/config.ts";
import { m } from "../i18n/mod.ts";
import { migrateSections } from "./file.ts";
import { configProblems, issueWords, keyName } from "./issues.ts";
import type { Answers } from "./questions.ts";

/** A config.toml whose TOML cannot be parsed: its sections cannot be told apart. */
export interface SyntaxProblem {
  kind: "syntax";
  /** The problem, with the file's name, line and column. */
  message: string;
}

/** A config.toml that parses but does not validate. */
export interface InvalidConfig {
  kind: "invalid";
  /** One line per problem, naming the section, key and line. */
  problems: string[];
  /** The sections to enter again: those `init` has questions for. */
  reenter: string[];
  /**
   * The broken keys `init` does not ask about (`language`, a key of `[serve]`, an unknown table), by
   * name: removed, their defaults apply.
   */
  drop: string[];
  /**
   * What the repair keeps (secrets still sealed): the file's values without each broken key, at any
   * depth; a section to enter again keeps its other values, offered as they are.
   */
  kept: Answers;
}

/**
 * What is wrong with `text`, the config.toml at `source`, or `null` if nothing is. The problems are
 * told in the words of every other command (src/config/issues.ts), with each key's line.
 */
export function diagnose(text: string, source: string): SyntaxProblem | InvalidConfig | null {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    return {
      kind: "syntax",
      message: m.configFile.notToml(source, e.line, e.column, e.message.split("\n")[0]),
    };
  }
  migrateSections(raw);
  const schema = configSchema();
  const result = schema.safeParse(raw, { reportInput: true, error: issueWords });
  if (result.success) return null;
  const at = (path: readonly PropertyKey[]) => {
    const line = lineOf(text, path);
    return line === undefined ? "" : m.wizard.line(line);
  };
  const problems = configProblems(result.error.issues, schema, at);
  const asked = new Set(setups().flatMap((s) => s.questions.map((q) => q.section)));
  const broken = [...new Set(problems.map(({ path }) => String(path[0])))];
  const kept = structuredClone(raw);
  for (const { path } of problems) removeKey(kept, path);
  return {
    kind: "invalid",
    problems: problems.map(({ text }) => text),
    reenter: broken.filter((name) => asked.has(name)),
    drop: [
      ...new Set(problems.filter(({ path }) => !asked.has(String(path[0]))).map(({ path }) => keyName(path))),
    ],
    kept: kept as Answers,
  };
}

/**
 * Takes the key at `path` out of `tree`, its siblings staying; a key within a list takes the whole
 * list (its entries have no names to keep apart). A path that is not there (a missing key) changes nothing.
 */
function removeKey(tree: Record<string, unknown>, path: readonly PropertyKey[]): void {
  let table = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const value = table[String(path[i])];
    if (Array.isArray(value)) {
      delete table[String(path[i])];
      return;
    }
    if (value === null || typeof value !== "object") return;
    table = value as Record<string, unknown>;
  }
  delete table[String(path.at(-1))];
}

/**
 * The line of `path` in `text`: a table's header (at any depth), or a key's line in its table. Enough for the
 * files `init` writes and their hand edits; an inline table is not looked into.
 */
export function lineOf(text: string, path: readonly PropertyKey[]): number | undefined {
  const table = path.slice(0, -1).map(String).join(".");
  const key = String(path.at(-1));
  const whole = path.map(String).join(".");
  let current = "";
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(lines[i]);
    if (header) {
      current = header[1].replace(/\s*\.\s*/g, ".");
      if (current === whole) return i + 1;
      continue;
    }
    const assignment = /^\s*(["']?)([\w-]+)\1\s*=/.exec(lines[i]);
    if (assignment && current === table && assignment[2] === key) return i + 1;
  }
  return undefined;
}
