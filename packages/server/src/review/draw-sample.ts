import { dayOf, dayWindow, drawStratifiedSample, hash53, reviewerOnDay } from '@genchi/core';
import type { SampleOutcome, SamplingRule } from '@genchi/spec';
import type { AppContext } from '../app-context.js';
import type { NewReviewItem } from '../storage/review-store.js';
import { loadStratumSignals } from './stratum-signals.js';

/** Candidate spans read per task and day at most. */
const candidateLimit = 500_000;

const nothingDrawn = (task: string, day: string, candidates: number, assignedTo: string | null): SampleOutcome => ({
  task, day, alreadyDrawn: false, candidates, drawn: 0, added: 0, byStratum: {}, assignedTo,
});

/** Reads the compact facts of drawn spans that a queue shows without reading the span again. */
async function itemsOf(context: AppContext, projectId: string, drawn: Array<{ spanId: string; stratum: string }>): Promise<NewReviewItem[]> {
  const items: NewReviewItem[] = [];
  for (const { spanId, stratum } of drawn) {
    const span = await context.storage.traces.getSpan(projectId, spanId);
    if (span === null) continue;
    items.push({
      spanId, traceId: span.traceId, stratum, spanStartTime: span.startTime, model: span.resolvedModel ?? span.model,
      status: span.status, inputPreview: span.inputPreview, outputPreview: span.outputPreview,
    });
  }
  return items;
}

/**
 * Draws one task's sample of one day into its queue, assigned to the reviewer on call when it is
 * drawn. A day drawn before answers its stored draw; a day without candidates records nothing (so
 * a later run, after late spans arrived, can still draw it).
 */
export async function drawTaskSample(context: AppContext, projectId: string, rule: SamplingRule, day: string): Promise<SampleOutcome> {
  const { review, traces } = context.storage;
  const stored = await review.getSample(projectId, rule.task, day);
  if (stored !== null) {
    return { task: stored.task, day, alreadyDrawn: true, candidates: stored.candidates, drawn: stored.drawn, added: stored.added, byStratum: stored.byStratum, assignedTo: stored.assignedTo };
  }
  const now = context.clock.now();
  const zone = context.config.review.timeZone;
  const assignedTo = reviewerOnDay(await review.getRotation(projectId), dayOf(now, zone));
  const window = dayWindow(day, zone);
  const candidates = await traces.spanDigests(projectId, {
    ...window, task: rule.task, kind: rule.kind, limit: candidateLimit, ...(rule.environment === null ? {} : { environment: rule.environment }),
  });
  if (candidates.length === 0) return nothingDrawn(rule.task, day, 0, assignedTo);
  const signals = await loadStratumSignals(context, projectId, { from: window.from, to: Math.max(now, window.to) + 1 });
  const salt = `${rule.task}:${day}`;
  const drawn = drawStratifiedSample({ candidates, signals, strata: rule.strata, size: rule.sampleSize, seed: rule.seed, salt });
  // Queue order interleaves the strata, so a reviewer does not meet every error first.
  drawn.sort((a, b) => hash53(`order:${rule.seed}:${salt}:${a.spanId}`) - hash53(`order:${rule.seed}:${salt}:${b.spanId}`));
  const items = await itemsOf(context, projectId, drawn);
  const byStratum: Record<string, number> = {};
  for (const item of items) byStratum[item.stratum] = (byStratum[item.stratum] ?? 0) + 1;
  return review.recordSample(projectId, { task: rule.task, day, seed: rule.seed, candidates: candidates.length, byStratum, assignedTo, drawnAt: now }, items);
}

/** Draws a day's sample for every enabled rule of a project (or one task's rule). */
export async function drawDailySample(context: AppContext, projectId: string, day: string, task?: string): Promise<SampleOutcome[]> {
  const rules = (await context.storage.review.listRules(projectId)).filter((rule) => (task === undefined ? rule.enabled : rule.task === task));
  const outcomes: SampleOutcome[] = [];
  for (const rule of rules) outcomes.push(await drawTaskSample(context, projectId, rule, day));
  return outcomes;
}
