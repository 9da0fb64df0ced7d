import type { ZodError } from 'zod';
import { summarizeZodError } from '@genchi/spec';

/** An error that answers a request with a status and OpenAI's error shape. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The JSON body of this error. */
  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: null } };
  }
}

/** A 400 that names the fields a zod schema refused. */
export function invalidInput(error: ZodError, prefix: string): HttpError {
  const first = error.issues[0];
  const param = first ? [prefix, ...first.path.map(String)].filter((part) => part !== '').join('.') : null;
  return new HttpError(400, summarizeZodError(error, prefix), 'invalid_request_error', param);
}

/** A 503 that tells the client when to retry. */
export function overloaded(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(503, message, 'overloaded_error', null, { 'retry-after': String(retryAfterSeconds) });
}

/** Whether a client retrying an answer with this status could succeed (timeouts, conflicts, rate limits, server errors). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 429;
}
