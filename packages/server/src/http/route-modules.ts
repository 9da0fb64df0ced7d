import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerIngestRoutes } from '../ingest/ingest-routes.js';
import { registerOtlpRoutes } from '../ingest/otlp-routes.js';
import { registerKeyRoutes } from '../keys/key-routes.js';
import { registerQueryRoutes } from '../query/query-routes.js';
import { registerHealthRoutes } from './health-routes.js';

/** Registers one feature's routes. */
export type RouteModule = (app: FastifyInstance, context: AppContext) => void;

/** Every feature's routes; a new feature adds its module here. */
export const routeModules: readonly RouteModule[] = [
  registerHealthRoutes,
  registerIngestRoutes,
  registerOtlpRoutes,
  registerQueryRoutes,
  registerKeyRoutes,
];
