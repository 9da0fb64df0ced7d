import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerExportRoutes } from './export-routes.js';
import { registerFailureModeRoutes } from './failure-mode-routes.js';
import { registerItemRoutes } from './item-routes.js';
import { registerQueueRoutes } from './queue-routes.js';
import { registerRuleRoutes } from './rule-routes.js';

/** Every `/v1/review/...` route: rules, rotation, sampling, queues, items, failure modes, coverage and export. */
export function registerReviewRoutes(app: FastifyInstance, context: AppContext): void {
  registerRuleRoutes(app, context);
  registerQueueRoutes(app, context);
  registerItemRoutes(app, context);
  registerFailureModeRoutes(app, context);
  registerExportRoutes(app, context);
}
