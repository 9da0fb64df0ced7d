import { z } from 'zod';
import { environmentSchema } from './common.js';
import { queryTimeSchema, type SpanFigures } from './query.js';
import { spanKinds } from './span.js';

/** Parameters of `GET /v1/tasks` and `GET /v1/tasks/:task`. */
export const taskQuerySchema = z.strictObject({
  from: queryTimeSchema.optional(),
  to: queryTimeSchema.optional(),
  environment: environmentSchema.optional(),
  kind: z.enum(spanKinds).default('llm'),
  bucket: z.enum(['hour', 'day']).optional(),
});
export type TaskQueryInput = z.input<typeof taskQuerySchema>;
export type TaskQuery = z.output<typeof taskQuerySchema>;

/** Feedback counts: scores with source `feedback`, by sign of their label strength. */
export interface FeedbackBalance {
  positive: number;
  negative: number;
  neutral: number;
  /** (positive − negative) / all, from −1 to 1; null without feedback. */
  balance: number | null;
}

/** A task's figures over a window (or one bucket of it). */
export interface TaskStats extends SpanFigures {
  /** The average over the calls with a known cost, times 1,000; null when no call's cost is known. */
  costPer1kCallsUsd: number | null;
  feedback: FeedbackBalance;
}

/** One row of `GET /v1/tasks`. */
export interface TaskSummary extends TaskStats {
  task: string;
}

/** `GET /v1/tasks/:task`: the window's figures and their series over time. */
export interface TaskDetail {
  task: string;
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  summary: TaskStats;
  series: Array<TaskStats & { bucketStart: string }>;
}

/** A least-squares line of latency against output tokens: latency ≈ overheadMs + msPerOutputToken × tokens. */
export interface LatencyFit {
  msPerOutputToken: number;
  overheadMs: number;
  /** Share of the latency's variance the line explains (0–1). */
  r2: number;
  n: number;
}

/** `GET /v1/tasks/:task/latency`: points of latency against output tokens and the fitted lines. */
export interface TaskLatency {
  task: string;
  points: Array<{ spanId: string; outputTokens: number; latencyMs: number; model: string | null }>;
  /** Spans in the window with both figures (the fit uses up to `fitLimit` of them). */
  total: number;
  fit: LatencyFit | null;
  byModel: Array<{ model: string | null; fit: LatencyFit | null }>;
}

/** `GET /v1/environments`: the environments spans carry in a window, busiest first. */
export interface EnvironmentCounts {
  from: string;
  to: string;
  data: Array<{ environment: string; count: number }>;
}

/** `GET /v1/tasks/:task/environments`: the same for one task's spans. */
export interface TaskEnvironments extends EnvironmentCounts {
  task: string;
}
