import { HttpError } from '../http/http-error.js';

/** What a gateway refusal carries besides its status and message. */
export interface GatewayErrorDetails {
  type?: string;
  param?: string | null;
  /** OpenAI's `code` field (`model_not_found`, …). */
  code?: string | null;
  /** False (the default for 4xx) adds `x-should-retry: false`, so that clients do not retry what cannot succeed. */
  retryable?: boolean;
}

/** An answer of genchi's own in OpenAI's error shape, with `code` and, when retrying cannot help, `x-should-retry: false`. */
export class GatewayError extends HttpError {
  readonly code: string | null;

  constructor(status: number, message: string, details: GatewayErrorDetails = {}) {
    const retryable = details.retryable ?? (status >= 500 || status === 408 || status === 409 || status === 429);
    super(status, message, details.type ?? 'invalid_request_error', details.param ?? null, retryable ? {} : { 'x-should-retry': 'false' });
    this.code = details.code ?? null;
  }

  override body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** Whether a client retrying an upstream answer with this status could succeed (timeouts, conflicts, rate limits, server errors). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 429;
}
