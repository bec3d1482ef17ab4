/**
 * Loading and saving state.json. Saves are atomic and keep the previous version as
 * state.json.bak, so neither a crash nor a damaged disk block loses what was confirmed.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { writeFileAtomic } from "../core/files.ts";
import { describeIssues } from "../config/issues.ts";
import { emptyState, type State, STATE_VERSION, stateSchema } from "./schema.ts";

/** Reads the state at `path`; a data folder without one has the empty state. */
export async function loadState(path: string): Promise<State> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return emptyState();
    throw e;
  }
  const damaged = (why: string) =>
    new ConfigError(`${path} is damaged: ${why}. The previous version is kept in ${path}.bak.`, {
      hint: `To go back to it, replace ${path} with a copy of ${path}.bak and run spojka again; ` +
        "items imported since are recognised by POHODA as already present.",
    });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw damaged(`it is not valid JSON (${(e as Error).message})`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "number" && version > STATE_VERSION) {
    throw new ConfigError(
      `${path} was written by a newer spojka (state version ${version}; this program knows ${STATE_VERSION}).`,
      { hint: "Install the newer spojka again; an older one cannot continue its work." },
    );
  }
  const result = stateSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw damaged(describeIssues(result.error.issues, stateSchema).join("; "));
  return result.data;
}

/** Writes the state atomically, keeping the previous file as `<path>.bak`. */
export async function saveState(path: string, state: State): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(state, null, 2) + "\n", { backup: true });
}
