import { addDays, dayOf, timeOnDay } from '@genchi/core';
import { dayKeySchema } from '@genchi/spec';
import { z } from 'zod';
import type { NewJob } from '../storage/job-store.js';
import { defineJobKind, type JobSchedule } from '../jobs/job-kind.js';
import { drawDailySample } from './draw-sample.js';

/** The kind name of the daily sampling job. */
export const reviewSampleKind = 'review-sample';

/** Draws a project's sample of one day into its queues (idempotent: a day is drawn once per task). */
export const reviewSampleJob = defineJobKind({
  kind: reviewSampleKind,
  payloadSchema: z.object({ projectId: z.string(), day: dayKeySchema }),
  maxAttempts: 3,
  retryDelayMs: 60_000,
  run: (context, payload) => drawDailySample(context, payload.projectId, payload.day),
});

/** Each day at the configured time, yesterday's sample falls due for every project with an enabled rule. */
export const dailyReviewSampleSchedule: JobSchedule = {
  id: 'daily-review-sample',
  async due(context, now) {
    const { sampleTime, timeZone } = context.config.review;
    const today = dayOf(now, timeZone);
    const at = timeOnDay(today, sampleTime, timeZone);
    if (now < at) return [];
    const yesterday = addDays(today, -1);
    const jobs: NewJob[] = [];
    for (const project of await context.storage.projects.listProjects()) {
      const rules = await context.storage.review.listRules(project.id);
      if (!rules.some((rule) => rule.enabled)) continue;
      jobs.push({ kind: reviewSampleKind, key: `${project.id}:${yesterday}`, projectId: project.id, payload: { projectId: project.id, day: yesterday }, runAt: at, maxAttempts: 3 });
    }
    return jobs;
  },
};
