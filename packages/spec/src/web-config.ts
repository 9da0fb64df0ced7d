import { z } from 'zod';

/** An IANA time zone name this runtime knows, such as `UTC` or `Europe/Berlin`. */
export const timeZoneSchema = z.string().min(1).max(100).refine((zone) => {
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not a time zone this runtime knows (use an IANA name such as UTC or Europe/Berlin)');

/** Settings of the daily review. */
export const reviewConfigSchema = z.strictObject({
  /** Local time of day (HH:MM) at which yesterday's sample is drawn into the queues. */
  sampleTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM').default('06:00'),
  /** The time zone that decides where a day starts, for sampling, rotation and coverage. */
  timeZone: timeZoneSchema.default('UTC'),
});
export type ReviewConfig = z.output<typeof reviewConfigSchema>;

/** Settings of the job runner that the server process runs. */
export const jobsConfigSchema = z.strictObject({
  /** False to run no scheduled or queued work in this process. */
  enabled: z.boolean().default(true),
  /** How often the runner looks for due work, in milliseconds. */
  pollIntervalMs: z.number().int().min(10).max(600_000).default(1000),
  /** How long a claimed job is held before another worker may take it over (renewed while it runs). */
  leaseMs: z.number().int().min(1000).max(86_400_000).default(120_000),
});
export type JobsConfig = z.output<typeof jobsConfigSchema>;

/** Settings of the web UI. */
export const webConfigSchema = z.strictObject({
  /** Folder of the built web app; the one built beside the server when absent. */
  directory: z.string().min(1).optional(),
  /** Print a one-time login link at start. */
  loginLink: z.boolean().default(true),
});
export type WebConfig = z.output<typeof webConfigSchema>;
