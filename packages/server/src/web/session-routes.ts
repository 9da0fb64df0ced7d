import { sessionCreateSchema, type SessionInfo } from '@genchi/spec';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { hashKeySecret } from '../keys/key-secrets.js';
import { newSessionToken } from './login-link.js';
import { clearedSessionCookie, readCookie, sessionCookie, sessionCookieName, sessionLifetimeMs } from './session-cookie.js';
import { checkSameSiteWrite } from './session-reader.js';

const isSecure = (request: FastifyRequest): boolean => request.protocol === 'https';

/** `POST /v1/session` (log in with an API key or a login token), `GET /v1/session` and `DELETE /v1/session` (log out). */
export function registerSessionRoutes(app: FastifyInstance, context: AppContext): void {
  const { sessions, projects } = context.storage;

  const open = async (request: FastifyRequest, reply: FastifyReply, grant: { projectId: string; keyId: string | null; scopes: SessionInfo['scopes'] }) => {
    const project = await projects.projectById(grant.projectId);
    if (project === null) throw new HttpError(401, 'the project of this credential no longer exists', 'authentication_error');
    const token = newSessionToken();
    const now = context.clock.now();
    const expiresAt = now + sessionLifetimeMs;
    // Logins are rare: a fine moment to drop ended sessions and lapsed login tokens.
    await sessions.purgeExpired(now);
    await sessions.createSession({ tokenHash: hashKeySecret(token), projectId: grant.projectId, keyId: grant.keyId, scopes: grant.scopes, createdAt: now, expiresAt });
    reply.header('set-cookie', sessionCookie(token, Math.floor(sessionLifetimeMs / 1000), isSecure(request)));
    const info: SessionInfo = { project, scopes: grant.scopes, expiresAt: new Date(expiresAt).toISOString() };
    return reply.code(201).send(info);
  };

  app.post('/v1/session', async (request, reply) => {
    // Logging in is a write too: a page of another site must not log a visitor into its own project.
    checkSameSiteWrite(request);
    const body = parseInput(sessionCreateSchema, request.body ?? {}, 'body');
    if ('apiKey' in body) {
      const grant = await context.keys.verify(body.apiKey);
      if (grant === null) throw new HttpError(401, 'unknown or revoked API key', 'authentication_error', 'body.apiKey');
      return open(request, reply, { projectId: grant.project.id, keyId: grant.keyId, scopes: grant.scopes });
    }
    const token = await sessions.consumeLoginToken(hashKeySecret(body.loginToken), context.clock.now());
    if (token === null) {
      throw new HttpError(401, 'this login link was used already or has expired; restart genchi for a new one, or log in with an API key', 'authentication_error', 'body.loginToken');
    }
    return open(request, reply, { projectId: token.projectId, keyId: null, scopes: token.scopes });
  });

  app.get('/v1/session', { config: { scope: 'any' } }, async (request): Promise<SessionInfo & { via: 'cookie' | 'key' }> => {
    const grant = request.grant as NonNullable<FastifyRequest['grant']>;
    const token = readCookie(request.headers.cookie, sessionCookieName);
    const session = token ? await sessions.grantOfSession(hashKeySecret(token), context.clock.now()) : null;
    const viaCookie = session !== null && request.headers.authorization === undefined;
    return { project: grant.project, scopes: grant.scopes, expiresAt: viaCookie ? new Date(session.expiresAt).toISOString() : null, via: viaCookie ? 'cookie' : 'key' };
  });

  app.delete('/v1/session', async (request, reply) => {
    const token = readCookie(request.headers.cookie, sessionCookieName);
    if (token !== undefined && token !== '') {
      checkSameSiteWrite(request);
      await sessions.deleteSession(hashKeySecret(token));
    }
    return reply.header('set-cookie', clearedSessionCookie(isSecure(request))).code(204).send();
  });
}
