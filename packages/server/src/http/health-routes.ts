import type { FastifyInstance } from 'fastify';

/** `GET /healthz`: public liveness, no key needed. */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
}
