import type { FastifyError, FastifyInstance } from 'fastify';
import { StorageBusyError, StorageConflictError } from '../storage/storage.js';
import { InvalidCursorError } from '../storage/sqlite/span-list-query.js';
import type { FastifyReply } from 'fastify';
import { HttpError, isRetryableStatus, overloaded } from './http-error.js';

/** Fastify's own errors that are the client's doing, by code. */
const fastifyClientErrors: Record<string, number> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 415,
  FST_ERR_CTP_EMPTY_JSON_BODY: 400,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 400,
};

/** SQLite errors that pass with time (busy, locked, disk full or failing): the client should retry. */
const passingSqliteCode = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/;

/** Turns any error into an HTTP answer in OpenAI's error shape; passing faults get 503 with Retry-After, never a bare 500. */
export function toHttpError(error: unknown, limits: { bodyLimitBytes: number }): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof StorageBusyError) return overloaded(error.message, error.retryAfterSeconds);
  if (error instanceof StorageConflictError) return new HttpError(409, error.message, 'conflict_error');
  if (error instanceof InvalidCursorError) return new HttpError(400, error.message, 'invalid_request_error', 'cursor');
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && passingSqliteCode.test(code)) {
    return overloaded(`the store is busy (${String(code)}); retry shortly`, 2);
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HttpError(413, `body: over the limit of ${limits.bodyLimitBytes} bytes (server.bodyLimitBytes)`, 'invalid_request_error', 'body');
  }
  const fastifyStatus = typeof code === 'string' ? fastifyClientErrors[code] : undefined;
  if (fastifyStatus) return new HttpError(fastifyStatus, (error as Error).message);
  const statusCode = (error as FastifyError).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return new HttpError(statusCode, (error as Error).message);
  return null;
}

/** Sends an error; a 4xx that no retry can fix says `x-should-retry: false`, so that the official clients (which honour it) do not send the same mistake again. */
function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  const final = error.status < 500 && !isRetryableStatus(error.status);
  return reply.code(error.status).headers(final ? { 'x-should-retry': 'false', ...error.headers } : error.headers).send(error.body());
}

/** Installs the error and not-found handlers. */
export function registerErrorHandlers(app: FastifyInstance, limits: { bodyLimitBytes: number }): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toHttpError(error, limits);
    if (known) return sendError(reply, known);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(new HttpError(500, 'internal error; see the server log', 'server_error').body());
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new HttpError(404, `no route ${request.method} ${request.url.split('?')[0]}`, 'not_found_error')));
}
