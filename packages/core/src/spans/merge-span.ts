import type { SpanInput, UsageInput } from '@genchi/spec';
import { deriveSpanRecord, type DeriveContext } from './derive-span.js';
import { defaultedBit, type DefaultableSpanField, type SpanRecord } from './span-record.js';

/** Drops the keys whose value is null or undefined. */
function withoutEmpty<T extends object>(value: T): { [Key in keyof T]?: NonNullable<T[Key]> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined)) as {
    [Key in keyof T]?: NonNullable<T[Key]>;
  };
}

/** What a caller said about a stored span: its record less the values genchi computed or defaulted itself. */
export function reportedInput(record: SpanRecord): SpanInput {
  const named = <Value>(field: DefaultableSpanField, value: Value): Value | null =>
    (record.defaulted & defaultedBit(field)) === 0 ? value : null;
  const usage: UsageInput = withoutEmpty({
    inputTokens: record.inputTokensEstimated ? null : record.inputTokens,
    outputTokens: record.outputTokensEstimated ? null : record.outputTokens,
    totalTokens: record.inputTokensEstimated || record.outputTokensEstimated ? null : record.totalTokens,
    cachedInputTokens: record.cachedInputTokens,
    reasoningTokens: record.reasoningTokens,
  });
  return {
    ...withoutEmpty({
      parentId: record.parentId,
      kind: named('kind', record.kind),
      name: named('name', record.name),
      task: named('task', record.task),
      environment: named('environment', record.environment),
      startTime: record.startTimeProvisional ? null : record.startTime,
      endTime: record.endTime,
      ttftMs: record.ttftMs,
      provider: record.provider,
      model: record.model,
      resolvedModel: record.resolvedModel,
      costUsd: record.costSource === 'reported' ? record.costUsd : null,
      status: named('status', record.status),
      error: record.errorMessage === null ? null : { message: record.errorMessage, ...withoutEmpty({ type: record.errorType }) },
      userId: record.userId,
      sessionId: record.sessionId,
      promptId: record.promptId,
      promptVersion: record.promptVersion,
      input: record.input,
      output: record.output,
      raw: record.raw,
    }),
    id: record.id,
    traceId: record.traceId,
    params: record.params,
    toolCalls: record.toolCalls,
    usage,
    tags: record.tags,
    metadata: record.metadata,
    attributes: record.attributes,
  };
}

/**
 * Merges a later record about a span into the stored one, whatever order they arrived in:
 * fields the new record names win, objects merge key by key, tags join, and derived values
 * (latency, token estimates, cost, previews) are computed again from the merged whole.
 */
export function mergeSpanRecord(existing: SpanRecord, incoming: SpanInput, context: DeriveContext): SpanRecord {
  const base = reportedInput(existing);
  const merged: SpanInput = {
    ...base,
    ...withoutEmpty(incoming),
    params: { ...base.params, ...incoming.params },
    usage: { ...base.usage, ...incoming.usage },
    metadata: { ...base.metadata, ...incoming.metadata },
    attributes: { ...base.attributes, ...incoming.attributes },
    tags: [...new Set([...(base.tags ?? []), ...(incoming.tags ?? [])])],
    toolCalls: incoming.toolCalls ?? base.toolCalls ?? [],
  };
  if (incoming.error !== undefined && incoming.status === undefined) merged.status = 'error';
  const record = deriveSpanRecord(merged, context);
  if (existing.startTimeProvisional && incoming.startTime === undefined) record.startTime = existing.startTime;
  return record;
}
