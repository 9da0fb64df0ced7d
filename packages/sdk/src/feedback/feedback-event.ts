import type { FeedbackInputBody, FeedbackKind } from '@genchi/spec';

/** Explicit feedback: thumbs (with an optional comment), a rating from 1 to `scale` (default 5), or a comment alone. */
export type ExplicitFeedback =
  | { thumbs: 'up' | 'down'; comment?: string }
  | { rating: number; scale?: number; comment?: string }
  | { comment: string };

/** Implicit feedback: what the user did with the output; an edit carries the text they kept (and, if known, the text they saw). */
export type ImplicitFeedback =
  | { event: 'accepted' | 'ignored' | 'regenerated' | 'copied' }
  | { event: 'edited'; finalText: string; originalText?: string };

/** Options of any feedback event. */
export interface FeedbackOptions {
  /** The event's id; send the same id again to replace the event (a changed vote, say). Generated when absent. */
  id?: string;
  traceId?: string;
  userId?: string;
  sessionId?: string;
  environment?: string;
  metadata?: Record<string, unknown>;
}

/** A feedback event as the SDK takes it. */
export type FeedbackEvent = (ExplicitFeedback | ImplicitFeedback) & FeedbackOptions;

const implicitKinds: readonly string[] = ['accepted', 'edited', 'ignored', 'regenerated', 'copied'];

/** Which kind an event is, read from its fields in order of precedence, as data. */
const kindReaders: ReadonlyArray<(event: Record<string, unknown>) => FeedbackKind | undefined> = [
  (event) => (typeof event.event === 'string' && implicitKinds.includes(event.event) ? (event.event as FeedbackKind) : undefined),
  (event) => (event.thumbs === 'up' || event.thumbs === 'down' ? 'thumbs' : undefined),
  (event) => (typeof event.rating === 'number' ? 'rating' : undefined),
  (event) => (typeof event.comment === 'string' ? 'comment' : undefined),
];

const copied = ['thumbs', 'rating', 'scale', 'comment', 'finalText', 'originalText', 'traceId', 'userId', 'sessionId', 'environment', 'metadata'] as const;

/**
 * The wire body (`feedback` of `POST /v1/ingest`, or `POST /v1/feedback`) of an event on a span, or
 * a message saying what is wrong with it. The server checks the body again and derives the label.
 */
export function feedbackBody(spanId: unknown, event: FeedbackEvent, id: string, now: number): FeedbackInputBody | string {
  if (typeof spanId !== 'string' || spanId === '') return 'feedback needs the id of the span it is about';
  if (event === null || typeof event !== 'object') return 'feedback needs an event such as { thumbs: "up" }';
  const fields = event as unknown as Record<string, unknown>;
  let kind: FeedbackKind | undefined;
  for (const read of kindReaders) {
    kind = read(fields);
    if (kind !== undefined) break;
  }
  if (kind === undefined) return 'feedback needs thumbs, rating, comment, or event: accepted | edited | ignored | regenerated | copied';
  if (kind === 'edited' && typeof fields.finalText !== 'string') return 'an edited event needs finalText, the text the user kept';
  const body: Record<string, unknown> = { id: typeof event.id === 'string' && event.id !== '' ? event.id : id, spanId, kind, createdAt: now };
  for (const key of copied) {
    if (fields[key] !== undefined) body[key] = fields[key];
  }
  return body as unknown as FeedbackInputBody;
}
