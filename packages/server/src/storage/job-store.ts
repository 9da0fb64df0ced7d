import type { Job, JobStatus } from '@genchi/spec';

/** A job to enqueue. */
export interface NewJob {
  kind: string;
  /** With `kind`, names the job: enqueuing the same kind and key again returns the stored job. */
  key: string;
  projectId: string | null;
  payload: unknown;
  runAt: number;
  maxAttempts: number;
}

/** Jobs as rows: enqueued once by key, claimed under a lease, finished or failed by their holder. */
export interface JobStore {
  /** Stores a job unless one of the same kind and key exists; answers the stored one either way. */
  enqueue(job: NewJob, now: number): Promise<{ job: Job; created: boolean }>;
  /**
   * Claims the earliest due job of the given kinds: queued and due, or running with a lapsed lease.
   * A lapsed job that has used up its attempts is marked failed instead.
   */
  claim(options: { owner: string; now: number; leaseMs: number; kinds: readonly string[] }): Promise<Job | null>;
  /** Extends the lease of a job its owner still holds; false when the lease was lost. */
  renew(id: string, owner: string, leaseUntil: number): Promise<boolean>;
  /** Marks a held job done with its result; false when the lease was lost. */
  complete(id: string, owner: string, result: unknown, now: number): Promise<boolean>;
  /** Records a failure: queued again at `retryAt`, or failed for good when null; false when the lease was lost. */
  fail(id: string, owner: string, error: string, now: number, retryAt: number | null): Promise<boolean>;
  /** One job, or null. */
  getJob(id: string): Promise<Job | null>;
  /** Recent jobs, newest first. */
  listJobs(query: { projectId?: string | undefined; kind?: string | undefined; status?: JobStatus | undefined; limit: number }): Promise<Job[]>;
}
