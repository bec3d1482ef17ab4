/**
 * A worker that runs a batch of in-process schedules side by side and sends each outcome back. The
 * suite gives every batch a fresh worker: what a process keeps for its lifetime (the secrets it
 * learnt, for one) then lasts a batch of runs, not thousands, and two workers use two cores.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import type { Outcome } from "./outcome.ts";
import { runSchedule } from "./schedules.ts";

/** What the suite asks of a worker. */
export interface Batch {
  ids: string[];
  /** Schedules at once. */
  lanes: number;
}

/** What a worker says: that it is ready for its batch, each outcome as it comes, then `done`. */
export type Report = { ready: true } | { outcome: Outcome } | { done: true };

self.onmessage = async (event: MessageEvent<Batch>) => {
  const queue = [...event.data.ids];
  await Promise.all(Array.from({ length: event.data.lanes }, async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      self.postMessage({ outcome: await runSchedule(id) } satisfies Report);
    }
  }));
  self.postMessage({ done: true } satisfies Report);
};

// A message that arrives while the modules load is lost, so the suite waits for this.
self.postMessage({ ready: true } satisfies Report);
