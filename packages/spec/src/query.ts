import { z } from 'zod';
import { spanKinds, spanStatuses } from './span.js';

/** A time in a query string: ISO-8601, epoch milliseconds, or a duration back from now such as `24h`, `7d`, `90m`. */
export const queryTimeSchema = z.string().transform((text, context) => {
  const relative = /^-?(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text);
  if (relative) {
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'ms'];
    return Date.now() - Number(relative[1]) * unit;
  }
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) {
    context.addIssue({ code: 'custom', message: 'expected an ISO time, epoch milliseconds or a duration like 24h' });
    return z.NEVER;
  }
  return parsed;
});

const filterText = z.string().min(1).max(200);

/** Filters of `GET /v1/spans`. */
export const spanQuerySchema = z.strictObject({
  from: queryTimeSchema.optional(),
  to: queryTimeSchema.optional(),
  task: filterText.optional(),
  model: filterText.optional(),
  environment: filterText.optional(),
  status: z.enum(spanStatuses).optional(),
  kind: z.enum(spanKinds).optional(),
  tag: filterText.optional(),
  userId: filterText.optional(),
  sessionId: filterText.optional(),
  traceId: filterText.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
});
export type SpanQueryInput = z.input<typeof spanQuerySchema>;
export type SpanQuery = z.output<typeof spanQuerySchema>;

/** Buckets of `GET /v1/metrics`. */
export const metricsBuckets = ['hour', 'day'] as const;
export type MetricsBucket = (typeof metricsBuckets)[number];

/** Parameters of `GET /v1/metrics`. */
export const metricsQuerySchema = z.strictObject({
  from: queryTimeSchema.optional(),
  to: queryTimeSchema.optional(),
  bucket: z.enum(metricsBuckets).default('hour'),
  kind: z.enum(spanKinds).optional(),
  task: filterText.optional(),
  model: filterText.optional(),
  environment: filterText.optional(),
});
export type MetricsQueryInput = z.input<typeof metricsQuerySchema>;
export type MetricsQuery = z.output<typeof metricsQuerySchema>;

/** The figures of a group of spans: volume, errors, latency, tokens and cost. */
export interface SpanFigures {
  count: number;
  errorCount: number;
  errorRate: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  /** The cost of the calls whose cost is known (sent by the caller or priced from the table). */
  costUsd: number;
  /** How many calls have a known cost: a model missing from the price table adds to `count`, not here. */
  pricedCount: number;
}

/** One row of `GET /v1/metrics`: a task and model over one bucket. `model` is what answered (resolved, else requested). */
export interface MetricsRow extends SpanFigures {
  bucketStart: string;
  task: string;
  model: string | null;
}
