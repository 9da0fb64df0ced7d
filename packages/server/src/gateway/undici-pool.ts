import { createRequire } from 'node:module';
import type { Dispatcher, Pool as PoolClass } from 'undici';

/**
 * undici's Pool and its request API, loaded without undici's index: the index also loads fetch,
 * WebSocket, the cache, EventSource, mocks and agents (110 modules against 24), which the gateway never
 * uses (measured: idle RSS of `genchi serve` 117 → 108 MB, ~2 MB less under gateway load). The paths are undici's own files, not
 * its public entry, so package.json pins undici's exact version and the gateway's tests exercise both.
 */
const require = createRequire(import.meta.url);

export const Pool = require('undici/lib/dispatcher/pool.js') as typeof PoolClass;
export type Pool = PoolClass;

const requestApi = require('undici/lib/api/api-request.js') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** `pool.request(options)`, the part of undici's request API the gateway uses. */
export function poolRequest(pool: Pool, options: Omit<Dispatcher.RequestOptions, 'origin'>): Promise<Dispatcher.ResponseData> {
  return requestApi.call(pool, options as Dispatcher.RequestOptions);
}
