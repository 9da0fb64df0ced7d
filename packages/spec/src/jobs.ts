import { z } from 'zod';

/** States of a job: queued (waiting to run), running (claimed under a lease), done, failed (attempts used up). */
export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A unit of scheduled or queued work, as `GET /v1/jobs` lists it. */
export interface Job {
  id: string;
  kind: string;
  /** Enqueuing a job with the kind and key of a stored one returns the stored one. */
  key: string;
  projectId: string | null;
  payload: unknown;
  status: JobStatus;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  result: unknown;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Filters of `GET /v1/jobs`. */
export const jobQuerySchema = z.strictObject({
  kind: z.string().max(100).optional(),
  status: z.enum(jobStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type JobQuery = z.output<typeof jobQuerySchema>;
