import { eventQuerySchema } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { parseInput } from '../http/parse-input.js';

/** `GET /v1/events`: what genchi noticed (model changes, floating aliases, …), newest first, filtered by type, task and time. */
export function registerEventRoutes(app: FastifyInstance, { storage }: AppContext): void {
  app.get('/v1/events', { config: { scope: 'read' } }, async (request) => {
    const query = parseInput(eventQuerySchema, request.query, 'query');
    return storage.events.listEvents(projectOf(request), query);
  });
}
