import { jobQuerySchema } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { parseInput } from '../http/parse-input.js';

/** `GET /v1/jobs`: the project's recent jobs (scheduled sampling and others), newest first. */
export function registerJobRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/v1/jobs', { config: { scope: 'admin' } }, async (request) => {
    const query = parseInput(jobQuerySchema, request.query, 'query');
    return { data: await context.storage.jobs.listJobs({ ...query, projectId: projectOf(request) }) };
  });
}
