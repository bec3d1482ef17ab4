/**
 * The serialising queue in front of the emulated POHODA: mServer processes requests one at a time
 * ("several simultaneous requests are first serialised and then processed one by one").
 *
 * @module
 */

/** Runs jobs strictly one after another; can be held to emulate POHODA busy with something else. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #hold: PromiseWithResolvers<void> | undefined;

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#pending;
  }

  /** True while {@link hold} is in effect. */
  get held(): boolean {
    return this.#hold !== undefined;
  }

  /** Runs `job` after every earlier job has finished (and while the queue is not held). */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(async () => {
      while (this.#hold) await this.#hold.promise;
      return await job();
    }).finally(() => this.#pending--);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Stops starting new jobs (a running one finishes) until {@link release}. */
  hold(): void {
    this.#hold ??= Promise.withResolvers<void>();
  }

  /** Lets held jobs start again. */
  release(): void {
    this.#hold?.resolve();
    this.#hold = undefined;
  }
}
