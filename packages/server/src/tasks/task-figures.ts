import type { FeedbackBalance, TaskStats } from '@genchi/spec';
import type { AppContext } from '../app-context.js';
import type { TaskStatsRow } from '../storage/span-analytics.js';

/** Feedback scores read per request at most. */
const feedbackLimit = 200_000;

/** An empty feedback count. */
export const noFeedback = (): FeedbackBalance => ({ positive: 0, negative: 0, neutral: 0, balance: null });

/** Adds one feedback value to a count. */
function countFeedback(balance: FeedbackBalance, value: number): void {
  if (value > 0) balance.positive++;
  else if (value < 0) balance.negative++;
  else balance.neutral++;
  const total = balance.positive + balance.negative + balance.neutral;
  balance.balance = (balance.positive - balance.negative) / total;
}

/**
 * Counts feedback scores on the spans of a window (of one environment, or the application's traffic),
 * per task and (when a bucket width is given) per bucket of the span's start. Feedback arrives after
 * its call, so scores created up to now count.
 */
export async function feedbackByTask(
  context: AppContext,
  projectId: string,
  window: { from: number; to: number; task?: string; bucketMs?: number; environment?: string },
): Promise<Map<string, FeedbackBalance>> {
  const scores = await context.storage.scores.listScores(projectId, { from: window.from, to: Math.max(window.to, context.clock.now()) + 1, source: 'feedback', limit: feedbackLimit });
  const numeric = scores.filter((score): score is typeof score & { value: number } => typeof score.value === 'number');
  const result = new Map<string, FeedbackBalance>();
  if (numeric.length === 0) return result;
  const digests = await context.storage.traces.spanDigests(projectId, {
    from: window.from, to: window.to, ids: [...new Set(numeric.map((score) => score.spanId))], limit: feedbackLimit,
    ...(window.task === undefined ? {} : { task: window.task }),
    ...(window.environment === undefined ? {} : { environment: window.environment }),
  });
  const spans = new Map(digests.map((digest) => [digest.id, digest]));
  for (const score of numeric) {
    const span = spans.get(score.spanId);
    if (span === undefined) continue;
    const bucket = window.bucketMs === undefined ? '' : `:${Math.floor(span.startTime / window.bucketMs) * window.bucketMs}`;
    const key = `${span.task}${bucket}`;
    const balance = result.get(key) ?? noFeedback();
    countFeedback(balance, score.value);
    result.set(key, balance);
  }
  return result;
}

/** A task's public figures from its stored row and its feedback. */
export function taskStatsOf(row: TaskStatsRow, feedback: FeedbackBalance): TaskStats {
  return {
    count: row.count,
    errorCount: row.errorCount,
    errorRate: row.count === 0 ? 0 : row.errorCount / row.count,
    latencyP50Ms: row.latencyP50Ms,
    latencyP95Ms: row.latencyP95Ms,
    ttftP50Ms: row.ttftP50Ms,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    costUsd: row.costUsd,
    pricedCount: row.pricedCount,
    costPer1kCallsUsd: row.pricedCount === 0 ? null : (row.costUsd / row.pricedCount) * 1000,
    feedback,
  };
}
