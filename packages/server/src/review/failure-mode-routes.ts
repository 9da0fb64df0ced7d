import { failureModeChangeSchema, failureModeInputSchema, nameSchema } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';

const idParams = z.object({ id: z.string().min(1).max(200) });
const listQuery = z.strictObject({ task: nameSchema.optional() });

/** `/v1/review/failure-modes…`: each task's taxonomy, grown from the review screen; a new definition is a new version. */
export function registerFailureModeRoutes(app: FastifyInstance, context: AppContext): void {
  const { review } = context.storage;

  app.get('/v1/review/failure-modes', { config: { scope: 'read' } }, async (request) => {
    const { task } = parseInput(listQuery, request.query, 'query');
    return { data: await review.listFailureModes(projectOf(request), task) };
  });

  app.post('/v1/review/failure-modes', { config: { scope: 'read' } }, async (request, reply) => {
    const body = parseInput(failureModeInputSchema, request.body ?? {}, 'body');
    return reply.code(201).send(await review.createFailureMode(projectOf(request), body, context.clock.now()));
  });

  app.patch('/v1/review/failure-modes/:id', { config: { scope: 'read' } }, async (request) => {
    const { id } = parseInput(idParams, request.params, 'path');
    const change = parseInput(failureModeChangeSchema, request.body ?? {}, 'body');
    const updated = await review.updateFailureMode(projectOf(request), id, change, context.clock.now());
    if (updated === null) throw new HttpError(404, `no failure mode ${id}`, 'not_found_error', 'id');
    return updated;
  });

  app.get('/v1/review/failure-modes/:id/versions', { config: { scope: 'read' } }, async (request) => {
    const { id } = parseInput(idParams, request.params, 'path');
    const projectId = projectOf(request);
    if ((await review.getFailureMode(projectId, id)) === null) throw new HttpError(404, `no failure mode ${id}`, 'not_found_error', 'id');
    return { data: await review.failureModeVersions(projectId, id) };
  });
}
