import { buildTraceTree, toSpan, toSpanRow } from '@genchi/core';
import { metricsQuerySchema, spanQuerySchema } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';

/** `GET /v1/spans`, `/v1/spans/:id`, `/v1/traces/:traceId` and `/v1/metrics`. */
export function registerQueryRoutes(app: FastifyInstance, { storage }: AppContext): void {
  app.get('/v1/spans', { config: { scope: 'read' } }, async (request) => {
    const query = parseInput(spanQuerySchema, request.query, 'query');
    return storage.traces.listSpans(projectOf(request), query);
  });

  app.get<{ Params: { id: string } }>('/v1/spans/:id', { config: { scope: 'read' } }, async (request) => {
    const projectId = projectOf(request);
    const record = await storage.traces.getSpan(projectId, request.params.id);
    if (record === null) throw new HttpError(404, `no span ${request.params.id}`, 'not_found_error', 'id');
    const [scores, feedback] = await Promise.all([storage.scores.scoresOfSpan(projectId, record.id), storage.feedback.feedbackOfSpan(projectId, record.id)]);
    return { ...toSpan(record), scores, feedback };
  });

  app.get<{ Params: { traceId: string } }>('/v1/traces/:traceId', { config: { scope: 'read' } }, async (request) => {
    const records = await storage.traces.getTrace(projectOf(request), request.params.traceId);
    if (records.length === 0) throw new HttpError(404, `no trace ${request.params.traceId}`, 'not_found_error', 'traceId');
    return { traceId: request.params.traceId, spanCount: records.length, roots: buildTraceTree(records.map(toSpanRow)) };
  });

  app.get('/v1/metrics', { config: { scope: 'read' } }, async (request) => {
    const query = parseInput(metricsQuerySchema, request.query, 'query');
    return { data: await storage.traces.metrics(projectOf(request), query) };
  });
}
