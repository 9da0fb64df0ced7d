import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { isRetryableStatus } from '../http/http-error.js';
import type { InjectedUsageFilter } from './injected-usage-filter.js';
import type { UpstreamProvider } from './upstream-provider.js';

/** One request to an upstream. */
export interface UpstreamRequest {
  provider: UpstreamProvider;
  method: 'GET' | 'POST';
  /** The whole upstream path: the provider's base path, the endpoint and the caller's query. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** Where the answer goes and what is kept of it. */
export interface UpstreamCallOptions {
  /** The caller's response, or null for a call whose answer goes nowhere (a shadow call). */
  response: ServerResponse | null;
  /** Headers genchi adds to the caller's answer. */
  answerHeaders?: Readonly<Record<string, string>>;
  /** Takes genchi's injected usage back out of a successful event stream. */
  filter?: InjectedUsageFilter;
  captureLimitBytes: number;
  /** genchi's own retries (connection errors, 429, 5xx) while nothing has reached the caller. */
  retries: number;
  /** `performance.now()` when the call began. */
  startedAt: number;
}

/** How an upstream call ended. */
export type CallOutcome = 'complete' | 'failed' | 'cancelled';

/** What happened during an upstream call, kept for the span. */
export interface CallRecord {
  /** The upstream's status, or genchi's 502/504 when the upstream could not be reached or timed out. */
  status: number;
  headers: IncomingHttpHeaders | null;
  /** The upstream's answer bytes as received (before any filtering), up to the capture limit. */
  chunks: Buffer[];
  capturedBytes: number;
  truncated: boolean;
  /** Milliseconds from the call's start to the first answer byte. */
  firstByteMs: number | null;
  endMs: number;
  outcome: CallOutcome;
  /** What went wrong on the way (unreachable, timeout, cut stream, client gone). */
  failure: string | null;
  attempts: number;
}

/** Headers that belong to one connection, never forwarded. */
export const hopByHopHeaders: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
]);

const timeoutCodes: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The caller's answer headers: the upstream's, less hop-by-hop ones, plus genchi's and `x-should-retry: false` where retrying cannot help. */
function answerHeaders(upstream: IncomingHttpHeaders, status: number, options: UpstreamCallOptions, filtered: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const name in upstream) {
    if (hopByHopHeaders.has(name) || (filtered && name === 'content-length')) continue;
    headers[name] = upstream[name];
  }
  if (status >= 400 && !isRetryableStatus(status) && headers['x-should-retry'] === undefined) headers['x-should-retry'] = 'false';
  if (options.answerHeaders) Object.assign(headers, options.answerHeaders);
  return headers;
}

/** Streams one upstream exchange to the caller untouched, keeping a copy of the bytes and the timings for the span. */
class UpstreamCall implements Dispatcher.DispatchHandler {
  readonly record: CallRecord = {
    status: 0,
    headers: null,
    chunks: [],
    capturedBytes: 0,
    truncated: false,
    firstByteMs: null,
    endMs: 0,
    outcome: 'complete',
    failure: null,
    attempts: 0,
  };
  private controller: Dispatcher.DispatchController | null = null;
  private discarding = false;
  private retryDelayMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private filter: InjectedUsageFilter | null = null;
  private cancelled = false;
  private done = false;
  private settle: (record: CallRecord) => void = () => undefined;

  constructor(private readonly request: UpstreamRequest, private readonly options: UpstreamCallOptions) {}

  start(): Promise<CallRecord> {
    const finished = new Promise<CallRecord>((resolve) => (this.settle = resolve));
    const response = this.options.response;
    if (response?.destroyed === true) {
      this.finish('cancelled', 'the client disconnected before the call was sent');
      return finished;
    }
    response?.on('close', this.onCallerClose);
    this.dispatch();
    return finished;
  }

  private dispatch(): void {
    this.record.attempts += 1;
    this.discarding = false;
    this.controller = null;
    const { provider, method, path, headers, body } = this.request;
    try {
      provider.pool.dispatch(
        { method, path, headers, ...(body === undefined ? {} : { body }), headersTimeout: provider.timeoutMs, bodyTimeout: provider.timeoutMs },
        this,
      );
    } catch (error) {
      this.onResponseError(null, error as Error);
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cancelled) controller.abort(new Error('the client disconnected'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (this.record.attempts <= this.options.retries && (status === 429 || status >= 500)) {
      this.discarding = true;
      const seconds = Number(headers['retry-after']);
      this.retryDelayMs = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 10_000) : 100 * 2 ** this.record.attempts;
      return;
    }
    this.record.status = status;
    this.record.headers = headers;
    const eventStream = String(headers['content-type'] ?? '').includes('text/event-stream');
    this.filter = this.options.filter !== undefined && status < 300 && eventStream ? this.options.filter : null;
    const response = this.options.response;
    if (response === null || response.destroyed) return;
    try {
      response.writeHead(status, answerHeaders(headers, status, this.options, this.filter !== null));
    } catch {
      // A header value Node refuses to send: keep the answer, with only the headers that matter to a client.
      const type = headers['content-type'];
      response.writeHead(status, { ...(typeof type === 'string' ? { 'content-type': type } : {}), ...this.options.answerHeaders });
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.discarding) return;
    const record = this.record;
    if (record.firstByteMs === null) record.firstByteMs = performance.now() - this.options.startedAt;
    if (record.capturedBytes + chunk.length <= this.options.captureLimitBytes) {
      record.chunks.push(chunk);
      record.capturedBytes += chunk.length;
    } else {
      record.truncated = true;
    }
    const response = this.options.response;
    if (response === null || response.destroyed) return;
    const out = this.filter === null ? chunk : this.filter.push(chunk);
    if (out.length > 0 && !response.write(out)) {
      controller.pause();
      response.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    if (this.discarding) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.dispatch();
      }, this.retryDelayMs);
      return;
    }
    const response = this.options.response;
    if (response !== null && !response.destroyed) {
      const rest = this.filter?.flush();
      response.end(rest !== undefined && rest.length > 0 ? rest : undefined);
    }
    this.finish('complete', null);
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.done) return;
    if (this.cancelled) return this.finish('cancelled', 'the client disconnected before the answer was complete');
    const code = String((error as { code?: unknown }).code ?? '');
    const response = this.options.response;
    const answered = this.record.status !== 0;
    if (!answered && this.record.attempts <= this.options.retries) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.dispatch();
      }, 100 * 2 ** this.record.attempts);
      return;
    }
    const timedOut = timeoutCodes.has(code);
    const message = answered
      ? `upstream ${this.request.provider.name} broke off its answer: ${error.message}`
      : timedOut
        ? `upstream ${this.request.provider.name} did not answer within ${this.request.provider.timeoutMs} ms`
        : `upstream ${this.request.provider.name} could not be reached: ${error.message}${code ? ` (${code})` : ''}`;
    if (!answered) this.answerFailure(timedOut ? 504 : 502, message, timedOut);
    else response?.destroy();
    this.finish('failed', message);
  }

  /** Answers the caller with genchi's own 502/504 in OpenAI's shape when the upstream gave no answer. */
  private answerFailure(status: number, message: string, timedOut: boolean): void {
    const body = JSON.stringify({
      error: { message, type: timedOut ? 'timeout_error' : 'upstream_error', param: null, code: timedOut ? 'upstream_timeout' : 'upstream_unreachable' },
    });
    this.record.status = status;
    this.record.chunks = [Buffer.from(body)];
    this.record.capturedBytes = body.length;
    const response = this.options.response;
    if (response === null || response.destroyed || response.headersSent) return;
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...this.options.answerHeaders });
    response.end(body);
  }

  private readonly onCallerClose = (): void => {
    if (this.done || this.options.response?.writableFinished) return;
    this.cancelled = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.finish('cancelled', 'the client disconnected before the answer was complete');
      return;
    }
    this.controller?.abort(new Error('the client disconnected'));
  };

  private finish(outcome: CallOutcome, failure: string | null): void {
    if (this.done) return;
    this.done = true;
    this.record.outcome = outcome;
    this.record.failure = failure;
    this.record.endMs = performance.now() - this.options.startedAt;
    this.options.response?.off('close', this.onCallerClose);
    this.settle(this.record);
  }
}

/** Calls an upstream and streams its answer to the caller (or nowhere); resolves when the exchange is over, never rejects. */
export function callUpstream(request: UpstreamRequest, options: UpstreamCallOptions): Promise<CallRecord> {
  return new UpstreamCall(request, options).start();
}
