import type {
  FailureMode,
  FailureModeChange,
  FailureModeVersion,
  Page,
  ReviewEvent,
  ReviewItem,
  ReviewItemChange,
  ReviewItemQuery,
  ReviewQueue,
  ReviewSample,
  ReviewVerdict,
  Rotation,
  SampleOutcome,
  SamplingRule,
  SpanStatus,
} from '@genchi/spec';

/** A span about to enter a queue, with the compact facts the queue shows without reading the span. */
export interface NewReviewItem {
  spanId: string;
  traceId: string;
  stratum: string;
  spanStartTime: number;
  model: string | null;
  status: SpanStatus;
  inputPreview: string;
  outputPreview: string;
}

/** One draw of a task's day, as recorded. */
export interface NewReviewSample {
  task: string;
  day: string;
  seed: number;
  candidates: number;
  byStratum: Record<string, number>;
  assignedTo: string | null;
  drawnAt: number;
}

/** Who did something and when. */
export interface ReviewActor {
  actor: string | null;
  now: number;
}

/** A reviewed item's verdict and tags, for coverage over time. */
export interface ReviewActivity {
  task: string;
  reviewedAt: number;
  verdict: ReviewVerdict;
  failureModes: string[];
}

/** The records people edit during the daily review: rules, rotation, samples, items and failure modes. */
export interface ReviewStore {
  /** Every task's sampling rule. */
  listRules(projectId: string): Promise<SamplingRule[]>;
  /** One task's rule, or null. */
  getRule(projectId: string, task: string): Promise<SamplingRule | null>;
  /** Creates or replaces a task's rule. */
  putRule(projectId: string, rule: Omit<SamplingRule, 'updatedAt'>, now: number): Promise<SamplingRule>;
  /** Removes a task's rule; true when there was one. Its queue stays. */
  deleteRule(projectId: string, task: string): Promise<boolean>;

  /** The project's on-call rotation, or null. */
  getRotation(projectId: string): Promise<Rotation | null>;
  /** Creates or replaces the rotation. */
  putRotation(projectId: string, rotation: Omit<Rotation, 'updatedAt'>, now: number): Promise<Rotation>;

  /** The stored draw of a task's day, or null. */
  getSample(projectId: string, task: string, day: string): Promise<ReviewSample | null>;
  /**
   * Records a draw and its items in one transaction. A day drawn before keeps its first draw (the
   * answer says so); a span already in the task's queue is not added again.
   */
  recordSample(projectId: string, sample: NewReviewSample, items: readonly NewReviewItem[]): Promise<SampleOutcome>;
  /** Recent draws, newest day first. */
  listSamples(projectId: string, options: { task?: string; limit: number }): Promise<ReviewSample[]>;

  /** Items in queue order (day, then position), one page at a time. */
  listItems(projectId: string, query: ReviewItemQuery): Promise<Page<ReviewItem>>;
  /** One item, or null. */
  getItem(projectId: string, itemId: string): Promise<ReviewItem | null>;
  /**
   * Applies one action (the fields named) and records it for undo; unknown failure-mode ids must be
   * refused by the caller. Consecutive edits of the same text by the same actor within a minute are
   * one action. Null when there is no such item.
   */
  updateItem(projectId: string, itemId: string, change: ReviewItemChange, by: ReviewActor): Promise<ReviewItem | null>;
  /** Reverts the item's latest action that is not undone; `undone` is null when there was none. */
  undoItem(projectId: string, itemId: string, by: ReviewActor): Promise<{ item: ReviewItem; undone: ReviewEvent | null } | null>;
  /** The actions on an item, oldest first. */
  itemHistory(projectId: string, itemId: string): Promise<ReviewEvent[]>;
  /** Every task's queue: its latest day's progress, what waits and what was graded under old definitions. */
  queues(projectId: string): Promise<Array<Omit<ReviewQueue, 'rule'>>>;
  /** Items reviewed in a window, for coverage. */
  reviewActivity(projectId: string, window: { task?: string; from: number; to: number }): Promise<ReviewActivity[]>;

  /** A task's failure modes (every task's when none is named), in the order they were added. */
  listFailureModes(projectId: string, task?: string): Promise<FailureMode[]>;
  /** One failure mode, or null. */
  getFailureMode(projectId: string, id: string): Promise<FailureMode | null>;
  /** Adds a failure mode at version 1; StorageConflictError when the task has one of that name. */
  createFailureMode(projectId: string, mode: { task: string; name: string; definition: string }, now: number): Promise<FailureMode>;
  /** Renames, redefines (a new version) or archives a failure mode; null when there is none. */
  updateFailureMode(projectId: string, id: string, change: FailureModeChange, now: number): Promise<FailureMode | null>;
  /** Every version of a failure mode's definition, oldest first. */
  failureModeVersions(projectId: string, id: string): Promise<FailureModeVersion[]>;
}

/** An action named a failure mode that the item's task does not have. */
export class UnknownFailureModeError extends Error {
  override readonly name = 'UnknownFailureModeError';
}
