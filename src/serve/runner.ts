/**
 * Runs syncs on request, never two at once. Requests that arrive during a run are merged into one
 * run after it; a request with a delay (a debounced notification) joins an earlier one already due.
 *
 * @module
 */

import type { ConnectorId } from "../connectors/config.ts";

/** How one run ended: done, or the data folder's lock was held by another spojka (try later). */
export type RunOutcome = "done" | "locked";

/** When a run finds the lock held (a scheduled `spojka sync`), it is tried again this much later. */
export const LOCKED_RETRY_MS = 30_000;

/** Schedules and serialises runs. */
export class Runner {
  readonly #run: (ids: ConnectorId[]) => Promise<RunOutcome>;
  readonly #order: readonly ConnectorId[];
  readonly #onError: (error: unknown) => void;
  readonly #pending = new Set<ConnectorId>();
  #timer?: ReturnType<typeof setTimeout>;
  #dueAt = Infinity;
  #running?: Promise<void>;
  #stopped = false;

  /**
   * `run` does the work; `order` is the order connectors run in when several are due; `onError` hears
   * of a run that failed unexpectedly (the service goes on: the next request runs again).
   */
  constructor(
    run: (ids: ConnectorId[]) => Promise<RunOutcome>,
    order: readonly ConnectorId[],
    onError: (error: unknown) => void,
  ) {
    this.#run = run;
    this.#order = order;
    this.#onError = onError;
  }

  /** Asks for a run of `id` in `delayMs` (or sooner, if a run is already due sooner). */
  request(id: ConnectorId, delayMs = 0): void {
    if (this.#stopped) return;
    this.#pending.add(id);
    this.#schedule(delayMs);
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /** Connectors waiting for their run. */
  get pending(): ConnectorId[] {
    return this.#order.filter((id) => this.#pending.has(id));
  }

  /** Stops scheduling and waits for the run in progress to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    const due = Date.now() + delayMs;
    if (this.#timer !== undefined && this.#dueAt <= due) return;
    clearTimeout(this.#timer);
    this.#dueAt = due;
    this.#timer = setTimeout(() => this.#fire(), delayMs);
  }

  #fire(): void {
    this.#timer = undefined;
    this.#dueAt = Infinity;
    if (this.#running || this.#stopped) return; // the run in progress picks the request up when it ends
    const ids = this.pending;
    this.#pending.clear();
    this.#running = this.#run(ids)
      .then((outcome) => {
        if (outcome !== "locked") return;
        for (const id of ids) this.#pending.add(id);
        this.#schedule(LOCKED_RETRY_MS);
      })
      .catch(this.#onError)
      .finally(() => {
        this.#running = undefined;
        if (this.#pending.size > 0 && this.#timer === undefined) this.#schedule(0);
      });
  }
}
