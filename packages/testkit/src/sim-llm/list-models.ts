import { SIMULATED_BY, SimRequestError, sendJson } from './http-io.js';
import { readDirectives } from './request-directives.js';
import type { Exchange, SimContext } from './sim-context.js';

/** Models every simulated server lists, besides the configured and pinned ones. */
export const DEFAULT_MODELS: readonly string[] = ['sim-small', 'sim-large', 'sim-embedding'];

// 2025-01-01T00:00:00Z, the date of every simulated model version.
const CREATED = 1_735_689_600;

/** Answers `GET /v1/models` with the simulated models, all owned by `sim-llm`. */
export function listModels(exchange: Exchange): void {
  if (readDirectives(exchange.req.headers).fault?.intercept?.(exchange.res, false)) return;
  sendJson(exchange.res, 200, { object: 'list', data: modelNames(exchange.context).map(modelEntry) });
}

/** Answers `GET /v1/models/{model}`; any name is a simulated model. */
export function retrieveModel(exchange: Exchange, model: string): void {
  if (model === '') throw new SimRequestError(404, { message: 'Model not given.', type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
  sendJson(exchange.res, 200, modelEntry(model));
}

function modelNames(context: SimContext): string[] {
  return [...new Set([...DEFAULT_MODELS, ...context.extraModels, ...context.models.pinnedNames()])];
}

function modelEntry(id: string): Record<string, unknown> {
  return { id, object: 'model', created: CREATED, owned_by: SIMULATED_BY };
}
