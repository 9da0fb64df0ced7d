import type { SpanInput, SpanKind } from '@genchi/spec';
import { defaultEnvironment, defaultTask } from '@genchi/spec/values';
import type { PriceBook } from '../pricing/price-book.js';
import { countTokens } from '../tokens/count-tokens.js';
import { bodyText, previewText } from './message-text.js';
import { defaultedBit, type SpanRecord } from './span-record.js';

/** What deriving a span needs besides the span. */
export interface DeriveContext {
  prices: PriceBook;
  /** Epoch milliseconds used as the start of a span whose start no record has named yet. */
  now: number;
}

const tokenKinds: ReadonlySet<SpanKind> = new Set(['llm', 'embedding']);

function inferKind(input: SpanInput): SpanKind {
  if (input.kind) return input.kind;
  return input.model !== undefined || input.usage !== undefined ? 'llm' : 'span';
}

function metadataTask(metadata: Record<string, unknown> | undefined): string | undefined {
  const task = metadata?.task;
  return typeof task === 'string' && task !== '' ? task.slice(0, 200) : undefined;
}

function estimateTokens(kind: SpanKind, body: unknown): number | null {
  if (!tokenKinds.has(kind) || body === undefined || body === null) return null;
  return countTokens(bodyText(body));
}

/** Turns a parsed span body into the record a store keeps: defaults, latency, token estimates, cost, previews. */
export function deriveSpanRecord(input: SpanInput, context: DeriveContext): SpanRecord {
  const kind = inferKind(input);
  const startTime = input.startTime ?? context.now;
  const endTime = input.endTime ?? null;
  const usage = input.usage ?? {};
  const estimatedInput = usage.inputTokens === undefined ? estimateTokens(kind, input.input) : null;
  const outputBody = input.output ?? (input.toolCalls && input.toolCalls.length > 0 ? input.toolCalls : undefined);
  const estimatedOutput =
    usage.outputTokens === undefined ? (kind === 'embedding' ? 0 : estimateTokens(kind, outputBody)) : null;
  const inputTokens = usage.inputTokens ?? estimatedInput;
  const outputTokens = usage.outputTokens ?? estimatedOutput;
  const totalTokens = usage.totalTokens ?? (inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null);
  const pricedModel = input.resolvedModel ?? input.model;
  const computedCost =
    input.costUsd === undefined && pricedModel !== undefined && inputTokens !== null
      ? context.prices.costOf(pricedModel, { inputTokens, outputTokens: outputTokens ?? 0, cachedInputTokens: usage.cachedInputTokens ?? null })
      : null;
  const status = input.status ?? (input.error ? 'error' : 'ok');
  const task = input.task ?? metadataTask(input.metadata);
  const defaulted =
    (input.kind === undefined ? defaultedBit('kind') : 0) |
    (input.name === undefined ? defaultedBit('name') : 0) |
    (task === undefined ? defaultedBit('task') : 0) |
    (input.environment === undefined ? defaultedBit('environment') : 0) |
    (input.status === undefined ? defaultedBit('status') : 0);
  return {
    id: input.id,
    traceId: input.traceId,
    parentId: input.parentId ?? null,
    kind,
    name: input.name ?? input.model ?? kind,
    task: task ?? defaultTask,
    environment: input.environment ?? defaultEnvironment,
    startTime,
    startTimeProvisional: input.startTime === undefined,
    endTime,
    latencyMs: endTime !== null && input.startTime !== undefined ? Math.max(0, endTime - startTime) : null,
    ttftMs: input.ttftMs ?? null,
    provider: input.provider ?? null,
    model: input.model ?? null,
    resolvedModel: input.resolvedModel ?? null,
    inputTokens,
    outputTokens,
    totalTokens,
    cachedInputTokens: usage.cachedInputTokens ?? null,
    reasoningTokens: usage.reasoningTokens ?? null,
    inputTokensEstimated: estimatedInput !== null,
    outputTokensEstimated: estimatedOutput !== null && kind !== 'embedding',
    costUsd: input.costUsd ?? computedCost,
    costSource: input.costUsd !== undefined ? 'reported' : computedCost !== null ? 'price-table' : null,
    status,
    errorType: input.error?.type ?? null,
    errorMessage: input.error?.message ?? null,
    userId: input.userId ?? null,
    sessionId: input.sessionId ?? null,
    promptId: input.promptId ?? null,
    promptVersion: input.promptVersion ?? null,
    tags: input.tags ? [...new Set(input.tags)] : [],
    inputPreview: previewText(input.input),
    outputPreview: previewText(outputBody),
    defaulted,
    params: input.params ?? {},
    input: input.input,
    output: input.output,
    toolCalls: input.toolCalls ?? [],
    metadata: input.metadata ?? {},
    attributes: input.attributes ?? {},
    raw: input.raw,
  };
}
