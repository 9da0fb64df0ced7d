import { criterionChangeSchema, criterionInputSchema, nameSchema, recordIdSchema } from '@genchi/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { criterionAlignment } from './alignment-service.js';

const idParams = z.object({ id: z.string().min(1).max(200) });
const listQuery = z.strictObject({ task: nameSchema.optional() });
const fromModeSchema = z.strictObject({ failureModeId: recordIdSchema });

/** `/v1/checks/criteria…`: what is judged per task, named and versioned; a failure mode becomes one in one step. */
export function registerCriteriaRoutes(app: FastifyInstance, context: AppContext): void {
  const { checks, review } = context.storage;
  const criterionOf = async (request: FastifyRequest) => {
    const { id } = parseInput(idParams, request.params, 'path');
    const criterion = await checks.getCriterion(projectOf(request), id);
    if (criterion === null) throw new HttpError(404, `no criterion ${id}`, 'not_found_error', 'id');
    return criterion;
  };

  app.get('/v1/checks/criteria', { config: { scope: 'read' } }, async (request) => {
    const { task } = parseInput(listQuery, request.query, 'query');
    return { data: await checks.listCriteria(projectOf(request), task) };
  });

  app.post('/v1/checks/criteria', { config: { scope: 'read' } }, async (request, reply) => {
    const body = parseInput(criterionInputSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    if (body.failureModeId !== undefined && (await review.getFailureMode(projectId, body.failureModeId)) === null) {
      throw new HttpError(400, `no failure mode ${body.failureModeId}`, 'invalid_request_error', 'failureModeId');
    }
    const criterion = await checks.createCriterion(projectId, { task: body.task, name: body.name, definition: body.definition, failureModeId: body.failureModeId ?? null }, context.clock.now());
    return reply.code(201).send(criterion);
  });

  app.post('/v1/checks/criteria/from-failure-mode', { config: { scope: 'read' } }, async (request, reply) => {
    const { failureModeId } = parseInput(fromModeSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    const mode = await review.getFailureMode(projectId, failureModeId);
    if (mode === null) throw new HttpError(404, `no failure mode ${failureModeId}`, 'not_found_error', 'failureModeId');
    const criterion = await checks.createCriterion(projectId, { task: mode.task, name: mode.name, definition: mode.definition, failureModeId: mode.id }, context.clock.now());
    return reply.code(201).send(criterion);
  });

  app.get('/v1/checks/criteria/:id', { config: { scope: 'read' } }, async (request) => criterionOf(request));

  app.patch('/v1/checks/criteria/:id', { config: { scope: 'read' } }, async (request) => {
    const current = await criterionOf(request);
    const change = parseInput(criterionChangeSchema, request.body ?? {}, 'body');
    return checks.updateCriterion(projectOf(request), current.id, change, context.clock.now());
  });

  app.get('/v1/checks/criteria/:id/versions', { config: { scope: 'read' } }, async (request) => {
    const criterion = await criterionOf(request);
    return { data: await checks.criterionVersions(projectOf(request), criterion.id) };
  });

  app.get('/v1/checks/criteria/:id/alignment', { config: { scope: 'read' } }, async (request) => criterionAlignment(context, projectOf(request), await criterionOf(request)));
}
