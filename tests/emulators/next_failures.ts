/**
 * The `failNext(count, …)` switch of the HTTP emulators: a fault armed for the next few requests
 * that reach the point where the emulator asks for it.
 *
 * @module
 */

/** A fault for the next `count` requests; arming again replaces what was left. */
export class NextFailures<F> {
  #remaining = 0;
  #fault: F | undefined;

  /** Makes the next `count` requests get `fault`. */
  arm(count: number, fault: F): void {
    this.#remaining = count;
    this.#fault = fault;
  }

  /** The fault for the current request, used up, or `undefined` when none is left. */
  take(): F | undefined {
    if (this.#remaining <= 0) return undefined;
    this.#remaining--;
    return this.#fault;
  }
}
