import { z } from 'zod';
import { environmentSchema, nameSchema, recordIdSchema } from './common.js';
import { spanKinds, type SpanStatus } from './span.js';

/** A calendar day `YYYY-MM-DD` in the review time zone. */
export const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD').refine((text) => {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}, 'not a calendar day');

/** A reviewer's name as the rotation lists it. */
export const reviewerNameSchema = z.string().trim().min(1).max(100);

/** How much of a day's sample one stratum should fill, relative to the others of its rule. */
export const stratumWeightSchema = z.strictObject({
  stratum: z.string().min(1).max(60).regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes'),
  weight: z.number().finite().min(0).max(1000),
});
export type StratumWeight = z.infer<typeof stratumWeightSchema>;

/** The strata a new rule samples from, with their weights. */
export const defaultStratumWeights: readonly StratumWeight[] = [
  { stratum: 'random', weight: 50 },
  { stratum: 'negative-feedback', weight: 15 },
  { stratum: 'errors', weight: 10 },
  { stratum: 'long-outputs', weight: 7 },
  { stratum: 'short-outputs', weight: 6 },
  { stratum: 'rare-models', weight: 6 },
  { stratum: 'rare-prompt-versions', weight: 6 },
];

/** The body of `PUT /v1/review/rules/:task`: how a task's daily sample is drawn. */
export const samplingRuleInputSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Spans drawn into the queue per day. */
  sampleSize: z.number().int().min(1).max(1000).default(20),
  /** Only spans of this environment; null samples the application's traffic (every environment but genchi's own shadow, experiment and judge calls). */
  environment: environmentSchema.nullable().default('prod'),
  /** The kind of span reviewed (model calls by default). */
  kind: z.enum(spanKinds).default('llm'),
  strata: z.array(stratumWeightSchema).min(1).max(20).default(() => defaultStratumWeights.map((weight) => ({ ...weight }))),
  /** Seed of the draw: the same seed and day pick the same spans. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type SamplingRuleInput = z.input<typeof samplingRuleInputSchema>;

/** A stored sampling rule of one task. */
export type SamplingRule = z.output<typeof samplingRuleInputSchema> & { task: string; updatedAt: string };

/** The body of `PUT /v1/review/rotation`: who reviews, in which order, from which day. */
export const rotationInputSchema = z.strictObject({
  reviewers: z.array(reviewerNameSchema).max(100).refine((names) => new Set(names).size === names.length, 'each reviewer once'),
  /** The day the first reviewer is on call. */
  startDay: dayKeySchema,
  /** Days each reviewer stays on call before the next one. */
  shiftDays: z.number().int().min(1).max(28).default(1),
});
export type RotationInput = z.input<typeof rotationInputSchema>;
/** The on-call rotation of a project. */
export type Rotation = z.output<typeof rotationInputSchema> & { updatedAt: string };

/** Today's place in the rotation. */
export interface OnCall {
  day: string;
  reviewer: string | null;
  next: { day: string; reviewer: string } | null;
}

/** A reviewer's judgement of one item. */
export const reviewVerdicts = ['pass', 'fail'] as const;
export type ReviewVerdict = (typeof reviewVerdicts)[number];

/** The body of `PATCH /v1/review/items/:id`: only the fields named change; each call is one undoable action. */
export const reviewItemChangeSchema = z.strictObject({
  verdict: z.enum(reviewVerdicts).nullable().optional(),
  /** The whole set of failure-mode ids the item is tagged with. */
  failureModes: z.array(recordIdSchema).max(50).optional(),
  note: z.string().max(20_000).nullable().optional(),
  /** The output as it should have been (text; JSON outputs as JSON text). */
  correctedOutput: z.string().max(200_000).nullable().optional(),
  /** Who acted (shown in history); the item's assigned reviewer when absent. */
  reviewer: reviewerNameSchema.optional(),
});
export type ReviewItemChange = z.output<typeof reviewItemChangeSchema>;

/** A failure-mode tag on an item, with the definition version it was graded under. */
export interface ReviewItemMode {
  id: string;
  name: string;
  version: number;
  currentVersion: number;
  /** True when the mode's definition changed after this item was tagged. */
  stale: boolean;
}

/** What a reviewer decided about one item: the part of an item that actions change and undo restores. */
export interface ReviewItemState {
  verdict: ReviewVerdict | null;
  failureModes: Array<{ id: string; version: number }>;
  note: string | null;
  correctedOutput: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** A span placed in a task's review queue by the daily sample. */
export interface ReviewItem {
  id: string;
  task: string;
  spanId: string;
  traceId: string;
  /** The day whose traffic the span was drawn from. */
  day: string;
  stratum: string;
  /** Order within the day's sample. */
  position: number;
  assignedTo: string | null;
  span: { startTime: string; model: string | null; status: SpanStatus; inputPreview: string; outputPreview: string };
  verdict: ReviewVerdict | null;
  failureModes: ReviewItemMode[];
  note: string | null;
  correctedOutput: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Counts the actions applied (and undone) so far. */
  revision: number;
  /** True when one of its failure modes was redefined after it was graded. */
  stale: boolean;
}

/** One action on an item, kept for undo and history. */
export interface ReviewEvent {
  id: number;
  itemId: string;
  at: string;
  actor: string | null;
  action: 'change' | 'undo';
  before: ReviewItemState;
  after: ReviewItemState;
  undone: boolean;
}

/** Which items `GET /v1/review/items` returns. */
export const reviewItemStatuses = ['waiting', 'reviewed', 'all'] as const;

/** Filters of `GET /v1/review/items` and a queue's item list. */
export const reviewItemQuerySchema = z.strictObject({
  task: nameSchema.optional(),
  day: dayKeySchema.optional(),
  status: z.enum(reviewItemStatuses).default('all'),
  verdict: z.enum(reviewVerdicts).optional(),
  assignedTo: reviewerNameSchema.optional(),
  spanId: recordIdSchema.optional(),
  failureMode: recordIdSchema.optional(),
  stale: z.enum(['true', 'false']).transform((text) => text === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d{1,15}$/, 'not a cursor this server made').optional(),
});
export type ReviewItemQueryInput = z.input<typeof reviewItemQuerySchema>;
export type ReviewItemQuery = z.output<typeof reviewItemQuerySchema>;

/** The body of `POST /v1/review/failure-modes`. */
export const failureModeInputSchema = z.strictObject({
  task: nameSchema,
  name: z.string().trim().min(1).max(80),
  definition: z.string().trim().max(4000).default(''),
});
export type FailureModeInput = z.input<typeof failureModeInputSchema>;

/** The body of `PATCH /v1/review/failure-modes/:id`: a new definition makes a new version. */
export const failureModeChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  definition: z.string().trim().max(4000).optional(),
  archived: z.boolean().optional(),
});
export type FailureModeChange = z.output<typeof failureModeChangeSchema>;

/** A named way a task's outputs fail, grown by reviewers; its definition is versioned. */
export interface FailureMode {
  id: string;
  task: string;
  name: string;
  definition: string;
  version: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** Items tagged with it under an older version. */
  staleItems: number;
}

/** One version of a failure mode's definition. */
export interface FailureModeVersion {
  version: number;
  name: string;
  definition: string;
  createdAt: string;
}

/** The body of `POST /v1/review/sample`: draw a day's sample now (yesterday by default). */
export const sampleRequestSchema = z.strictObject({
  day: dayKeySchema.optional(),
  task: nameSchema.optional(),
});

/** What drawing one task's sample of one day did. */
export interface SampleOutcome {
  task: string;
  day: string;
  /** True when that day had been drawn before: the stored draw is returned unchanged. */
  alreadyDrawn: boolean;
  candidates: number;
  drawn: number;
  /** Items new to the queue (a span enters a queue once). */
  added: number;
  byStratum: Record<string, number>;
  assignedTo: string | null;
}

/** A stored draw of one task and day. */
export interface ReviewSample {
  task: string;
  day: string;
  seed: number;
  candidates: number;
  drawn: number;
  added: number;
  byStratum: Record<string, number>;
  assignedTo: string | null;
  drawnAt: string;
}

/** The state of one task's queue, as the queue page shows it. */
export interface ReviewQueue {
  task: string;
  rule: SamplingRule | null;
  latestDay: string | null;
  /** Items of the latest drawn day. */
  today: { total: number; reviewed: number; failed: number; assignedTo: string | null };
  /** Items not yet reviewed, any day. */
  waiting: number;
  stale: number;
}

/** Reviewing progress and fail rates over time (`GET /v1/review/coverage`). */
export interface ReviewCoverage {
  today: string;
  reviewedToday: number;
  reviewedThisWeek: number;
  waiting: number;
  stale: number;
  days: Array<{ day: string; reviewed: number; failed: number; byMode: Record<string, number> }>;
  modes: Array<{ id: string; name: string; version: number; task: string }>;
}

/** One line of `GET /v1/review/export` (JSONL): a reviewed item with its span's bodies. */
export interface ReviewExportLine {
  itemId: string;
  task: string;
  spanId: string;
  traceId: string;
  day: string;
  stratum: string;
  verdict: ReviewVerdict | null;
  failureModes: Array<{ id: string; name: string; version: number; definition: string }>;
  note: string | null;
  correctedOutput: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  input: unknown;
  output: unknown;
  model: string | null;
}

/** A stratum of the daily sample, as `GET /v1/review/strata` lists it. */
export interface StratumInfo {
  id: string;
  label: string;
  description: string;
  defaultWeight: number;
}
