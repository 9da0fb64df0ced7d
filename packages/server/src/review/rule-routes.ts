import { dayOf, addDays, onCallOn, samplingStrata } from '@genchi/core';
import { nameSchema, rotationInputSchema, samplingRuleInputSchema, sampleRequestSchema, type StratumInfo } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { drawDailySample } from './draw-sample.js';

const taskParams = z.object({ task: nameSchema });
const samplesQuery = z.strictObject({ task: nameSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(30) });

/** The strata a rule may name, as the API lists them. */
export const stratumInfos: StratumInfo[] = samplingStrata.map(({ id, label, description, defaultWeight }) => ({ id, label, description, defaultWeight }));

/** Refuses a rule that names an unknown stratum or gives every stratum weight zero. */
function checkStrata(strata: ReadonlyArray<{ stratum: string; weight: number }>): void {
  strata.forEach((entry, index) => {
    if (!samplingStrata.some((stratum) => stratum.id === entry.stratum)) {
      const known = samplingStrata.map((stratum) => stratum.id).join(', ');
      throw new HttpError(400, `body.strata[${index}].stratum: unknown stratum ${entry.stratum}; expected one of ${known}`, 'invalid_request_error', `body.strata.${index}.stratum`);
    }
  });
  if (!strata.some((entry) => entry.weight > 0)) throw new HttpError(400, 'body.strata: give at least one stratum a weight above zero', 'invalid_request_error', 'body.strata');
}

/** `/v1/review/strata`, `/rules`, `/rotation`, `/sample` and `/samples`: how the daily sample is drawn, and drawing it now. */
export function registerRuleRoutes(app: FastifyInstance, context: AppContext): void {
  const { review } = context.storage;

  app.get('/v1/review/strata', { config: { scope: 'read' } }, async () => ({ data: stratumInfos }));

  app.get('/v1/review/rules', { config: { scope: 'read' } }, async (request) => ({ data: await review.listRules(projectOf(request)) }));

  app.get('/v1/review/rules/:task', { config: { scope: 'read' } }, async (request) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const rule = await review.getRule(projectOf(request), task);
    if (rule === null) throw new HttpError(404, `task ${task} has no sampling rule`, 'not_found_error', 'task');
    return rule;
  });

  app.put('/v1/review/rules/:task', { config: { scope: 'admin' } }, async (request) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    const body = parseInput(samplingRuleInputSchema, request.body ?? {}, 'body');
    checkStrata(body.strata);
    return review.putRule(projectOf(request), { ...body, task }, context.clock.now());
  });

  app.delete('/v1/review/rules/:task', { config: { scope: 'admin' } }, async (request, reply) => {
    const { task } = parseInput(taskParams, request.params, 'path');
    if (!(await review.deleteRule(projectOf(request), task))) throw new HttpError(404, `task ${task} has no sampling rule`, 'not_found_error', 'task');
    return reply.code(204).send();
  });

  app.get('/v1/review/rotation', { config: { scope: 'read' } }, async (request) => {
    const rotation = await review.getRotation(projectOf(request));
    const today = dayOf(context.clock.now(), context.config.review.timeZone);
    return { rotation, onCall: onCallOn(rotation, today), timeZone: context.config.review.timeZone };
  });

  app.put('/v1/review/rotation', { config: { scope: 'admin' } }, async (request) => {
    const body = parseInput(rotationInputSchema, request.body ?? {}, 'body');
    return review.putRotation(projectOf(request), body, context.clock.now());
  });

  app.post('/v1/review/sample', { config: { scope: 'admin' } }, async (request) => {
    const body = parseInput(sampleRequestSchema, request.body ?? {}, 'body');
    const projectId = projectOf(request);
    const day = body.day ?? addDays(dayOf(context.clock.now(), context.config.review.timeZone), -1);
    if (body.task !== undefined && (await review.getRule(projectId, body.task)) === null) {
      throw new HttpError(404, `task ${body.task} has no sampling rule; create one with PUT /v1/review/rules/${body.task}`, 'not_found_error', 'body.task');
    }
    return { day, data: await drawDailySample(context, projectId, day, body.task) };
  });

  app.get('/v1/review/samples', { config: { scope: 'read' } }, async (request) => {
    const query = parseInput(samplesQuery, request.query, 'query');
    return { data: await review.listSamples(projectOf(request), query.task === undefined ? { limit: query.limit } : { task: query.task, limit: query.limit }) };
  });
}
