import { addDays, dayOf, dayWindow, onCallOn, summarizeCoverage } from '@genchi/core';
import { nameSchema, type ReviewCoverage, type ReviewQueue } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { parseInput } from '../http/parse-input.js';

const coverageQuery = z.strictObject({ task: nameSchema.optional(), days: z.coerce.number().int().min(1).max(366).default(14) });

/** `GET /v1/review/queues` (whose day it is, how far they are, each task's queue) and `GET /v1/review/coverage`. */
export function registerQueueRoutes(app: FastifyInstance, context: AppContext): void {
  const { review } = context.storage;
  const today = () => dayOf(context.clock.now(), context.config.review.timeZone);

  app.get('/v1/review/queues', { config: { scope: 'read' } }, async (request) => {
    const projectId = projectOf(request);
    const [rules, queues, rotation] = await Promise.all([review.listRules(projectId), review.queues(projectId), review.getRotation(projectId)]);
    const onCall = onCallOn(rotation, today());
    const tasks = [...new Set([...rules.map((rule) => rule.task), ...queues.map((queue) => queue.task)])].sort();
    const data: ReviewQueue[] = tasks.map((task) => {
      const queue = queues.find((entry) => entry.task === task);
      const rule = rules.find((entry) => entry.task === task) ?? null;
      return queue ? { ...queue, rule } : { task, rule, latestDay: null, today: { total: 0, reviewed: 0, failed: 0, assignedTo: null }, waiting: 0, stale: 0 };
    });
    const mine = data.filter((queue) => onCall.reviewer !== null && queue.today.assignedTo === onCall.reviewer);
    const progress = { reviewer: onCall.reviewer, reviewed: mine.reduce((sum, queue) => sum + queue.today.reviewed, 0), total: mine.reduce((sum, queue) => sum + queue.today.total, 0) };
    return { today: today(), timeZone: context.config.review.timeZone, onCall, progress, data };
  });

  app.get('/v1/review/coverage', { config: { scope: 'read' } }, async (request): Promise<ReviewCoverage> => {
    const query = parseInput(coverageQuery, request.query, 'query');
    const projectId = projectOf(request);
    const zone = context.config.review.timeZone;
    const day = today();
    const first = addDays(day, -Math.max(query.days, 7) + 1);
    const window = { from: dayWindow(first, zone).from, to: dayWindow(day, zone).to };
    const activity = await review.reviewActivity(projectId, query.task === undefined ? window : { ...window, task: query.task });
    const summary = summarizeCoverage(activity, day, query.days, zone);
    const queues = (await review.queues(projectId)).filter((queue) => query.task === undefined || queue.task === query.task);
    const modes = await review.listFailureModes(projectId, query.task);
    return {
      today: day,
      reviewedToday: summary.reviewedToday,
      reviewedThisWeek: summary.reviewedThisWeek,
      waiting: queues.reduce((sum, queue) => sum + queue.waiting, 0),
      stale: queues.reduce((sum, queue) => sum + queue.stale, 0),
      days: summary.days,
      modes: modes.map((mode) => ({ id: mode.id, name: mode.name, version: mode.version, task: mode.task })),
    };
  });
}
