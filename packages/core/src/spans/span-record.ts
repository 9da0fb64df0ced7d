import type { CostSource, Span, SpanKind, SpanRow, SpanStatus, ToolCall } from '@genchi/spec';

/**
 * A span as the stores hold it: flat, times in epoch milliseconds, derived fields filled in,
 * and flags that say which values genchi computed (so that a later record can replace them).
 */
/** Fields that get a default when no record names them; a record keeps a bit for each one it defaulted. */
export const defaultableSpanFields = ['kind', 'name', 'task', 'environment', 'status'] as const;
export type DefaultableSpanField = (typeof defaultableSpanFields)[number];

/** The bit of a defaultable field in {@link SpanRecord.defaulted}. */
export function defaultedBit(field: DefaultableSpanField): number {
  return 1 << defaultableSpanFields.indexOf(field);
}

export interface SpanRecord {
  id: string;
  traceId: string;
  parentId: string | null;
  kind: SpanKind;
  name: string;
  task: string;
  environment: string;
  startTime: number;
  /** True when no record has named the start yet and `startTime` is when genchi first saw the span. */
  startTimeProvisional: boolean;
  endTime: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  provider: string | null;
  model: string | null;
  resolvedModel: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  /** True when genchi counted the input tokens itself because the caller sent none. */
  inputTokensEstimated: boolean;
  /** True when genchi counted the output tokens itself because the caller sent none. */
  outputTokensEstimated: boolean;
  costUsd: number | null;
  costSource: CostSource | null;
  status: SpanStatus;
  errorType: string | null;
  errorMessage: string | null;
  userId: string | null;
  sessionId: string | null;
  promptId: string | null;
  promptVersion: string | null;
  tags: string[];
  inputPreview: string;
  outputPreview: string;
  /** Bits of the fields in {@link defaultableSpanFields} whose value is genchi's default, not a caller's. */
  defaulted: number;
  params: Record<string, unknown>;
  input: unknown;
  output: unknown;
  toolCalls: ToolCall[];
  metadata: Record<string, unknown>;
  attributes: Record<string, unknown>;
  raw: unknown;
}

const iso = (milliseconds: number): string => new Date(milliseconds).toISOString();

/** The compact list form of a stored span. */
export function toSpanRow(record: SpanRecord): SpanRow {
  return {
    id: record.id,
    traceId: record.traceId,
    parentId: record.parentId,
    kind: record.kind,
    name: record.name,
    task: record.task,
    environment: record.environment,
    startTime: iso(record.startTime),
    endTime: record.endTime === null ? null : iso(record.endTime),
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
    provider: record.provider,
    model: record.model,
    resolvedModel: record.resolvedModel,
    usage: {
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      totalTokens: record.totalTokens,
      cachedInputTokens: record.cachedInputTokens,
      reasoningTokens: record.reasoningTokens,
      estimated: record.inputTokensEstimated || record.outputTokensEstimated,
    },
    costUsd: record.costUsd,
    costSource: record.costSource,
    status: record.status,
    errorMessage: record.errorMessage,
    userId: record.userId,
    sessionId: record.sessionId,
    promptId: record.promptId,
    promptVersion: record.promptVersion,
    tags: record.tags,
    inputPreview: record.inputPreview,
    outputPreview: record.outputPreview,
  };
}

/** The whole API form of a stored span, bodies included. */
export function toSpan(record: SpanRecord): Span {
  return {
    ...toSpanRow(record),
    params: record.params,
    input: record.input,
    output: record.output,
    toolCalls: record.toolCalls,
    error: record.errorMessage === null ? null : { type: record.errorType, message: record.errorMessage },
    metadata: record.metadata,
    attributes: record.attributes,
    raw: record.raw,
  };
}
