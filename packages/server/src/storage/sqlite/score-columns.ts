import type { Score, ScoreInput, ScoreSource, ScoreStatus } from '@genchi/spec';
import { scoreValueType, type ScoreValueType } from '@genchi/spec/values';

/** Columns of `scores` after `row` and `project`, in insert order. */
export const scoreColumns = [
  'created_at', 'id', 'span_id', 'trace_id', 'name', 'value', 'value_type', 'source', 'status', 'reason',
  'criterion_id', 'criterion_version', 'assertion_id', 'environment', 'metadata',
] as const;

/** A score row as read back. */
export type ScoreRow = Record<(typeof scoreColumns)[number], string | number | null>;

/** The row values of a score (`now` stands in for a missing creation time). */
export function scoreToRow(score: ScoreInput, now: number): unknown[] {
  return [
    score.createdAt ?? now, score.id, score.spanId, score.traceId ?? null, score.name, JSON.stringify(score.value),
    scoreValueType(score.value), score.source, score.status, score.reason ?? null, score.criterionId ?? null,
    score.criterionVersion ?? null, score.assertionId ?? null, score.environment ?? null,
    score.metadata && Object.keys(score.metadata).length > 0 ? JSON.stringify(score.metadata) : null,
  ];
}

const text = (value: string | number | null): string | null => (value === null ? null : String(value));

/** A stored score from its row. */
export function rowToScore(row: ScoreRow): Score {
  return {
    id: String(row.id),
    spanId: String(row.span_id),
    traceId: text(row.trace_id),
    name: String(row.name),
    value: row.value === null ? null : (JSON.parse(String(row.value)) as Score['value']),
    valueType: text(row.value_type) as ScoreValueType | null,
    source: row.source as ScoreSource,
    status: row.status as ScoreStatus,
    reason: text(row.reason),
    criterionId: text(row.criterion_id),
    criterionVersion: row.criterion_version === null ? null : Number(row.criterion_version),
    assertionId: text(row.assertion_id),
    environment: text(row.environment),
    metadata: row.metadata === null ? {} : (JSON.parse(String(row.metadata)) as Record<string, unknown>),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
