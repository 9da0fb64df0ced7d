import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from './gateway-error.js';
import { hopByHopHeaders } from './upstream-call.js';
import type { UpstreamProvider } from './upstream-provider.js';

/** Caller headers that stop at genchi: its own credentials, framing that is recomputed, and anything that is genchi's. */
const keptHere: ReadonlySet<string> = new Set([
  ...hopByHopHeaders,
  'host',
  'authorization',
  'content-length',
  'content-encoding',
  'accept-encoding',
  'cookie',
  'expect',
  'x-upstream-authorization',
]);

/**
 * The headers sent upstream: the caller's (less genchi's and connection-level ones), the provider's
 * configured ones, `accept-encoding: identity` (so that genchi can read the answer without inflating
 * it), and the upstream credential.
 */
export function upstreamHeaders(incoming: IncomingHttpHeaders, provider: UpstreamProvider, authorization: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in incoming) {
    if (keptHere.has(name) || name.startsWith('x-genchi-')) continue;
    const value = incoming[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  for (const name in provider.headers) headers[name.toLowerCase()] = provider.headers[name] as string;
  headers['accept-encoding'] = 'identity';
  if (authorization !== null) headers.authorization = authorization;
  return headers;
}

/**
 * The `Authorization` value for a provider: the caller's `x-upstream-authorization` when pass-through
 * is on and it sent one, else the configured key, else none for a provider that needs none; a 401
 * naming the missing key when the config names one that genchi was not given.
 */
export function upstreamAuthorization(provider: UpstreamProvider, incoming: IncomingHttpHeaders, passthrough: boolean): string | null {
  const passed = incoming['x-upstream-authorization'];
  if (passthrough && typeof passed === 'string' && passed.trim() !== '') {
    const value = passed.trim();
    return /\s/.test(value) ? value : `Bearer ${value}`;
  }
  if (provider.authorization !== null) return provider.authorization;
  if (provider.missingKeyEnv === null) return null;
  const alternative = passthrough ? ', or send the upstream key in x-upstream-authorization' : '';
  throw new GatewayError(401, `genchi has no API key for provider ${provider.name}: set ${provider.missingKeyEnv} where genchi runs${alternative}`, {
    type: 'authentication_error',
    code: 'upstream_key_missing',
  });
}
