import type { EditDiff, Feedback, FeedbackInput, ScoreInput } from '@genchi/spec';
import { defaultRatingScale, feedbackScore } from '@genchi/spec/values';
import { editDiff } from './edit-diff.js';
import { labelNameOf, labelStrengthOf } from './label-strength.js';

/** What deriving a feedback event needs besides the event. */
export interface FeedbackContext {
  /** The text of the span's output, or null when the span is not (yet) stored. */
  spanOutputText: string | null;
  /** Stands in for a missing `createdAt`. */
  now: number;
}

function diffOf(input: FeedbackInput, context: FeedbackContext): EditDiff | null {
  if (input.kind !== 'edited' || input.finalText === undefined) return null;
  if (input.originalText !== undefined) return editDiff(input.originalText, input.finalText, 'event');
  if (context.spanOutputText !== null) return editDiff(context.spanOutputText, input.finalText, 'span-output');
  return null;
}

/** A stored feedback event from its input: the edit's diff, the label strength and its name. */
export function deriveFeedback(input: FeedbackInput, context: FeedbackContext): Feedback {
  const diff = diffOf(input, context);
  const labelStrength = labelStrengthOf({
    kind: input.kind,
    thumbs: input.thumbs,
    rating: input.rating,
    scale: input.scale,
    changedShare: diff?.changedShare ?? null,
  });
  return {
    id: input.id,
    spanId: input.spanId,
    traceId: input.traceId ?? null,
    kind: input.kind,
    thumbs: input.thumbs ?? null,
    rating: input.rating ?? null,
    scale: input.kind === 'rating' ? (input.scale ?? defaultRatingScale) : (input.scale ?? null),
    comment: input.comment ?? null,
    finalText: input.finalText ?? null,
    diff,
    labelStrength,
    label: labelNameOf(labelStrength),
    userId: input.userId ?? null,
    sessionId: input.sessionId ?? null,
    environment: input.environment ?? null,
    metadata: input.metadata ?? {},
    createdAt: new Date(input.createdAt ?? context.now).toISOString(),
  };
}

/**
 * The score a feedback event writes on its span: `source: 'feedback'`, `name: 'feedback'`, the label
 * strength as its value, and the event kind in its metadata. Its id follows from the event's, so a
 * resent event replaces its score instead of adding one.
 */
export function feedbackScoreOf(feedback: Feedback): ScoreInput {
  const reason = feedback.comment ?? undefined;
  return {
    id: `${feedbackScore.idPrefix}${feedback.id}`,
    spanId: feedback.spanId,
    ...(feedback.traceId === null ? {} : { traceId: feedback.traceId }),
    name: feedbackScore.name,
    value: feedback.labelStrength,
    source: feedbackScore.source,
    status: 'ok',
    ...(reason === undefined ? {} : { reason }),
    ...(feedback.environment === null ? {} : { environment: feedback.environment }),
    metadata: { kind: feedback.kind, feedbackId: feedback.id, label: feedback.label },
    createdAt: Date.parse(feedback.createdAt),
  };
}
