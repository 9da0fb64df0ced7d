/** Timers that can all be cancelled at once, so that closing the server leaves nothing pending. */
export class Sleeper {
  readonly #timers = new Set<NodeJS.Timeout>();
  #cancelled = false;

  /** Resolves after `ms` milliseconds, or never once {@link Sleeper.cancelAll} has run. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#cancelled) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  /** Cancels every pending and future sleep; their promises stay pending forever. */
  cancelAll(): void {
    this.#cancelled = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
