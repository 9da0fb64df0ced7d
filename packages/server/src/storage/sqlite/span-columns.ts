import type { SpanRecord } from '@genchi/core';
import type { CostSource, SpanKind, SpanStatus, ToolCall } from '@genchi/spec';

/** Columns of the compact `spans` table after `row` and `project`, in insert order. */
export const compactColumns = [
  'start_time', 'id', 'trace_id', 'parent_id', 'kind', 'name', 'task', 'environment', 'end_time', 'latency_ms',
  'ttft_ms', 'provider', 'model', 'resolved_model', 'input_tokens', 'output_tokens', 'total_tokens',
  'cached_input_tokens', 'reasoning_tokens', 'cost_usd', 'cost_source', 'status', 'error_type', 'error_message',
  'user_id', 'session_id', 'prompt_id', 'prompt_version', 'tags', 'flags', 'defaulted', 'input_preview', 'output_preview',
] as const;

/** Columns of `span_bodies` after `row`, in insert order. */
export const bodyColumns = ['params', 'input', 'output', 'tool_calls', 'metadata', 'attributes', 'raw'] as const;

/** A compact row as read back: column name to value. */
export type CompactRow = { row: number } & Record<(typeof compactColumns)[number], unknown>;
/** A body row as read back. */
export type BodyRow = Record<(typeof bodyColumns)[number], string | null>;

const provisionalStart = 1;
const inputEstimated = 2;
const outputEstimated = 4;

/** A span split into the values of its compact row and its body row, bodies as JSON text. */
export interface SpanRows {
  compact: unknown[];
  bodies: Array<string | null>;
}

const objectText = (value: Record<string, unknown>): string | null => (Object.keys(value).length === 0 ? null : JSON.stringify(value));
const anyText = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Splits a record into row values (done on the request thread, so the writer only binds them). */
export function spanToRows(record: SpanRecord): SpanRows {
  const flags =
    (record.startTimeProvisional ? provisionalStart : 0) |
    (record.inputTokensEstimated ? inputEstimated : 0) |
    (record.outputTokensEstimated ? outputEstimated : 0);
  return {
    compact: [
      record.startTime, record.id, record.traceId, record.parentId, record.kind, record.name, record.task,
      record.environment, record.endTime, record.latencyMs, record.ttftMs, record.provider, record.model,
      record.resolvedModel, record.inputTokens, record.outputTokens, record.totalTokens, record.cachedInputTokens,
      record.reasoningTokens, record.costUsd, record.costSource, record.status, record.errorType, record.errorMessage,
      record.userId, record.sessionId, record.promptId, record.promptVersion,
      record.tags.length === 0 ? null : JSON.stringify(record.tags), flags, record.defaulted, record.inputPreview,
      record.outputPreview,
    ],
    bodies: [
      objectText(record.params), anyText(record.input), anyText(record.output),
      record.toolCalls.length === 0 ? null : JSON.stringify(record.toolCalls), objectText(record.metadata),
      objectText(record.attributes), anyText(record.raw),
    ],
  };
}

/** The compact row values of `rows` as a column-keyed object (for re-reading what is about to be written). */
export function compactRowOf(row: number, values: readonly unknown[]): CompactRow {
  const result: Record<string, unknown> = { row };
  compactColumns.forEach((column, index) => (result[column] = values[index]));
  return result as CompactRow;
}

/** The body row values of `rows` as a column-keyed object. */
export function bodyRowOf(values: ReadonlyArray<string | null>): BodyRow {
  const result: Record<string, string | null> = {};
  bodyColumns.forEach((column, index) => (result[column] = values[index] ?? null));
  return result as BodyRow;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const number = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const parsed = <Value>(value: string | null | undefined, empty: Value): Value => (value ? (JSON.parse(value) as Value) : empty);

/** Rebuilds a record from its compact row and, when read, its body row. */
export function rowsToSpan(compact: CompactRow, bodies: BodyRow | null): SpanRecord {
  const flags = Number(compact.flags);
  return {
    id: String(compact.id),
    traceId: String(compact.trace_id),
    parentId: text(compact.parent_id),
    kind: compact.kind as SpanKind,
    name: String(compact.name),
    task: String(compact.task),
    environment: String(compact.environment),
    startTime: Number(compact.start_time),
    startTimeProvisional: (flags & provisionalStart) !== 0,
    endTime: number(compact.end_time),
    latencyMs: number(compact.latency_ms),
    ttftMs: number(compact.ttft_ms),
    provider: text(compact.provider),
    model: text(compact.model),
    resolvedModel: text(compact.resolved_model),
    inputTokens: number(compact.input_tokens),
    outputTokens: number(compact.output_tokens),
    totalTokens: number(compact.total_tokens),
    cachedInputTokens: number(compact.cached_input_tokens),
    reasoningTokens: number(compact.reasoning_tokens),
    inputTokensEstimated: (flags & inputEstimated) !== 0,
    outputTokensEstimated: (flags & outputEstimated) !== 0,
    costUsd: number(compact.cost_usd),
    costSource: text(compact.cost_source) as CostSource | null,
    status: compact.status as SpanStatus,
    errorType: text(compact.error_type),
    errorMessage: text(compact.error_message),
    userId: text(compact.user_id),
    sessionId: text(compact.session_id),
    promptId: text(compact.prompt_id),
    promptVersion: text(compact.prompt_version),
    tags: parsed<string[]>(text(compact.tags), []),
    inputPreview: String(compact.input_preview),
    outputPreview: String(compact.output_preview),
    defaulted: Number(compact.defaulted),
    params: parsed(bodies?.params, {}),
    input: parsed<unknown>(bodies?.input, undefined),
    output: parsed<unknown>(bodies?.output, undefined),
    toolCalls: parsed<ToolCall[]>(bodies?.tool_calls, []),
    metadata: parsed(bodies?.metadata, {}),
    attributes: parsed(bodies?.attributes, {}),
    raw: parsed<unknown>(bodies?.raw, undefined),
  };
}

const at = (column: (typeof compactColumns)[number]): number => compactColumns.indexOf(column);
const columnIndex = { id: at('id'), traceId: at('trace_id'), userId: at('user_id'), sessionId: at('session_id'), tags: at('tags') };

/** The lookup keys of a span from its compact row values, without rebuilding the record (the writer's hot path). */
export function spanKeyValuesOfRow(compact: readonly unknown[]): ReturnType<typeof spanKeyValues> {
  const tags = compact[columnIndex.tags];
  return spanKeyValues({
    id: compact[columnIndex.id] as string,
    traceId: compact[columnIndex.traceId] as string,
    userId: (compact[columnIndex.userId] as string | null) ?? null,
    sessionId: (compact[columnIndex.sessionId] as string | null) ?? null,
    tags: typeof tags === 'string' ? (JSON.parse(tags) as string[]) : [],
  });
}

/** The lookup keys a span is found by: its id, trace, user, session and tags. */
export function spanKeyValues(record: Pick<SpanRecord, 'id' | 'traceId' | 'userId' | 'sessionId' | 'tags'>) {
  const keys: Array<['spanId' | 'traceId' | 'userId' | 'sessionId' | 'tag', string]> = [
    ['spanId', record.id],
    ['traceId', record.traceId],
  ];
  if (record.userId !== null) keys.push(['userId', record.userId]);
  if (record.sessionId !== null) keys.push(['sessionId', record.sessionId]);
  for (const tag of record.tags) keys.push(['tag', tag]);
  return keys;
}
