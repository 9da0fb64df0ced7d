import { toSpan } from '@genchi/core';
import { reviewerNameSchema, reviewItemChangeSchema, reviewItemQuerySchema } from '@genchi/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';

const idParams = z.object({ id: z.string().min(1).max(200) });
const undoBodySchema = z.strictObject({ reviewer: reviewerNameSchema.optional() });

const notFound = (id: string) => new HttpError(404, `no review item ${id}`, 'not_found_error', 'id');

/** `/v1/review/items…`: queue items, one item with its span, and the actions of the review screen (each saved at once). */
export function registerItemRoutes(app: FastifyInstance, context: AppContext): void {
  const { review, traces, scores } = context.storage;
  const itemId = (request: FastifyRequest) => parseInput(idParams, request.params, 'path').id;

  app.get('/v1/review/items', { config: { scope: 'read' } }, async (request) => {
    return review.listItems(projectOf(request), parseInput(reviewItemQuerySchema, request.query, 'query'));
  });

  app.get('/v1/review/items/:id', { config: { scope: 'read' } }, async (request) => {
    const projectId = projectOf(request);
    const item = await review.getItem(projectId, itemId(request));
    if (item === null) throw notFound(itemId(request));
    const record = await traces.getSpan(projectId, item.spanId);
    const span = record === null ? null : { ...toSpan(record), scores: await scores.scoresOfSpan(projectId, record.id) };
    return { item, span, failureModes: await review.listFailureModes(projectId, item.task) };
  });

  app.patch('/v1/review/items/:id', { config: { scope: 'read' } }, async (request) => {
    const projectId = projectOf(request);
    const change = parseInput(reviewItemChangeSchema, request.body ?? {}, 'body');
    const current = await review.getItem(projectId, itemId(request));
    if (current === null) throw notFound(itemId(request));
    if (change.failureModes !== undefined) {
      const known = new Set((await review.listFailureModes(projectId, current.task)).map((mode) => mode.id));
      const index = change.failureModes.findIndex((id) => !known.has(id));
      if (index >= 0) {
        throw new HttpError(400, `body.failureModes[${index}]: ${change.failureModes[index]} is not a failure mode of task ${current.task}`, 'invalid_request_error', `body.failureModes.${index}`);
      }
    }
    const updated = await review.updateItem(projectId, current.id, change, { actor: change.reviewer ?? null, now: context.clock.now() });
    if (updated === null) throw notFound(current.id);
    return updated;
  });

  app.post('/v1/review/items/:id/undo', { config: { scope: 'read' } }, async (request) => {
    const body = parseInput(undoBodySchema, request.body ?? {}, 'body');
    const result = await review.undoItem(projectOf(request), itemId(request), { actor: body.reviewer ?? null, now: context.clock.now() });
    if (result === null) throw notFound(itemId(request));
    return result;
  });

  app.get('/v1/review/items/:id/history', { config: { scope: 'read' } }, async (request) => {
    const projectId = projectOf(request);
    if ((await review.getItem(projectId, itemId(request))) === null) throw notFound(itemId(request));
    return { data: await review.itemHistory(projectId, itemId(request)) };
  });
}
