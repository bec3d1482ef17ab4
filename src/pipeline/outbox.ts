/**
 * The outbox: every downloaded item is kept here until its target confirms it. Payloads go to a
 * spool file per download (written and synced before the state refers to it); the state holds one
 * small entry per item. A big first run thus never rewrites megabytes of XML after every pack.
 *
 * @module
 */

import { join } from "node:path";
import { removeIfExists, writeFileAtomic } from "../core/files.ts";
import { fileStamp } from "../core/time.ts";
import type { OutboxEntry, State } from "../state/schema.ts";

/** An item to keep until its target confirms it. */
export interface OutboxItem {
  /** Identity across runs; a newer version of the same key replaces the older one. */
  key: string;
  itemId: string;
  agenda: string;
  label: string;
  /** The payload sent to the target. */
  payload: string;
}

/** A waiting item with its payload, ready to be sent. */
export interface QueuedItem extends OutboxEntry {
  key: string;
  payload: string;
}

/**
 * Writes the payloads to a new spool file in `dir`, then records the items in `state` (the caller
 * saves it). Returns the spool file's name.
 */
export async function stage(
  dir: string,
  state: State,
  connector: string,
  items: OutboxItem[],
  now: Date,
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  const spool = `${connector}-${fileStamp(now)}-${crypto.randomUUID().slice(0, 8)}.json`;
  const payloads = Object.fromEntries(items.map((item) => [item.key, item.payload]));
  await writeFileAtomic(join(dir, spool), JSON.stringify(payloads));
  for (const item of items) {
    const previous = state.outbox[item.key];
    state.outbox[item.key] = {
      connector,
      agenda: item.agenda,
      label: item.label,
      itemId: item.itemId,
      spool,
      // A new version gets a fresh chance: the source may have fixed what the target rejected.
      status: "pending",
      attempts: previous?.attempts ?? 0,
      queuedAt: previous?.queuedAt ?? now.toISOString(),
    };
  }
  return spool;
}

/**
 * The waiting items of `connector` with their payloads, reading each spool file once. An entry whose
 * payload is lost (a damaged or deleted spool file) is marked failed in `state`, with the way out, and
 * left out, so it cannot block the others.
 */
export async function queued(dir: string, state: State, connector: string): Promise<QueuedItem[]> {
  const spools = new Map<string, Record<string, string> | null>();
  const items: QueuedItem[] = [];
  for (const [key, entry] of Object.entries(state.outbox)) {
    if (entry.connector !== connector) continue;
    if (!spools.has(entry.spool)) spools.set(entry.spool, await readSpool(join(dir, entry.spool)));
    const payload = spools.get(entry.spool)?.[key];
    if (payload === undefined) {
      Object.assign(entry, {
        status: "failed",
        error:
          `its payload is lost (outbox/${entry.spool} is damaged or missing); it comes back when FLOWii ` +
          "sends the record again: spojka reset --cursor downloads everything",
      });
      continue;
    }
    items.push({ ...entry, key, payload });
  }
  return items;
}

/** Deletes spool files no entry refers to any more, and temporary files a crash left behind. */
export async function sweep(dir: string, state: State): Promise<void> {
  const inUse = new Set(Object.values(state.outbox).map((e) => e.spool));
  let names: string[];
  try {
    names = [...Deno.readDirSync(dir)].filter((e) => e.isFile).map((e) => e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  for (const name of names) {
    if ((name.endsWith(".json") && !inUse.has(name)) || name.endsWith(".tmp")) {
      await removeIfExists(join(dir, name));
    }
  }
}

async function readSpool(path: string): Promise<Record<string, string> | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return null;
  }
}
