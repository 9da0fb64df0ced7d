// @genchi/sdk/browser: feedback from a web page. No Node imports: only fetch and Web Crypto.
import type { FeedbackPostResponse, LabelName, LabelStrength } from '@genchi/spec';
import { backoffMs, retryableStatuses, retryAfterMs } from '../export/retry-policy.js';
import { feedbackBody, type FeedbackEvent } from '../feedback/feedback-event.js';
import { newRecordId } from '../ids.js';

export type { ExplicitFeedback, FeedbackEvent, FeedbackOptions, ImplicitFeedback } from '../feedback/feedback-event.js';

/** Options of {@link GenchiFeedback}. */
export interface GenchiFeedbackOptions {
  /** genchi's address, e.g. https://genchi.example.com (its `server.corsOrigins` must name this page's origin). */
  baseUrl: string;
  /** A public key: one with only the `ingest` scope, safe to ship in a page. */
  publicKey: string;
  /** Retries after 429/502/503/504 or a network fault (default 2). */
  maxRetries?: number;
  /** Hears about feedback that could not be delivered. */
  onError?: (error: Error) => void;
  /** The fetch to use (default the page's). */
  fetch?: typeof fetch;
}

/** What sending feedback came to: the stored event's label, or why it was not stored. Never a rejection. */
export type FeedbackResult =
  | { ok: true; id: string; labelStrength: LabelStrength; label: LabelName }
  | { ok: false; id: string; status: number | null; error: string };

const keepaliveLimitBytes = 60 * 1024;

function wait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * Sends feedback on a span from a web page to `POST /v1/feedback`: explicit (thumbs, rating,
 * comment) and implicit (accepted, edited, ignored, regenerated, copied). Requests use `keepalive`,
 * so feedback given as the page closes still arrives.
 */
export class GenchiFeedback {
  private readonly url: string;

  constructor(private readonly options: GenchiFeedbackOptions) {
    this.url = `${String(options.baseUrl).replace(/\/+$/, '')}/v1/feedback`;
  }

  /** Sends one event on a span; resolves with the stored label, or with what went wrong. */
  async send(spanId: string, event: FeedbackEvent): Promise<FeedbackResult> {
    try {
      return await this.deliver(spanId, event);
    } catch (error) {
      return this.failed('', null, `feedback failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private async deliver(spanId: string, event: FeedbackEvent): Promise<FeedbackResult> {
    const generated = `fb_${newRecordId()}`;
    const body = feedbackBody(spanId, event, generated, Date.now());
    if (typeof body === 'string') return this.failed(generated, null, body);
    const json = JSON.stringify(body);
    const maxRetries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await (this.options.fetch ?? fetch)(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.publicKey}`, 'content-type': 'application/json' },
          body: json,
          keepalive: json.length < keepaliveLimitBytes,
        });
      } catch (error) {
        if (attempt >= maxRetries) return this.failed(body.id, null, `network: ${(error as Error).message}`);
        await wait(backoffMs(attempt + 1, { initialBackoffMs: 300, maxBackoffMs: 5000 }, null));
        continue;
      }
      if (response.ok) {
        const stored = (await response.json().catch(() => null)) as FeedbackPostResponse | null;
        if (stored === null) return this.failed(body.id, response.status, 'the answer was not JSON');
        return { ok: true, id: stored.id, labelStrength: stored.labelStrength, label: stored.label };
      }
      if (!retryableStatuses.has(response.status) || attempt >= maxRetries) return this.failed(body.id, response.status, await errorMessage(response));
      await wait(backoffMs(attempt + 1, { initialBackoffMs: 300, maxBackoffMs: 5000 }, retryAfterMs(response.headers.get('retry-after') ?? undefined)));
    }
  }

  private failed(id: string, status: number | null, error: string): FeedbackResult {
    try {
      this.options.onError?.(new Error(`genchi feedback ${id} not delivered: ${error}`));
    } catch {
      // a failing onError must not reject the caller's promise
    }
    return { ok: false, id, status, error };
  }
}
