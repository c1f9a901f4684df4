/**
 * Runs tasks one at a time per key, in arrival order; different keys run in parallel. A task
 * whose turn comes after its deadline is refused with `tooLate()` without running.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, deadline: number, now: () => number, tooLate: () => Error, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const mine = previous.then(
      () => (now() > deadline ? Promise.reject(tooLate()) : task()),
      () => (now() > deadline ? Promise.reject(tooLate()) : task()),
    );
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return mine;
  }

  /** How many keys have work queued or running. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
