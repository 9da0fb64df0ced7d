import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerEventRoutes } from '../events/event-routes.js';
import { registerCheckRoutes } from '../checks/check-routes.js';
import { registerGatewayRoutes } from '../gateway/gateway-routes.js';
import { registerFeedbackRoutes } from '../feedback/feedback-routes.js';
import { registerIngestRoutes } from '../ingest/ingest-routes.js';
import { registerJobRoutes } from '../jobs/job-routes.js';
import { registerOtlpRoutes } from '../ingest/otlp-routes.js';
import { registerKeyRoutes } from '../keys/key-routes.js';
import { registerQueryRoutes } from '../query/query-routes.js';
import { registerReviewRoutes } from '../review/review-routes.js';
import { registerTaskRoutes } from '../tasks/task-routes.js';
import { registerWebRoutes } from '../web/web-routes.js';
import { registerCors } from './cors.js';
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
  registerTaskRoutes,
  registerReviewRoutes,
  registerJobRoutes,
  registerWebRoutes,
  registerFeedbackRoutes,
  registerCors,
  registerGatewayRoutes,
  registerEventRoutes,
  registerCheckRoutes,
];
