import { describeAssertionTypes } from '@genchi/core';
import { checkChangeSchema, checkInputSchema, checkPreviewSchema, nameSchema, recordIdSchema } from '@genchi/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { alignmentItemLimit, compileOrRefuse, previewAlignment } from './alignment-service.js';

const idParams = z.object({ id: z.string().min(1).max(200) });
const listQuery = z.strictObject({ task: nameSchema.optional(), criterionId: recordIdSchema.optional() });

/** `/v1/checks/assertion-types`, `/v1/checks/assertions…` and `/v1/checks/preview`: the registry, saved checks and their alignment. */
export function registerAssertionRoutes(app: FastifyInstance, context: AppContext): void {
  const { checks } = context.storage;
  const types = describeAssertionTypes();
  const checkOf = async (request: FastifyRequest) => {
    const { id } = parseInput(idParams, request.params, 'path');
    const check = await checks.getCheck(projectOf(request), id);
    if (check === null) throw new HttpError(404, `no check ${id}`, 'not_found_error', 'id');
    return check;
  };
  const criterionOrRefuse = async (projectId: string, criterionId: string | null | undefined, task: string) => {
    if (criterionId === undefined || criterionId === null) return null;
    const criterion = await checks.getCriterion(projectId, criterionId);
    if (criterion === null || criterion.task !== task) throw new HttpError(400, `task ${task} has no criterion ${criterionId}`, 'invalid_request_error', 'criterionId');
    return criterion;
  };

  app.get('/v1/checks/assertion-types', { config: { scope: 'read' } }, async () => ({ data: types }));

  app.get('/v1/checks/assertions', { config: { scope: 'read' } }, async (request) => {
    const filter = parseInput(listQuery, request.query, 'query');
    return { data: await checks.listChecks(projectOf(request), { ...(filter.task === undefined ? {} : { task: filter.task }), ...(filter.criterionId === undefined ? {} : { criterionId: filter.criterionId }) }) };
  });

  app.post('/v1/checks/assertions', { config: { scope: 'read' } }, async (request, reply) => {
    const body = parseInput(checkInputSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    compileOrRefuse(body.assertion);
    await criterionOrRefuse(projectId, body.criterionId, body.task);
    const check = await checks.createCheck(projectId, { task: body.task, criterionId: body.criterionId ?? null, name: body.name, assertion: body.assertion, enabled: body.enabled, gate: body.gate ?? null }, context.clock.now());
    return reply.code(201).send(check);
  });

  app.get('/v1/checks/assertions/:id', { config: { scope: 'read' } }, async (request) => checkOf(request));

  app.patch('/v1/checks/assertions/:id', { config: { scope: 'read' } }, async (request) => {
    const current = await checkOf(request);
    const change = parseInput(checkChangeSchema, request.body ?? {}, 'body');
    if (change.assertion !== undefined) compileOrRefuse(change.assertion);
    await criterionOrRefuse(projectOf(request), change.criterionId, current.task);
    return checks.updateCheck(projectOf(request), current.id, change, context.clock.now());
  });

  app.delete('/v1/checks/assertions/:id', { config: { scope: 'read' } }, async (request, reply) => {
    const check = await checkOf(request);
    await checks.deleteCheck(projectOf(request), check.id);
    return reply.code(204).send();
  });

  app.get('/v1/checks/assertions/:id/alignment', { config: { scope: 'read' } }, async (request) => {
    const check = await checkOf(request);
    const projectId = projectOf(request);
    const criterion = await checks.getCriterion(projectId, check.criterionId ?? '');
    return previewAlignment(context, projectId, { task: check.task, assertion: check.assertion, criterion, limit: alignmentItemLimit });
  });

  app.post('/v1/checks/preview', { config: { scope: 'read' } }, async (request) => {
    const body = parseInput(checkPreviewSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    const criterion = await criterionOrRefuse(projectId, body.criterionId, body.task);
    return previewAlignment(context, projectId, { task: body.task, assertion: body.assertion, criterion, limit: body.limit });
  });
}
