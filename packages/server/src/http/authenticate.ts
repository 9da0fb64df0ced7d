import { scopeAllows, type ApiKeyScope } from '@genchi/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyVerifier } from '../keys/key-verifier.js';
import type { KeyGrant } from '../storage/storage.js';
import { HttpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs (`any`: a valid key of any scope); routes without one are public. */
    scope?: ApiKeyScope | 'any';
  }
  interface FastifyRequest {
    /** The verified key of the request, set on routes that need a scope. */
    grant: KeyGrant | null;
  }
}

/** Reads a credential from a request and turns it into a grant, or returns undefined when it carries none of its kind. */
export type CredentialReader = (request: FastifyRequest) => Promise<KeyGrant | null | undefined>;

/** The bearer API key of `Authorization: Bearer <key>`. */
export function bearerKeyReader(verifier: KeyVerifier): CredentialReader {
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] === undefined ? null : verifier.verify(match[1]);
  };
}

/**
 * Checks every request to a route with a `scope`: no or an unknown credential is 401, a key without
 * the scope 403. Readers are tried in order; the first that finds its kind of credential decides.
 */
export function registerAuthentication(app: FastifyInstance, readers: readonly CredentialReader[]): void {
  app.decorateRequest('grant', null);
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (scope === undefined) return;
    let grant: KeyGrant | null | undefined;
    for (const read of readers) {
      grant = await read(request);
      if (grant !== undefined) break;
    }
    if (grant === undefined) throw new HttpError(401, 'missing API key: send Authorization: Bearer <key>', 'authentication_error');
    if (grant === null) throw new HttpError(401, 'unknown or revoked API key', 'authentication_error');
    if (scope !== 'any' && !scopeAllows(grant.scopes, scope)) throw new HttpError(403, `this key lacks the ${scope} scope`, 'permission_error');
    request.grant = grant;
  });
}

/** The project of an authenticated request (from its key, never from the body). */
export function projectOf(request: FastifyRequest): string {
  if (request.grant === null) throw new HttpError(401, 'not authenticated', 'authentication_error');
  return request.grant.project.id;
}
