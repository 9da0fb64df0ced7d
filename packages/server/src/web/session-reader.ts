import { webClientHeader } from '@genchi/spec';
import type { FastifyRequest } from 'fastify';
import type { CredentialReader } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import type { Clock } from '../jobs/clock.js';
import { hashKeySecret } from '../keys/key-secrets.js';
import type { SessionStore } from '../storage/session-store.js';
import { readCookie, sessionCookieName } from './session-cookie.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The grant key id of a session opened with a login link (it has no API key behind it). */
export const loginLinkKeyId = 'login-link';

/**
 * Refuses a cookie-authenticated write that a page of another site could have sent: it must carry
 * the web UI's own header (which a cross-site form cannot set, and a cross-site script cannot send
 * without a CORS preflight genchi never grants), and its Origin, when present, must be this host.
 */
export function checkSameSiteWrite(request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  if (request.headers[webClientHeader] === undefined) {
    throw new HttpError(403, `cross-site request refused: a cookie-authenticated write must send the ${webClientHeader} header`, 'permission_error');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !isSameHost(origin, request.headers.host)) {
    throw new HttpError(403, `cross-site request refused: origin ${origin} is not this server`, 'permission_error');
  }
}

/** Whether an Origin names the host a request was sent to (ports compared with the origin scheme's default filled in). */
function isSameHost(origin: string, hostHeader: string | undefined): boolean {
  if (hostHeader === undefined) return false;
  try {
    const from = new URL(origin);
    const defaultPort = from.protocol === 'https:' ? '443' : '80';
    const to = new URL(`${from.protocol}//${hostHeader}`);
    return from.hostname === to.hostname && (from.port || defaultPort) === (to.port || defaultPort);
  } catch {
    return false;
  }
}

/** Authenticates requests by the web UI's session cookie (tried after the bearer key). */
export function sessionCookieReader(sessions: SessionStore, clock: Clock): CredentialReader {
  return async (request) => {
    const token = readCookie(request.headers.cookie, sessionCookieName);
    if (token === undefined || token === '') return undefined;
    const grant = await sessions.grantOfSession(hashKeySecret(token), clock.now());
    if (grant === null) throw new HttpError(401, 'your session has ended; log in again', 'authentication_error');
    checkSameSiteWrite(request);
    return { keyId: grant.keyId ?? loginLinkKeyId, project: grant.project, scopes: grant.scopes };
  };
}
