/**
 * Shoptet's front-door rules (OpenAPI "Rate limiting" and "Locks"): at most 3 open connections per
 * token (nginx `limit_conn`, 429 otherwise), and a lock per called URL while a write request is
 * processed (a second identical write meanwhile gets 423).
 *
 * @module
 */

/** "a maximum of 3 connections for a single token". */
export const MAX_CONNECTIONS_PER_TOKEN = 3;

/** What the guard has seen, for tests that must fail when the client misbehaves. */
export interface AdmissionCounters {
  /** Most requests of one token open at once, the refused one included. */
  maxConcurrent: number;
  /** Requests refused for too many open connections. */
  tooManyConnections: number;
  /** Writes refused because the same URL was still being written. */
  locked: number;
}

/** Tracks open requests per token and locked write URLs. */
export class Admission {
  readonly counters: AdmissionCounters = { maxConcurrent: 0, tooManyConnections: 0, locked: 0 };
  readonly #open = new Map<string, number>();
  readonly #locks = new Set<string>();

  /** Opens a connection for `token`; `false` (and nothing to close) when over the limit. */
  enter(token: string): boolean {
    const open = (this.#open.get(token) ?? 0) + 1;
    this.counters.maxConcurrent = Math.max(this.counters.maxConcurrent, open);
    if (open > MAX_CONNECTIONS_PER_TOKEN) {
      this.counters.tooManyConnections++;
      return false;
    }
    this.#open.set(token, open);
    return true;
  }

  /** Closes a connection opened by {@linkcode enter}. */
  leave(token: string): void {
    this.#open.set(token, this.#open.get(token)! - 1);
  }

  /** Takes the lock of a write URL; `false` when another write holds it. */
  lock(key: string): boolean {
    if (this.#locks.has(key)) {
      this.counters.locked++;
      return false;
    }
    this.#locks.add(key);
    return true;
  }

  /** Releases a lock taken by {@linkcode lock}. */
  unlock(key: string): void {
    this.#locks.delete(key);
  }
}
