import { checkRunRequestSchema, nameSchema, onlineRuleInputSchema, suggestRequestSchema } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { runCheckReport } from './run-report.js';
import { suggestCriteria } from './suggest-criteria.js';

const taskParams = z.object({ task: nameSchema });

/** `/v1/checks/online-rules…`, `/v1/checks/run` and `/v1/checks/suggest`: online evaluation, CI reports and bootstrapping. */
export function registerOnlineRuleRoutes(app: FastifyInstance, context: AppContext): void {
  const { checks } = context.storage;

  app.get('/v1/checks/online-rules', { config: { scope: 'read' } }, async (request) => ({
    data: (await checks.listOnlineRules(projectOf(request))).map((state) => state.rule),
  }));

  app.get('/v1/checks/online-rules/:task', { config: { scope: 'read' } }, async (request) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const state = await checks.getOnlineRule(projectOf(request), task);
    if (state === null) throw new HttpError(404, `task ${task} has no online rule`, 'not_found_error', 'task');
    return state.rule;
  });

  // A new rule evaluates what arrives from now on; `genchi check` covers what is already stored.
  app.put('/v1/checks/online-rules/:task', { config: { scope: 'read' } }, async (request) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const body = parseInput(onlineRuleInputSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    const known = new Set((await checks.listChecks(projectId, { task })).map((check) => check.id));
    const unknown = body.checkIds.findIndex((id) => !known.has(id));
    if (unknown !== -1) throw new HttpError(400, `task ${task} has no check ${body.checkIds[unknown]}`, 'invalid_request_error', `checkIds.${unknown}`);
    return checks.putOnlineRule(projectId, { ...body, task }, await checks.latestSpanPosition(projectId), context.clock.now());
  });

  app.delete('/v1/checks/online-rules/:task', { config: { scope: 'read' } }, async (request, reply) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    if (!(await checks.deleteOnlineRule(projectOf(request), task))) throw new HttpError(404, `task ${task} has no online rule`, 'not_found_error', 'task');
    return reply.code(204).send();
  });

  app.post('/v1/checks/run', { config: { scope: 'read' } }, async (request) => {
    return runCheckReport(context, projectOf(request), parseInput(checkRunRequestSchema, request.body ?? {}, 'body'));
  });

  app.post('/v1/checks/suggest', { config: { scope: 'read' } }, async (request) => {
    return { data: await suggestCriteria(context, projectOf(request), parseInput(suggestRequestSchema, request.body ?? {}, 'body')) };
  });
}
