import { labelNameOf } from '@genchi/core/writing';
import type { EditDiff, Feedback, FeedbackKind, LabelStrength } from '@genchi/spec';

/** Columns of `feedback` after `row` and `project`, in insert order. */
export const feedbackColumns = [
  'created_at', 'id', 'span_id', 'trace_id', 'kind', 'thumbs', 'rating', 'scale', 'comment', 'final_text', 'diff',
  'label_strength', 'user_id', 'session_id', 'environment', 'metadata',
] as const;

/** A feedback row as read back. */
export type FeedbackRow = Record<(typeof feedbackColumns)[number], string | number | null>;

/** The row values of a derived feedback event. */
export function feedbackToRow(feedback: Feedback): unknown[] {
  return [
    Date.parse(feedback.createdAt), feedback.id, feedback.spanId, feedback.traceId, feedback.kind, feedback.thumbs,
    feedback.rating, feedback.scale, feedback.comment, feedback.finalText,
    feedback.diff === null ? null : JSON.stringify(feedback.diff), feedback.labelStrength, feedback.userId,
    feedback.sessionId, feedback.environment, Object.keys(feedback.metadata).length === 0 ? null : JSON.stringify(feedback.metadata),
  ];
}

const text = (value: string | number | null): string | null => (value === null ? null : String(value));
const number = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** A stored feedback event from its row. */
export function rowToFeedback(row: FeedbackRow): Feedback {
  const labelStrength = Number(row.label_strength) as LabelStrength;
  return {
    id: String(row.id),
    spanId: String(row.span_id),
    traceId: text(row.trace_id),
    kind: row.kind as FeedbackKind,
    thumbs: text(row.thumbs) as Feedback['thumbs'],
    rating: number(row.rating),
    scale: number(row.scale),
    comment: text(row.comment),
    finalText: text(row.final_text),
    diff: row.diff === null ? null : (JSON.parse(String(row.diff)) as EditDiff),
    labelStrength,
    label: labelNameOf(labelStrength),
    userId: text(row.user_id),
    sessionId: text(row.session_id),
    environment: text(row.environment),
    metadata: row.metadata === null ? {} : (JSON.parse(String(row.metadata)) as Record<string, unknown>),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
