import { apiKeyScopes } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { createApiKey } from './create-api-key.js';

const createKeyBodySchema = z.strictObject({
  name: z.string().min(1).max(100).default('api'),
  scopes: z.array(z.enum(apiKeyScopes)).min(1),
});

/** `GET /v1/whoami` and the key management of a project (`/v1/keys`, admin scope). */
export function registerKeyRoutes(app: FastifyInstance, { storage, keys }: AppContext): void {
  app.get('/v1/whoami', { config: { scope: 'any' } }, async (request) => ({ project: request.grant?.project, scopes: request.grant?.scopes }));

  app.get('/v1/keys', { config: { scope: 'admin' } }, async (request) => ({ data: await storage.projects.listKeys(projectOf(request)) }));

  app.post('/v1/keys', { config: { scope: 'admin' } }, async (request, reply) => {
    const body = parseInput(createKeyBodySchema, request.body ?? {}, 'body');
    const created = await createApiKey(storage.projects, projectOf(request), body);
    return reply.code(201).send(created);
  });

  app.delete<{ Params: { id: string } }>('/v1/keys/:id', { config: { scope: 'admin' } }, async (request, reply) => {
    if (request.grant?.keyId === request.params.id) throw new HttpError(409, 'a key cannot revoke itself', 'conflict_error', 'id');
    if (!(await storage.projects.revokeKey(projectOf(request), request.params.id))) {
      throw new HttpError(404, `no key ${request.params.id}`, 'not_found_error', 'id');
    }
    keys.forget();
    return reply.code(204).send();
  });
}
