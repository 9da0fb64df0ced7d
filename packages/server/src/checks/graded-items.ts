import { compareInstants, humanLabel, subjectOfSpan, type AssertionSubject } from '@genchi/core';
import { reviewItemQuerySchema, type ReviewItem } from '@genchi/spec';
import type { AppContext } from '../app-context.js';

/** A reviewed item with its human label for a criterion and the subject its span makes (correction as expected output). */
export interface GradedSubject {
  item: ReviewItem;
  human: 'pass' | 'fail';
  subject: AssertionSubject;
}

/** Review items of a task that carry a verdict, newest first, up to `limit`. */
export async function reviewedItems(context: AppContext, projectId: string, task: string, limit: number): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.storage.review.listItems(projectId, reviewItemQuerySchema.parse({ task, status: 'reviewed', limit: 1000, ...(cursor === undefined ? {} : { cursor }) }));
    items.push(...page.data.filter((item) => item.verdict !== null));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  items.sort((a, b) => compareInstants(b.reviewedAt ?? '', a.reviewedAt ?? ''));
  return items.slice(0, limit);
}

/**
 * The graded items of a task as subjects, labelled for a criterion (by its failure mode when it has
 * one, else by verdict); items whose span is gone or whose label is unknown are left out.
 */
export async function gradedSubjects(context: AppContext, projectId: string, task: string, failureModeId: string | null, limit: number): Promise<GradedSubject[]> {
  const graded: GradedSubject[] = [];
  for (const item of await reviewedItems(context, projectId, task, limit)) {
    const human = humanLabel(item, failureModeId);
    if (human === null) continue;
    const span = await context.storage.traces.getSpan(projectId, item.spanId);
    if (span === null) continue;
    graded.push({ item, human, subject: subjectOfSpan(span, item.correctedOutput) });
  }
  return graded;
}
