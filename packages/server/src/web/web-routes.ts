import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerStaticRoutes } from './static-routes.js';

/** The web UI: its session endpoints and its built files. */
export function registerWebRoutes(app: FastifyInstance, context: AppContext): void {
  registerSessionRoutes(app, context);
  registerStaticRoutes(app, context);
}
