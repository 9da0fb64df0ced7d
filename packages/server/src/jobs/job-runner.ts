import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from '@genchi/spec';
import type { AppContext } from '../app-context.js';
import type { NewJob } from '../storage/job-store.js';
import type { JobKind, JobSchedule } from './job-kind.js';

/** Settings of a job runner. */
export interface JobRunnerOptions {
  kinds: readonly JobKind[];
  schedules: readonly JobSchedule[];
  pollIntervalMs: number;
  leaseMs: number;
  /** Names this worker in leases; random when absent. */
  owner?: string;
  logger?: FastifyBaseLogger;
}

/**
 * Runs jobs stored as rows: enqueues what schedules say is due, claims due jobs under a lease,
 * renews the lease while a job runs, and stores its result or error. A job whose worker died is
 * claimed again once its lease lapses. Time comes from the context's clock; `tick()` runs one
 * round by hand (tests), `start()` runs rounds every poll interval.
 */
export class JobRunner {
  readonly owner: string;
  private readonly kinds: Map<string, JobKind>;
  private readonly enqueued = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly context: AppContext, private readonly options: JobRunnerOptions) {
    this.owner = options.owner ?? `worker-${randomBytes(4).toString('hex')}`;
    this.kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));
  }

  /** Starts polling (the timer does not keep the process alive). */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling and waits for the job in hand, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Enqueues a job of a registered kind (idempotent by kind and key). */
  async enqueue(job: Omit<NewJob, 'maxAttempts'> & { maxAttempts?: number }): Promise<{ job: Job; created: boolean }> {
    const kind = this.kinds.get(job.kind);
    if (kind === undefined) throw new Error(`no job kind ${job.kind}`);
    return this.context.storage.jobs.enqueue({ ...job, maxAttempts: job.maxAttempts ?? kind.maxAttempts }, this.context.clock.now());
  }

  /** One round: enqueue due scheduled work, then run due jobs until none is left; returns how many ran. */
  tick(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick()
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'job round failed'))
        .finally(() => this.schedule());
    }, this.options.pollIntervalMs);
    this.timer.unref();
  }

  private async round(): Promise<number> {
    await this.enqueueScheduled();
    let ran = 0;
    for (;;) {
      const job = await this.context.storage.jobs.claim({ owner: this.owner, now: this.context.clock.now(), leaseMs: this.options.leaseMs, kinds: [...this.kinds.keys()] });
      if (job === null) return ran;
      await this.runOne(job);
      ran++;
      if (this.stopped) return ran;
    }
  }

  private async enqueueScheduled(): Promise<void> {
    const now = this.context.clock.now();
    for (const schedule of this.options.schedules) {
      let due: NewJob[];
      try {
        due = await schedule.due(this.context, now);
      } catch (error) {
        this.options.logger?.error({ err: error }, `schedule ${schedule.id} failed`);
        continue;
      }
      for (const job of due) {
        const name = `${job.kind}\u0000${job.key}`;
        if (this.enqueued.has(name)) continue;
        await this.context.storage.jobs.enqueue(job, now);
        if (this.enqueued.size > 10_000) this.enqueued.clear();
        this.enqueued.add(name);
      }
    }
  }

  private async runOne(job: Job): Promise<void> {
    const kind = this.kinds.get(job.kind) as JobKind;
    const { jobs } = this.context.storage;
    const renewal = setInterval(() => {
      jobs.renew(job.id, this.owner, this.context.clock.now() + this.options.leaseMs).catch(() => undefined);
    }, Math.max(10, Math.floor(this.options.leaseMs / 3)));
    renewal.unref();
    try {
      const result = await kind.run(this.context, job);
      await jobs.complete(job.id, this.owner, result ?? null, this.context.clock.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = job.attempts < job.maxAttempts ? this.context.clock.now() + kind.retryDelayMs * job.attempts : null;
      this.options.logger?.warn(`job ${job.kind} ${job.key} failed (attempt ${job.attempts} of ${job.maxAttempts}): ${message}`);
      await jobs.fail(job.id, this.owner, message, this.context.clock.now(), retryAt);
    } finally {
      clearInterval(renewal);
    }
  }
}
