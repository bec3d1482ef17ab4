/**
 * Turns schema validation issues into sentences a user can act on: which key, what is wrong, how
 * to fix it.
 *
 * @module
 */

import type { z } from "zod";

/** `["flowii", "endpoints", "token"]` → `[flowii.endpoints] token`; top-level keys stay bare. */
export function keyName(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts.length <= 1) return parts[0] ?? "(top level)";
  return `[${parts.slice(0, -1).join(".")}] ${parts.at(-1)}`;
}

function sectionName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "at the top level" : `in [${path.map(String).join(".")}]`;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `the text "${value}"`;
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a section";
  return `${typeof value} ${String(value)}`;
}

/** One message per issue, e.g. `[pohoda] ico: must be 8 digits in quotes, e.g. ico = "12345678"`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): string[] {
  return issues.flatMap((issue): string[] => {
    const key = keyName(issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        return issue.keys.map((unknown) => {
          const suggestion = closest(unknown, keysAt(schema, issue.path));
          const hint = suggestion ? `did you mean "${suggestion}"?` : "spojka help config lists every key";
          return `unknown key "${unknown}" ${sectionName(issue.path)}: ${hint}`;
        });
      case "invalid_type": {
        if (issue.input === undefined) return [`${key}: is missing`];
        const got = describeValue(issue.input);
        if (issue.expected === "string" && typeof issue.input === "number") {
          return [
            `${key}: must be text; put the value in quotes: ${String(issue.path.at(-1))} = "${issue.input}"`,
          ];
        }
        if (issue.expected === "number" && typeof issue.input === "string") {
          return [`${key}: must be a number without quotes, not ${got}`];
        }
        const expected = issue.expected === "object" ? "a section" : `a ${issue.expected}`;
        return [`${key}: must be ${expected}, not ${got}`];
      }
      case "invalid_value":
        return [`${key}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`];
      default:
        return [`${key}: ${issue.message}`];
    }
  });
}

/** The key at `path` that `word` probably means (a typo of it), if there is one. */
export function suggestKey(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  word: string,
): string | undefined {
  return closest(word, keysAt(schema, path));
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
