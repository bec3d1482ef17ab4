/**
 * Opening the state of a data folder: the database, created and migrated as needed, with a
 * version 1 `state.json` moved into it on first start.
 *
 * @module
 */

import type { DataPaths } from "../core/datadir.ts";
import { StateDb } from "./db.ts";
import { migrateLegacyState } from "./legacy.ts";

/** Opens the data folder's state; the caller closes it. */
export async function openState(paths: DataPaths): Promise<StateDb> {
  const db = StateDb.open(paths.stateDb);
  try {
    await migrateLegacyState(db, paths);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
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
