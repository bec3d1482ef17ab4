/**
 * Opening the state of a data folder: the database, created and migrated as needed, with a
 * version 1 `state.json` moved into it on first start. A `state.db` that is missing while an
 * earlier state left traces is not silently replaced by an empty one (see `missing.ts`).
 *
 * @module
 */

import type { DataPaths } from "../core/datadir.ts";
import { exists } from "../core/files.ts";
import { StateDb } from "./db.ts";
import { migrateLegacyState } from "./legacy.ts";
import { missingState, setAsideSideFiles, traces } from "./missing.ts";

/**
 * Opens the data folder's state; the caller closes it. Refused (exit 2) when `state.db` is missing
 * and an earlier state left traces: {@linkcode newState} is the user's way to start afresh.
 */
export async function openState(paths: DataPaths): Promise<StateDb> {
  if (!(await exists(paths.stateDb))) {
    const found = await traces(paths);
    if (found.length > 0) throw missingState(paths, found);
  }
  return await open(paths);
}

/**
 * `spojka reset --new-state`: a new, empty state where `state.db` is missing, with the side files
 * of the lost one set aside first. Returns their new names, or `null` when there is a state already
 * (nothing is changed then).
 */
export async function newState(paths: DataPaths): Promise<{ setAside: string[] } | null> {
  if (await exists(paths.stateDb)) return null;
  const setAside = await setAsideSideFiles(paths);
  (await open(paths)).close();
  return { setAside };
}

/** Runs `body` with the data folder's state open, closing it afterwards. */
export async function withState<T>(paths: DataPaths, body: (db: StateDb) => Promise<T> | T): Promise<T> {
  const db = await openState(paths);
  try {
    return await body(db);
  } finally {
    db.close();
  }
}

async function open(paths: DataPaths): Promise<StateDb> {
  const db = StateDb.open(paths.stateDb);
  try {
    await migrateLegacyState(db, paths);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
