/**
 * A state that should be there and is not. Without `state.db` spojka would start from an empty
 * state: every cursor, the outbox (items POHODA refused, waiting for a fix), the ledger `verify`
 * checks against, and the history of runs, forgotten without a word. POHODA's duplicity checks keep
 * that from doubling anything, but the user must know, and may have a copy to put back. So when
 * `state.db` is missing while an earlier state left traces in the data folder, opening the state
 * is refused until the user either puts a copy back or starts afresh with `spojka reset --new-state`.
 *
 * Traces: the database's own side files (`state.db-wal`, `state.db-shm`, `state.db-journal`),
 * copies of it (`state.db.bak`, `state - kopie.db` …), and spojka 0.1's state once moved into the
 * database or backed up (`state.json.migrated`, `state.json.bak`, the `outbox` folders). A
 * `state.db` deleted alone, with nothing left beside it, cannot be told from a new data folder.
 *
 * @module
 */

import { basename } from "node:path";
import { ConfigError } from "../core/errors.ts";
import type { DataPaths } from "../core/datadir.ts";
import { fileStamp } from "../core/time.ts";
import { m } from "../i18n/mod.ts";

/** A name an earlier state leaves: `state…` with `.db` or `.json` in it, and spojka 0.1's outbox folders. */
const TRACE = /^(?:state\b.*\.(?:db|json)|outbox(?:\.migrated)?$)/i;

/** SQLite's side files, which it would apply to a new, empty `state.db`. */
const SIDE_FILES = ["-wal", "-shm", "-journal"];

/**
 * The names of the traces of an earlier state in the data folder, when `state.db` is missing and
 * there is no `state.json` to move into a new one; empty otherwise.
 */
export async function traces(paths: DataPaths): Promise<string[]> {
  const main = [basename(paths.stateDb), basename(paths.legacyState)].map((n) => n.toLowerCase());
  const found: string[] = [];
  for await (const entry of Deno.readDir(paths.dir)) {
    const name = entry.name.toLowerCase();
    if (main.includes(name)) return [];
    if (TRACE.test(name)) found.push(entry.name);
  }
  return found.sort();
}

/** The refusal to start from an empty state beside `found` traces, with both ways on. */
export function missingState(paths: DataPaths, found: readonly string[]): ConfigError {
  return new ConfigError(m.state.missing(paths.stateDb, found.join(", "), paths.dir), {
    hint: m.state.missingHint(paths.stateDb),
  });
}

/**
 * Before a new, empty `state.db` is made where one is missing: SQLite's side files of the lost one
 * are renamed aside (`state.db-wal.old-<time>`), since SQLite would otherwise apply them to the new
 * file. Returns the new names.
 */
export async function setAsideSideFiles(paths: DataPaths, now = new Date()): Promise<string[]> {
  const moved: string[] = [];
  for (const suffix of SIDE_FILES) {
    const from = `${paths.stateDb}${suffix}`;
    const to = `${from}.old-${fileStamp(now)}`;
    try {
      await Deno.rename(from, to);
      moved.push(basename(to));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return moved;
}
