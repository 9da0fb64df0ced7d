import type { IncomingHttpHeaders } from 'node:http';
import { countTokens } from '@genchi/core';
import { performance } from 'node:perf_hooks';
import type { GatewayStats, GatewayTaskView } from '@genchi/spec';
import { shadowEnvironment } from '@genchi/spec/values';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { readCallContext } from './context-headers.js';
import { bodyProblem, type GatewayEndpoint } from './gateway-endpoints.js';
import { GatewayError } from './gateway-error.js';
import { newSpanId, newTraceId } from './gateway-ids.js';
import { gatewayTaskViews } from './gateway-task-views.js';
import { InjectedUsageFilter } from './injected-usage-filter.js';
import { ModelChangeTracker } from './model-change-tracker.js';
import { ShadowRunner } from './shadow-runner.js';
import { answerText, buildSpan, type CallFacts } from './span-builder.js';
import { SpanLogBuffer } from './span-log-buffer.js';
import { routeCall } from './task-routing.js';
import { callUpstream, type CallRecord, type UpstreamRequest } from './upstream-call.js';
import { upstreamAuthorization, upstreamHeaders } from './upstream-headers.js';
import { UpstreamProviders } from './upstream-providers.js';

/** A JSON body as the gateway's parser keeps it: the bytes to forward untouched and the parsed value to route by. */
export interface RawJsonBody {
  bytes: Buffer;
  json: unknown;
}

/** Whether a request body came through the gateway's parser. */
export function isRawJsonBody(value: unknown): value is RawJsonBody {
  return value !== null && typeof value === 'object' && (value as RawJsonBody).bytes instanceof Buffer;
}

/** A call ready to go upstream, with what its span will need. */
interface PreparedCall extends CallFacts {
  projectId: string;
  incomingHeaders: IncomingHttpHeaders;
  upstream: UpstreamRequest;
  answerHeaders: Record<string, string>;
}

/** The body as sent upstream: another model, and usage asked for when genchi injects it. */
function sentBody(body: Record<string, unknown>, model: string, injectUsage: boolean): Record<string, unknown> {
  const sent: Record<string, unknown> = { ...body, model };
  if (injectUsage) {
    const options = body.stream_options;
    sent.stream_options = options !== null && typeof options === 'object' ? { ...options, include_usage: true } : { include_usage: true };
  }
  return sent;
}

const asksForUsage = (body: Record<string, unknown>): boolean => (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;

const queryOf = (url: string): string => {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start);
};

/**
 * The OpenAI-compatible gateway: forwards each call to its upstream and streams the answer back
 * untouched, then (off the caller's path) builds the span, buffers it for the store, notes the
 * model that answered, and mirrors a share of a task's calls to its shadow models.
 */
export class Gateway {
  readonly providers: UpstreamProviders;
  readonly log: SpanLogBuffer;
  readonly shadows: ShadowRunner;
  readonly tracker: ModelChangeTracker;
  private readonly calls = { total: 0, refused: 0, upstreamErrors: 0, upstreamFailures: 0, cancelled: 0, retries: 0 };
  private trackingErrors = 0;
  private readonly finished: Array<[PreparedCall, CallRecord]> = [];
  private readonly since = new Date().toISOString();

  constructor(private readonly context: AppContext) {
    const { gateway, providers } = context.config;
    this.providers = new UpstreamProviders(providers);
    // The log's writes are background writes: the calls they record are answered already.
    this.log = new SpanLogBuffer(() => ({ write: (projectId, spans) => context.spans.write(projectId, spans, { background: true }) }), gateway.logBuffer);
    this.shadows = new ShadowRunner(gateway.shadow);
    this.tracker = new ModelChangeTracker(
      () => context.storage,
      () => (this.trackingErrors += 1),
    );
    // Without injected usage, streams are counted by the tokenizer: load it now, not in the middle of traffic.
    if (!gateway.allowUsageInjection && Object.keys(providers).length > 0) countTokens('load the tokenizer');
  }

  /** Handles one model call: refuses bad input before anything is sent, else streams the upstream's answer to the caller. */
  async handleModelCall(endpoint: GatewayEndpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const startedAt = performance.now();
    let call: PreparedCall;
    try {
      call = this.prepare(endpoint, request);
    } catch (error) {
      this.calls.total += 1;
      this.calls.refused += 1;
      throw error;
    }
    reply.hijack();
    const { gateway } = this.context.config;
    const record = await callUpstream(call.upstream, {
      response: reply.raw,
      answerHeaders: call.answerHeaders,
      ...(call.usageInjected ? { filter: new InjectedUsageFilter() } : {}),
      captureLimitBytes: gateway.captureLimitBytes,
      retries: gateway.retries,
      startedAt,
    });
    this.finished.push([call, record]);
    if (this.finished.length === 1) setImmediate(() => this.afterCalls());
  }

  /** The after-call work of the calls that ended since the last turn, in one immediate (one per call cost more). */
  private afterCalls(): void {
    for (const [call, record] of this.finished.splice(0)) this.afterCall(call, record);
  }

  private prepare(endpoint: GatewayEndpoint, request: FastifyRequest): PreparedCall {
    const startTime = this.context.clock.now();
    const raw = request.body;
    const parsed = isRawJsonBody(raw) ? raw.json : raw;
    const problem = bodyProblem(endpoint, parsed);
    if (problem !== null) throw new GatewayError(400, problem.message, { param: problem.param });
    const body = parsed as Record<string, unknown>;
    const context = readCallContext(request.headers);
    const route = routeCall(body.model as string, endpoint.spanKind, context, this.context.config.tasks, this.providers);
    const { gateway } = this.context.config;
    const authorization = upstreamAuthorization(route.provider, request.headers, gateway.passthroughUpstreamAuthorization);
    const streamed = body.stream === true;
    const usageInjected = streamed && endpoint.injectsUsage && gateway.allowUsageInjection && !asksForUsage(body);
    const headers = upstreamHeaders(request.headers, route.provider, authorization);
    let payload: Buffer | string;
    if (isRawJsonBody(raw) && route.model === body.model && !usageInjected) payload = raw.bytes;
    else {
      payload = JSON.stringify(sentBody(body, route.model, usageInjected));
      headers['content-type'] = 'application/json';
    }
    const spanId = newSpanId();
    return {
      endpoint,
      body,
      context,
      route,
      spanId,
      traceId: context.traceId ?? newTraceId(),
      startTime,
      streamed,
      usageInjected,
      environment: context.environment,
      projectId: projectOf(request),
      incomingHeaders: request.headers,
      upstream: { provider: route.provider, method: 'POST', path: route.provider.basePath + endpoint.upstreamPath + queryOf(request.url), headers, body: payload },
      answerHeaders: route.variant === undefined ? { 'x-genchi-span-id': spanId } : { 'x-genchi-span-id': spanId, 'x-genchi-variant': route.variant.name },
    };
  }

  /** Off the caller's path: counts, span, model tracking and shadows; a failure here never reaches the caller. */
  private afterCall(call: PreparedCall, record: CallRecord): void {
    this.count(record);
    try {
      const reading = call.endpoint.read(answerText(record), call.streamed, record.status);
      this.log.push(call.projectId, buildSpan(call, record, reading));
      if (call.endpoint.spanKind === 'llm' && reading.resolvedModel !== undefined && record.status < 400) {
        const { task } = call.context;
        this.tracker.observe({ projectId: call.projectId, task, provider: call.route.provider.name, requestedModel: call.route.model, resolvedModel: reading.resolvedModel, at: call.startTime });
      }
      const shadow = call.route.task?.shadow ?? [];
      if (shadow.length > 0 && call.endpoint.shadowable && record.outcome === 'complete' && record.status < 400) {
        for (const target of shadow) if (Math.random() < target.share) this.shadows.submit(() => this.shadowCall(call, target.model));
      }
    } catch (error) {
      this.log.counters.droppedBuildFailed += 1;
      this.log.counters.lastError = `building a span failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private count(record: CallRecord): void {
    this.calls.total += 1;
    this.calls.retries += record.attempts - 1;
    if (record.outcome === 'cancelled') this.calls.cancelled += 1;
    else if (record.outcome === 'failed' && record.status >= 502) this.calls.upstreamFailures += 1;
    else if (record.status >= 400) this.calls.upstreamErrors += 1;
  }

  /** Sends a copy of a finished call to a shadow model and logs its answer as a `shadow` span under the primary one. */
  private async shadowCall(primary: PreparedCall, reference: string): Promise<boolean> {
    const { provider, model } = this.providers.resolve(reference);
    if (provider.authorization === null && provider.missingKeyEnv !== null) return false;
    const { gateway } = this.context.config;
    const usageInjected = primary.streamed && primary.endpoint.injectsUsage && gateway.allowUsageInjection && !asksForUsage(primary.body);
    const headers = upstreamHeaders(primary.incomingHeaders, provider, provider.authorization);
    headers['content-type'] = 'application/json';
    const path = provider.basePath + primary.endpoint.upstreamPath;
    const startTime = this.context.clock.now();
    const upstream: UpstreamRequest = { provider, method: 'POST', path, headers, body: JSON.stringify(sentBody(primary.body, model, usageInjected)) };
    const record = await callUpstream(upstream, { response: null, captureLimitBytes: gateway.captureLimitBytes, retries: 0, startedAt: performance.now() });
    const route = { provider, model, requestedModel: primary.route.model, task: primary.route.task };
    const call: CallFacts = { ...primary, route, spanId: newSpanId(), parentId: primary.spanId, startTime, usageInjected, environment: shadowEnvironment, shadowOf: primary.spanId };
    const reading = primary.endpoint.read(answerText(record), primary.streamed, record.status);
    this.log.push(primary.projectId, buildSpan(call, record, reading));
    return record.outcome === 'complete' && record.status < 400 && reading.error === undefined;
  }

  /** The gateway's counters since start. */
  stats(): GatewayStats {
    const { counters } = this.log;
    return {
      since: this.since,
      calls: { ...this.calls },
      log: { ...counters, buffered: this.log.buffered, inFlight: this.log.inFlight },
      shadow: { ...this.shadows.counters, running: this.shadows.running, queued: this.shadows.queued },
      trackingErrors: this.trackingErrors,
    };
  }

  /** The project's tasks as the gateway sees them: configuration and the models their traffic met. */
  async tasks(projectId: string): Promise<GatewayTaskView[]> {
    return gatewayTaskViews(this.context.config.tasks, await this.context.storage.taskModels.listTaskModels(projectId));
  }

  /** Waits (boundedly) for shadows, buffered spans and model tracking, then closes the upstream pools. */
  async close(): Promise<void> {
    await this.shadows.idle(2_000);
    await this.log.idle(5_000);
    await this.tracker.idle();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2_000)));
    const closed = await Promise.race([this.providers.close().then(() => 'closed' as const), late]);
    clearTimeout(timer);
    if (closed === 'late') await Promise.all(this.providers.list().map((provider) => provider.pool.destroy()));
  }
}
