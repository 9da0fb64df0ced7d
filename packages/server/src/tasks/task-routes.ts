import { fitLatency } from '@genchi/core';
import { nameSchema, taskQuerySchema, type EnvironmentCounts, type TaskDetail, type TaskEnvironments, type TaskLatency, type TaskQuery } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import type { TaskStatsRow } from '../storage/span-analytics.js';
import { feedbackByTask, noFeedback, taskStatsOf } from './task-figures.js';

const taskParams = z.object({ task: nameSchema });
const latencyQuerySchema = taskQuerySchema.omit({ bucket: true }).extend({ limit: z.coerce.number().int().min(10).max(10_000).default(1500) });
const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;
/** Spans the latency fit reads at most. */
const fitLimit = 100_000;

/** The window of a query: the last 7 days unless named. */
function windowOf(query: Pick<TaskQuery, 'from' | 'to'>, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  const from = query.from ?? to - 7 * bucketMs.day;
  if (from >= to) throw new HttpError(400, 'query.from: must be before query.to', 'invalid_request_error', 'query.from');
  return { from, to };
}

/** Every bucket of the window in order, those without spans as empty rows, so that charts span the whole window. */
function fillBuckets(rows: readonly TaskStatsRow[], window: { from: number; to: number }, width: number, task: string): TaskStatsRow[] {
  const byStart = new Map(rows.map((row) => [row.bucketStart, row]));
  const filled: TaskStatsRow[] = [];
  for (let start = Math.floor(window.from / width) * width; start < window.to; start += width) {
    filled.push(byStart.get(start) ?? { task, bucketStart: start, count: 0, errorCount: 0, latencyP50Ms: null, latencyP95Ms: null, ttftP50Ms: null, inputTokens: 0, outputTokens: 0, costUsd: 0, pricedCount: 0 });
  }
  return filled;
}

/** The environment a task query names (none: the store's default, the application's traffic) and its span kind. */
const environmentOf = (query: TaskQuery) => (query.environment === undefined ? {} : { environment: query.environment });
const filtersOf = (query: TaskQuery) => ({ kind: query.kind, ...environmentOf(query) });
const environmentQuerySchema = taskQuerySchema.omit({ bucket: true, environment: true });

/** `GET /v1/tasks`, `/v1/tasks/:task`, `/latency` and `/environments`, and `GET /v1/environments`: each task's volume, errors, latency, cost, feedback and environments. */
export function registerTaskRoutes(app: FastifyInstance, context: AppContext): void {
  const { traces } = context.storage;

  app.get('/v1/tasks', { config: { scope: 'read' } }, async (request) => {
    const query = parseInput(taskQuerySchema, request.query, 'query');
    const projectId = projectOf(request);
    const window = windowOf(query, context.clock.now());
    const [rows, feedback] = await Promise.all([traces.taskStats(projectId, { ...window, ...filtersOf(query), bucketMs: null }), feedbackByTask(context, projectId, { ...window, ...environmentOf(query) })]);
    const data = rows.map((row) => ({ task: row.task, ...taskStatsOf(row, feedback.get(row.task) ?? noFeedback()) }));
    return { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), data };
  });

  app.get('/v1/tasks/:task', { config: { scope: 'read' } }, async (request): Promise<TaskDetail> => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const query = parseInput(taskQuerySchema, request.query, 'query');
    const projectId = projectOf(request);
    const window = windowOf(query, context.clock.now());
    const bucket = query.bucket ?? (window.to - window.from <= 2 * bucketMs.day ? 'hour' : 'day');
    const filters = { ...window, ...filtersOf(query), task };
    const [[total], series, feedback, bucketFeedback] = await Promise.all([
      traces.taskStats(projectId, { ...filters, bucketMs: null }),
      traces.taskStats(projectId, { ...filters, bucketMs: bucketMs[bucket] }),
      feedbackByTask(context, projectId, { ...window, ...environmentOf(query), task }),
      feedbackByTask(context, projectId, { ...window, ...environmentOf(query), task, bucketMs: bucketMs[bucket] }),
    ]);
    if (total === undefined) throw new HttpError(404, `no ${query.kind} spans of task ${task} in this window`, 'not_found_error', 'task');
    return {
      task,
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      bucket,
      summary: taskStatsOf(total, feedback.get(task) ?? noFeedback()),
      series: fillBuckets(series, window, bucketMs[bucket], task).map((row: TaskStatsRow) => ({
        bucketStart: new Date(row.bucketStart ?? 0).toISOString(),
        ...taskStatsOf(row, bucketFeedback.get(`${task}:${row.bucketStart}`) ?? noFeedback()),
      })),
    };
  });

  app.get('/v1/tasks/:task/environments', { config: { scope: 'read' } }, async (request): Promise<TaskEnvironments> => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const query = parseInput(environmentQuerySchema, request.query, 'query');
    const window = windowOf(query, context.clock.now());
    const data = await traces.environmentCounts(projectOf(request), { ...window, task, kind: query.kind });
    return { task, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), data };
  });

  app.get('/v1/environments', { config: { scope: 'read' } }, async (request): Promise<EnvironmentCounts> => {
    const query = parseInput(environmentQuerySchema, request.query, 'query');
    const window = windowOf(query, context.clock.now());
    const data = await traces.environmentCounts(projectOf(request), { ...window, kind: query.kind });
    return { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), data };
  });

  app.get('/v1/tasks/:task/latency', { config: { scope: 'read' } }, async (request): Promise<TaskLatency> => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const query = parseInput(latencyQuerySchema, request.query, 'query');
    const window = windowOf(query, context.clock.now());
    const digests = await traces.spanDigests(projectOf(request), { ...window, ...filtersOf(query), task, limit: fitLimit });
    const points = digests.flatMap((digest) =>
      digest.outputTokens === null || digest.latencyMs === null ? [] : [{ spanId: digest.id, outputTokens: digest.outputTokens, latencyMs: digest.latencyMs, model: digest.model }],
    );
    const models = [...new Set(points.map((point) => point.model))].sort();
    const stride = Math.max(1, Math.ceil(points.length / query.limit));
    return {
      task,
      points: points.filter((_, index) => index % stride === 0),
      total: points.length,
      fit: fitLatency(points),
      byModel: models.map((model) => ({ model, fit: fitLatency(points.filter((point) => point.model === model)) })),
    };
  });
}
