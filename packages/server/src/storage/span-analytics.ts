import type { SpanFigures, SpanKind, SpanStatus } from '@genchi/spec';

/** Which spans {@link SpanDigest}s are read for. */
export interface SpanDigestQuery {
  from: number;
  /** Exclusive upper bound of the start time. */
  to: number;
  task?: string;
  /** One environment; none: the application's traffic (every environment but `genchiEnvironments`). */
  environment?: string;
  kind?: SpanKind;
  /** Only these span ids (looked up by key), still within the window. */
  ids?: readonly string[];
  limit: number;
}

/** The few fields of a span that sampling and task charts need, without previews or bodies. */
export interface SpanDigest {
  id: string;
  traceId: string;
  task: string;
  startTime: number;
  status: SpanStatus;
  latencyMs: number | null;
  ttftMs: number | null;
  outputTokens: number | null;
  /** The model that answered (resolved version, else the requested name). */
  model: string | null;
  promptVersion: string | null;
}

/** Which spans task figures are computed over, and whether per bucket. */
export interface TaskStatsQuery {
  from: number;
  /** Exclusive upper bound of the start time. */
  to: number;
  task?: string;
  /** One environment; none: the application's traffic (every environment but `genchiEnvironments`). */
  environment?: string;
  kind?: SpanKind;
  /** Bucket width in milliseconds (aligned to the epoch); null for one row per task. */
  bucketMs: number | null;
}

/** Which spans environment counts cover: a task's (or every task's), of a kind, in a window, in every environment. */
export interface EnvironmentCountsQuery {
  from: number;
  /** Exclusive upper bound of the start time. */
  to: number;
  task?: string;
  kind?: SpanKind;
}

/** Counts, latency percentiles, tokens and cost of a task (in one bucket, or over the window). */
export interface TaskStatsRow extends Omit<SpanFigures, 'errorRate'> {
  task: string;
  bucketStart: number | null;
}

/** Scores in a window of creation time. */
export interface ScoreWindowQuery {
  from: number;
  to: number;
  source?: string;
  limit: number;
}
