import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** True on the browser-safe routes: pages of the configured origins (`server.corsOrigins`) may call them. */
    cors?: boolean;
  }
}

/** What a preflight allows: the methods of the browser-safe routes and the headers their callers send. */
const preflight = {
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
} as const;

/** Whether an origin is one of the configured ones (`*` allows any). */
function allowedOrigin(origins: readonly string[], request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origins.length === 0) return null;
  return origins.includes('*') || origins.includes(origin) ? origin : null;
}

/**
 * CORS for routes marked `config: { cors: true }`: every answer to an allowed origin (errors
 * included, so that a page can read a 401 or 429) names that origin. Off while `server.corsOrigins` is empty.
 */
export function registerCors(app: FastifyInstance, { config }: AppContext): void {
  const origins = config.server.corsOrigins;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.cors !== true) return payload;
    const origin = allowedOrigin(origins, request);
    reply.header('vary', 'Origin');
    if (origin === null) return payload;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'retry-after');
    return payload;
  });
}

/** Registers the preflight (`OPTIONS`) of a browser-safe path: 204, with the allowed methods when the origin is allowed. */
export function registerPreflight(app: FastifyInstance, context: AppContext, path: string, methods: readonly string[]): void {
  app.options(path, { config: { cors: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (allowedOrigin(context.config.server.corsOrigins, request) !== null) {
      reply.headers({ ...preflight, 'access-control-allow-methods': [...methods, 'OPTIONS'].join(', ') });
    }
    return reply.code(204).send();
  });
}
