import type { StratumSignals } from '@genchi/core';
import type { AppContext } from '../app-context.js';

/** Feedback scores read per draw at most (the newest beyond this are not considered). */
const feedbackLimit = 200_000;

/**
 * Gathers the facts strata need from records other than spans: spans with negative feedback (a
 * `feedback` score below zero created since the window began, feedback arriving after its call).
 * The assertions issue adds failing assertion scores here.
 */
export async function loadStratumSignals(context: AppContext, projectId: string, window: { from: number; to: number }): Promise<StratumSignals> {
  const scores = await context.storage.scores.listScores(projectId, { from: window.from, to: window.to, source: 'feedback', limit: feedbackLimit });
  const negativeFeedback = new Set<string>();
  for (const score of scores) if (typeof score.value === 'number' && score.value < 0) negativeFeedback.add(score.spanId);
  const assertionFailures = await context.storage.checks.failingSpanIds(projectId, window);
  return { negativeFeedback, assertionFailures };
}
