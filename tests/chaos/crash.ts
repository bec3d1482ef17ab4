/**
 * Crashes inside the process: a run driven in process is abandoned at a chosen point as if its
 * process had died, and the next run opens the state from disk as a restarted program would.
 *
 * A run is driven inside {@linkcode CrashSwitch.run}, which marks everything it does (through
 * `AsyncLocalStorage`), so runs of other schedules in the same process go on undisturbed. At the
 * chosen state write (a transaction, just before it begins or just after it commits), or when the
 * harness pulls the plug (a fault proxy saw the k-th request), the run is dead: from then on every
 * use of its state database throws {@linkcode Crash} and every request it starts fails at once, so
 * nothing it still does on its way out reaches the disk or a service. The schedule cuts its open
 * connections, as the OS closes a killed process's sockets.
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { StateDb } from "../../src/state/db.ts";

/** Thrown inside a run that has "died"; spojka never takes it for one of its own errors. */
export class Crash extends Error {
  constructor(where: string) {
    super(`simulated crash ${where}`);
    this.name = "Crash";
  }
}

/** Where a run dies on its own: at its `write`-th state transaction, before it begins or after it commits. */
export interface WriteCrash {
  write: number;
  when: "before" | "after";
}

/** The life of one in-process run. */
export class CrashSwitch {
  #writes = 0;
  #depth = 0;
  #dead: string | undefined;
  readonly #at: WriteCrash | undefined;
  readonly #onDeath: () => void;

  /** A run that dies where `at` says, if anywhere; `onDeath` runs once, when it dies (to cut its connections). */
  constructor(at: WriteCrash | undefined, onDeath: () => void) {
    this.#at = at;
    this.#onDeath = onDeath;
  }

  /** Where the run died, if it did. */
  get dead(): string | undefined {
    return this.#dead;
  }

  /** State transactions begun so far. */
  get writes(): number {
    return this.#writes;
  }

  /** The run dies now. */
  kill(where: string): void {
    if (this.#dead) return;
    this.#dead = where;
    this.#onDeath();
  }

  /** Runs `work` as this run: its state writes and requests are watched. */
  run<T>(work: () => Promise<T>): Promise<T> {
    install();
    return current.run(this, work);
  }

  /** Throws once the run is dead. */
  check(): void {
    if (this.#dead) throw new Crash(this.#dead);
  }

  /** Runs one transaction of the run's state database, dying where the plan says. */
  transaction<T>(commit: () => T): T {
    this.check();
    if (this.#depth > 0) return commit(); // joins the outer transaction
    const write = ++this.#writes;
    const dieHere = (when: WriteCrash["when"]) => {
      if (this.#at?.write !== write || this.#at.when !== when) return;
      this.kill(`${when} state write ${write}`);
      this.check();
    };
    dieHere("before");
    this.#depth++;
    let result: T;
    try {
      result = commit();
    } finally {
      this.#depth--;
    }
    dieHere("after");
    return result;
  }
}

const current = new AsyncLocalStorage<CrashSwitch>();
let installed = false;

/**
 * Puts the watch into `StateDb` and `fetch` for the rest of the process, once. Outside a watched
 * run both behave as ever.
 */
function install(): void {
  if (installed) return;
  installed = true;
  const { transaction, statement } = StateDb.prototype;
  StateDb.prototype.transaction = function <T>(this: StateDb, body: () => T): T {
    const run = current.getStore();
    return run ? run.transaction(() => transaction.call(this, body) as T) : transaction.call(this, body) as T;
  };
  StateDb.prototype.statement = function (this: StateDb, sql: string) {
    current.getStore()?.check();
    return statement.call(this, sql);
  };
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const dead = current.getStore()?.dead;
    // What a dead process's retry loop would have sent never leaves it.
    if (dead) return Promise.reject(new TypeError(`simulated crash ${dead}: the process is gone`));
    return realFetch(input, init);
  };
}
