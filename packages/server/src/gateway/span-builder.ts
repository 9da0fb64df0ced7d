import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { GatewaySpanMetadata, SpanInput } from '@genchi/spec';
import type { CallContext } from './context-headers.js';
import type { ExchangeReading } from './exchange-reading.js';
import { paramsOf, type GatewayEndpoint } from './gateway-endpoints.js';
import type { CallRoute } from './call-route.js';
import type { CallRecord } from './upstream-call.js';

/** Everything known about a call besides its upstream exchange, for its span. */
export interface CallFacts {
  endpoint: GatewayEndpoint;
  /** The body as the caller sent it. */
  body: Record<string, unknown>;
  context: CallContext;
  route: CallRoute;
  spanId: string;
  traceId: string;
  parentId?: string;
  /** Epoch milliseconds when the call began. */
  startTime: number;
  streamed: boolean;
  usageInjected: boolean;
  /** `shadow` for a shadow call; the caller's environment otherwise. */
  environment: string;
  /** The primary span a shadow call mirrors. */
  shadowOf?: string;
}

const inflaters: Record<string, (bytes: Buffer) => Buffer> = { gzip: gunzipSync, 'x-gzip': gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/** The answer's text as the upstream sent it, inflated if the upstream compressed it anyway. */
export function answerText(record: CallRecord): string {
  const bytes = record.chunks.length === 1 ? (record.chunks[0] as Buffer) : Buffer.concat(record.chunks);
  const encoding = String(record.headers?.['content-encoding'] ?? '').toLowerCase();
  const inflate = inflaters[encoding];
  if (inflate === undefined || record.truncated) return bytes.toString('utf8');
  try {
    return inflate(bytes).toString('utf8');
  } catch {
    return bytes.toString('utf8');
  }
}

function statusOf(record: CallRecord, reading: ExchangeReading): Pick<SpanInput, 'status' | 'error'> {
  if (record.outcome === 'cancelled') return { status: 'cancelled', error: { type: 'cancelled', message: record.failure ?? 'cancelled' } };
  if (record.outcome === 'failed') return { status: 'error', error: { type: 'upstream_failure', message: record.failure ?? 'the upstream call failed' } };
  if (record.status >= 400 || reading.error !== undefined) {
    return { status: 'error', error: reading.error ?? { type: 'upstream_error', message: `upstream answered ${record.status}` } };
  }
  return { status: 'ok' };
}

function metadataOf(call: CallFacts, record: CallRecord, reading: ExchangeReading): GatewaySpanMetadata {
  const { route } = call;
  const metadata: GatewaySpanMetadata = { via: 'gateway', upstreamStatus: record.status };
  if (route.requestedModel !== route.model) metadata.requestedModel = route.requestedModel;
  if (route.pinnedModel !== undefined) metadata.pinnedModel = route.pinnedModel;
  if (route.variant !== undefined) {
    metadata.variant = route.variant.name;
    metadata.variantStickyBy = route.variant.stickyBy;
  }
  if (call.usageInjected) metadata.usageInjected = true;
  if (call.shadowOf !== undefined) metadata.shadowOf = call.shadowOf;
  if (record.attempts > 1) metadata.attempts = record.attempts;
  if (record.truncated) metadata.outputTruncated = true;
  if (reading.incomplete === true && record.outcome === 'complete') metadata.streamIncomplete = true;
  if (reading.finishReason !== undefined) metadata.finishReason = reading.finishReason;
  return metadata;
}

function tagsOf(call: CallFacts): string[] | undefined {
  const tags = call.context.tags === undefined ? [] : [...call.context.tags];
  if (call.route.variant !== undefined) tags.push(`variant:${call.route.variant.name}`);
  if (call.shadowOf !== undefined) tags.push('shadow');
  return tags.length === 0 ? undefined : tags.slice(0, 50);
}

/** Builds the span of a finished gateway call, in the shape the native ingest accepts. */
export function buildSpan(call: CallFacts, record: CallRecord, reading: ExchangeReading): SpanInput {
  const { context, route, endpoint } = call;
  const span: SpanInput = {
    id: call.spanId,
    traceId: call.traceId,
    kind: endpoint.spanKind,
    name: endpoint.name,
    task: context.task,
    environment: call.environment,
    startTime: call.startTime,
    endTime: call.startTime + record.endMs,
    provider: route.provider.name,
    model: route.model.slice(0, 200),
    params: paramsOf(endpoint, call.body),
    input: endpoint.input(call.body),
    metadata: metadataOf(call, record, reading),
    ...statusOf(record, reading),
  };
  const parentId = call.parentId ?? context.parentId;
  if (parentId !== undefined) span.parentId = parentId;
  if (call.streamed && record.firstByteMs !== null) span.ttftMs = record.firstByteMs;
  if (reading.resolvedModel !== undefined) span.resolvedModel = reading.resolvedModel;
  if (reading.output !== undefined) span.output = reading.output;
  if (reading.toolCalls !== undefined) span.toolCalls = reading.toolCalls.slice(0, 1000);
  if (reading.usage !== undefined) span.usage = reading.usage;
  if (context.userId !== undefined) span.userId = context.userId;
  if (context.sessionId !== undefined) span.sessionId = context.sessionId;
  if (context.promptId !== undefined) span.promptId = context.promptId;
  const promptVersion = context.promptVersion ?? route.variant?.promptVersion;
  if (promptVersion !== undefined) span.promptVersion = promptVersion;
  const tags = tagsOf(call);
  if (tags !== undefined) span.tags = tags;
  const requestId = record.headers?.['x-request-id'];
  if (reading.responseId !== undefined || typeof requestId === 'string') {
    span.raw = { ...(reading.responseId === undefined ? {} : { responseId: reading.responseId }), ...(typeof requestId === 'string' ? { requestId } : {}) };
  }
  return span;
}
