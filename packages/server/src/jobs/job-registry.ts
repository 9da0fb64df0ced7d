import { onlineEvalJob, onlineEvalSchedule } from '../checks/online-eval-job.js';
import { dailyReviewSampleSchedule, reviewSampleJob } from '../review/review-sample-job.js';
import type { JobKind, JobSchedule } from './job-kind.js';

/** Every kind of job the server runs; a feature adds its kinds here (the assertions issue adds online evaluation). */
export const jobKinds: readonly JobKind[] = [reviewSampleJob, onlineEvalJob];

/** Every schedule that enqueues jobs as time passes. */
export const jobSchedules: readonly JobSchedule[] = [dailyReviewSampleSchedule, onlineEvalSchedule];
