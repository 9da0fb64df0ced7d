import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerAssertionRoutes } from './assertion-routes.js';
import { registerCriteriaRoutes } from './criteria-routes.js';
import { registerOnlineRuleRoutes } from './online-rule-routes.js';

/** Every `/v1/checks/...` route: criteria, assertions and judges, alignment, online rules, run reports and suggestions. */
export function registerCheckRoutes(app: FastifyInstance, context: AppContext): void {
  registerCriteriaRoutes(app, context);
  registerAssertionRoutes(app, context);
  registerOnlineRuleRoutes(app, context);
}
