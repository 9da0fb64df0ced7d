import type { z } from 'zod';
import { mergeContext, type CallContext } from './context/call-context.js';
import { Tracer } from './context/tracer.js';
import type { MaskFunction } from './export/export-item.js';
import { Exporter } from './export/exporter.js';
import { resolveExporterOptions, type ExporterOptions, type ExporterStats, type FlushResult } from './export/exporter-options.js';
import { HttpSender } from './export/http-sender.js';
import { feedbackBody, type FeedbackEvent } from './feedback/feedback-event.js';
import { GenchiError } from './genchi-error.js';
import { newRecordId } from './ids.js';
import { environmentSettings, flushOnExit, warnOnce } from './node-process.js';
import { wrapOpenAIClient, type WrapOptions } from './openai/wrap-openai.js';
import { observeSpan, type ObserveOptions } from './spans/observe.js';
import type { SpanHandle } from './spans/span-handle.js';
import { generateObject, type GenerateObjectOptions, type GenerateObjectResult } from './structured/generate-object.js';
import { sdkVersion } from './version.js';

/** Options of {@link Genchi}; `baseUrl` and `apiKey` fall back to `GENCHI_BASE_URL` and `GENCHI_API_KEY`. */
export interface GenchiOptions {
  /** genchi's address (default `GENCHI_BASE_URL`, else http://127.0.0.1:4680). */
  baseUrl?: string | undefined;
  /** A key with the ingest scope (default `GENCHI_API_KEY`); without one nothing is sent. */
  apiKey?: string | undefined;
  /** The environment of every span (default `GENCHI_ENVIRONMENT`, else the server's default, `prod`). */
  environment?: string | undefined;
  /** Context of every span (task, tags, metadata, …). */
  context?: CallContext;
  /** Runs on each data field of each record before it leaves the process. */
  mask?: MaskFunction;
  /** Hears about faults (refused batches, dropped records, a failing mask); the default warns once per kind. */
  onError?: (error: GenchiError) => void;
  /** False turns the SDK into a no-op that still wraps and observes (default true). */
  enabled?: boolean;
  /** Send what is held when the process exits normally (default true). */
  flushOnExit?: boolean;
  exporter?: ExporterOptions;
}

/** A score to attach to a span. */
export interface ScoreOptions {
  name: string;
  value: boolean | number | string | null;
  reason?: string;
  traceId?: string;
  metadata?: Record<string, unknown>;
  /** The score's id; the same id again replaces it. Generated when absent. */
  id?: string;
}

const defaultBaseUrl = 'http://127.0.0.1:4680';

/**
 * genchi's SDK: wraps model clients, observes functions, asks for structured output and sends
 * feedback, exporting everything in batches. Nothing it does throws into the application or
 * blocks it; faults go to `onError`.
 */
export class Genchi {
  private readonly tracer: Tracer;
  private readonly exporter: Exporter;
  private readonly report: (error: GenchiError) => void;
  private readonly forgetExit: () => void;

  constructor(options: GenchiOptions = {}) {
    const fromEnvironment = environmentSettings();
    const onError = options.onError ?? warnOnce;
    this.report = (error) => {
      try {
        onError(error);
      } catch {
        // an onError that throws must not turn a reported fault into a thrown one
      }
    };
    const apiKey = options.apiKey ?? fromEnvironment.apiKey;
    const enabled = options.enabled !== false && apiKey !== undefined;
    const exporterOptions = resolveExporterOptions(options.exporter);
    const sender = enabled
      ? new HttpSender({ baseUrl: options.baseUrl ?? fromEnvironment.baseUrl ?? defaultBaseUrl, apiKey, requestTimeoutMs: exporterOptions.requestTimeoutMs, gzip: exporterOptions.gzip, userAgent: `genchi-sdk-js/${sdkVersion}` })
      : null;
    this.exporter = new Exporter({ options: exporterOptions, sender, mask: options.mask, report: this.report, sdk: { name: '@genchi/sdk', version: sdkVersion } });
    const environment = options.environment ?? fromEnvironment.environment;
    const defaults = mergeContext(environment === undefined ? {} : { environment }, options.context);
    this.tracer = new Tracer(this.exporter, defaults, (error) => this.report(error instanceof GenchiError ? error : new GenchiError('instrumentation-failed', String((error as Error)?.message ?? error), { cause: error })));
    this.forgetExit = enabled && options.flushOnExit !== false ? flushOnExit(this.exporter) : () => undefined;
    if (options.enabled !== false && apiKey === undefined) {
      this.report(new GenchiError('not-configured', 'genchi has no API key (pass apiKey or set GENCHI_API_KEY): spans are recorded nowhere'));
    }
  }

  /** The same client, recording every `chat.completions.create`, `responses.create` and `embeddings.create` call as a span. */
  wrapOpenAI<Client extends object>(client: Client, options?: WrapOptions): Client {
    try {
      return wrapOpenAIClient(this.tracer, client, options);
    } catch (error) {
      this.report(new GenchiError('instrumentation-failed', `wrapOpenAI failed; the client is used unwrapped: ${(error as Error).message}`, { cause: error }));
      return client;
    }
  }

  /** Runs `fn` in a span named `name`; spans started inside (awaits included) nest under it. */
  observe<T>(name: string, fn: (span: SpanHandle) => T): T;
  observe<T>(name: string, options: ObserveOptions, fn: (span: SpanHandle) => T): T;
  observe<T>(name: string, optionsOrFn: ObserveOptions | ((span: SpanHandle) => T), maybeFn?: (span: SpanHandle) => T): T {
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
    const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
    if (typeof fn !== 'function') throw new TypeError('observe(name, [options], fn): fn must be a function');
    return observeSpan(this.tracer, name, options, fn);
  }

  /** Runs `fn` with a context (user, session, task, tags, …) that every span started inside takes on. */
  withContext<T>(context: CallContext, fn: () => T): T {
    let scope;
    try {
      const current = this.tracer.current();
      scope = { span: current.span, context: mergeContext(current.context, context) };
    } catch (error) {
      this.report(new GenchiError('instrumentation-failed', `withContext failed: ${(error as Error).message}`, { cause: error }));
      return fn();
    }
    return this.tracer.run(scope, fn);
  }

  /** The id of the span being observed here, if any. */
  currentSpanId(): string | undefined {
    return this.tracer.current().span?.id;
  }

  /** The span that recorded a result of a wrapped client (a completion, a response, a stream): what feedback attaches to. */
  spanOf(result: object): { spanId: string; traceId: string } | undefined {
    return result !== null && typeof result === 'object' ? this.tracer.spanOf(result) : undefined;
  }

  /** Asks for an object matching a zod schema, validating and re-asking; see the README. */
  generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResult<z.output<Schema>>> {
    return generateObject(this.tracer, options);
  }

  /** Sends feedback on a span: `{ thumbs }`, `{ rating }`, `{ comment }` or `{ event: 'accepted' | 'edited' | … }`. Returns the event's id. */
  feedback(spanId: string, event: FeedbackEvent): string {
    const id = newRecordId();
    try {
      const body = feedbackBody(spanId, event, id, Date.now());
      if (typeof body === 'string') {
        this.report(new GenchiError('invalid-record', body));
        return id;
      }
      this.exporter.enqueue({ type: 'feedback', body });
      return body.id;
    } catch (error) {
      this.report(new GenchiError('invalid-record', `feedback failed: ${(error as Error).message}`, { cause: error }));
      return id;
    }
  }

  /** Attaches a score to a span (source `api`). Returns the score's id. */
  score(spanId: string, score: ScoreOptions): string {
    const id = score.id ?? `sc_${newRecordId()}`;
    if (typeof spanId !== 'string' || spanId === '' || typeof score?.name !== 'string') {
      this.report(new GenchiError('invalid-record', 'score needs a span id and a name'));
      return id;
    }
    const { id: _id, ...fields } = score;
    this.exporter.enqueue({ type: 'score', body: { ...fields, id, spanId, source: 'api', createdAt: Date.now() } });
    return id;
  }

  /** Sends everything recorded so far; resolves within `timeoutMs` (default 5,000) and never rejects. */
  flush(timeoutMs = 5_000): Promise<FlushResult> {
    return this.exporter.flush(timeoutMs);
  }

  /** Flushes within `timeoutMs` (default 5,000), then stops exporting; later records are dropped and counted. */
  async shutdown(timeoutMs = 5_000): Promise<FlushResult> {
    this.forgetExit();
    return this.exporter.shutdown(timeoutMs);
  }

  /** What the exporter has sent, holds and dropped (and why). */
  stats(): ExporterStats {
    return this.exporter.stats();
  }
}
