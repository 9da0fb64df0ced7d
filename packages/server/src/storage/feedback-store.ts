import type { Feedback, FeedbackInput, IngestItemStatus } from '@genchi/spec';

/** Feedback events from the product: append-heavy, idempotent by id, read per span. */
export interface FeedbackStore {
  /**
   * Writes feedback events, each with its derived label (an edit diffed against the span's stored
   * output when the event carries no original text) and its `feedback` score on the span, the two
   * together or not at all; a stored id is replaced. Resolves once durable.
   */
  writeFeedback(projectId: string, events: readonly FeedbackInput[]): Promise<Array<Exclude<IngestItemStatus, 'rejected'>>>;
  /** The feedback of a span, oldest first. */
  feedbackOfSpan(projectId: string, spanId: string): Promise<Feedback[]>;
  /** One feedback event by id, or null. */
  getFeedback(projectId: string, id: string): Promise<Feedback | null>;
}
