import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { decodeBody, parseJsonBody } from '../http/body-parsers.js';
import { HttpError } from '../http/http-error.js';
import { Gateway, type RawJsonBody } from './gateway.js';
import { gatewayEndpoints } from './gateway-endpoints.js';
import { GatewayError } from './gateway-error.js';
import { listModels, retrieveModel } from './model-list.js';

const gateways = new WeakMap<FastifyInstance, Gateway>();

/** The gateway of an app built by {@link registerGatewayRoutes} (for tests and operators' tools). */
export function gatewayOf(app: FastifyInstance): Gateway {
  const gateway = gateways.get(app);
  if (gateway === undefined) throw new Error('this app has no gateway');
  return gateway;
}

/**
 * The OpenAI-compatible gateway on genchi's own port: `/v1/chat/completions`, `/v1/responses`,
 * `/v1/embeddings` and `/v1/models` with the project key (ingest scope), plus `GET /v1/gateway/stats`
 * and `GET /v1/gateway/tasks` (read scope).
 */
export function registerGatewayRoutes(app: FastifyInstance, context: AppContext): void {
  const gateway = new Gateway(context);
  gateways.set(app, gateway);
  app.addHook('onClose', async () => gateway.close());
  const limit = context.config.server.bodyLimitBytes;
  const passthrough = context.config.gateway.passthroughUpstreamAuthorization;

  void app.register(async (scope) => {
    // Model calls keep their body's bytes, so that an unchanged body is forwarded as the caller wrote it.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) => {
      try {
        const bytes = decodeBody(request, body as Buffer, limit);
        done(null, { bytes, json: parseJsonBody(bytes) } satisfies RawJsonBody);
      } catch (error) {
        const refused = error instanceof HttpError ? new GatewayError(error.status, error.message, { type: error.type, param: error.param }) : error;
        done(refused as Error, undefined);
      }
    });
    for (const endpoint of gatewayEndpoints) {
      scope.post(endpoint.path, { config: { scope: 'ingest' } }, (request, reply) => gateway.handleModelCall(endpoint, request, reply));
    }
  });

  app.get('/v1/models', { config: { scope: 'ingest' } }, (request, reply) => listModels(gateway.providers, request.headers, reply, passthrough));
  app.get<{ Params: { '*': string } }>('/v1/models/*', { config: { scope: 'ingest' } }, (request, reply) =>
    retrieveModel(gateway.providers, request.params['*'], request.headers, reply, passthrough),
  );
  app.get('/v1/gateway/stats', { config: { scope: 'read' } }, async () => gateway.stats());
  app.get('/v1/gateway/tasks', { config: { scope: 'read' } }, async (request) => ({ data: await gateway.tasks(projectOf(request)) }));
}
