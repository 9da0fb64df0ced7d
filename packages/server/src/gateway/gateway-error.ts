import { HttpError } from '../http/http-error.js';

/** What a gateway refusal carries besides its status and message. */
export interface GatewayErrorDetails {
  type?: string;
  param?: string | null;
  /** OpenAI's `code` field (`model_not_found`, …). */
  code?: string | null;
}

/**
 * An answer of genchi's own in OpenAI's error shape, with `code` (the error handler adds
 * `x-should-retry: false` where retrying cannot help, as for every API error).
 */
export class GatewayError extends HttpError {
  readonly code: string | null;

  constructor(status: number, message: string, details: GatewayErrorDetails = {}) {
    super(status, message, details.type ?? 'invalid_request_error', details.param ?? null);
    this.code = details.code ?? null;
  }

  override body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

