/** Counters of shadow calls since the server started. */
export interface ShadowCounters {
  drawn: number;
  started: number;
  completed: number;
  failed: number;
  dropped: number;
}

/** A shadow call: resolves true when the shadow model answered, false when it failed. */
export type ShadowJob = () => Promise<boolean>;

/**
 * Runs shadow calls with their own concurrency limit and a bounded queue; a call that finds both
 * full is dropped and counted, so that shadows never pile up behind a slow candidate model.
 */
export class ShadowRunner {
  readonly counters: ShadowCounters = { drawn: 0, started: 0, completed: 0, failed: 0, dropped: 0 };
  private runningCount = 0;
  private readonly queue: ShadowJob[] = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: { maxConcurrent: number; maxQueued: number }) {}

  /** Shadow calls running now. */
  get running(): number {
    return this.runningCount;
  }

  /** Shadow calls waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs or queues a shadow call; false when it was dropped. */
  submit(job: ShadowJob): boolean {
    this.counters.drawn += 1;
    if (this.runningCount < this.options.maxConcurrent) {
      this.run(job);
      return true;
    }
    if (this.queue.length < this.options.maxQueued) {
      this.queue.push(job);
      return true;
    }
    this.counters.dropped += 1;
    return false;
  }

  /** Resolves when no shadow call runs or waits (or after `timeoutMs`). */
  idle(timeoutMs = 5_000): Promise<void> {
    if (this.runningCount === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs).unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private run(job: ShadowJob): void {
    this.runningCount += 1;
    this.counters.started += 1;
    const done = (ok: boolean) => {
      if (ok) this.counters.completed += 1;
      else this.counters.failed += 1;
      this.runningCount -= 1;
      const next = this.queue.shift();
      if (next !== undefined) this.run(next);
      else if (this.runningCount === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    };
    let started: Promise<boolean>;
    try {
      started = job();
    } catch {
      started = Promise.resolve(false);
    }
    started.then(done, () => done(false));
  }
}
