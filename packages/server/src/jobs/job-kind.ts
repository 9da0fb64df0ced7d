import type { Job } from '@genchi/spec';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { NewJob } from '../storage/job-store.js';

/** One kind of job, as data: its name, how often it may be tried, and what running one does. */
export interface JobKind {
  kind: string;
  maxAttempts: number;
  /** Delay before a retry, multiplied by the attempt number. */
  retryDelayMs: number;
  /** Runs a claimed job; what it resolves to is stored as the job's result. Must be idempotent: a job may run twice. */
  run(context: AppContext, job: Job): Promise<unknown>;
}

/** Declares a job kind whose payload a schema checks before it runs. */
export function defineJobKind<Payload>(definition: {
  kind: string;
  payloadSchema: z.ZodType<Payload>;
  maxAttempts?: number;
  retryDelayMs?: number;
  run(context: AppContext, payload: Payload, job: Job): Promise<unknown>;
}): JobKind {
  return {
    kind: definition.kind,
    maxAttempts: definition.maxAttempts ?? 3,
    retryDelayMs: definition.retryDelayMs ?? 30_000,
    run: (context, job) => definition.run(context, definition.payloadSchema.parse(job.payload), job),
  };
}

/** Work that falls due by the clock: which jobs should exist at an instant (enqueued idempotently by key). */
export interface JobSchedule {
  id: string;
  due(context: AppContext, now: number): Promise<NewJob[]>;
}
