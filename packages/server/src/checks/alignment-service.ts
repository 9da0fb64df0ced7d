import { compileAssertion, computeAlignment, pickBestAligned, versionAt, type CompiledAssertion } from '@genchi/core';
import type { AssertionSpec, CheckAlignment, CheckedItem, Criterion, CriterionAlignment } from '@genchi/spec';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../http/http-error.js';
import { checkServices } from './check-services.js';
import { gradedSubjects, reviewedItems, type GradedSubject } from './graded-items.js';

/** Graded items an alignment looks at, at most. */
export const alignmentItemLimit = 2000;

/** Compiles an assertion or answers 400 naming the problem. */
export function compileOrRefuse(spec: AssertionSpec, param = 'assertion'): CompiledAssertion {
  const compiled = compileAssertion(spec);
  if (!compiled.ok) throw new HttpError(400, compiled.problem, 'invalid_request_error', param);
  return compiled.assertion;
}

/** Runs one assertion over graded subjects and measures its agreement with the humans. */
export async function alignAssertion(context: AppContext, projectId: string, assertion: CompiledAssertion, graded: readonly GradedSubject[], purpose: Record<string, string>) {
  const services = checkServices(context);
  const items: CheckedItem[] = await Promise.all(
    graded.map(async ({ item, human, subject }) => {
      const outcome = await assertion.evaluate(subject, services.assertionContext(projectId, { ...purpose, spanId: item.spanId }));
      return {
        itemId: item.id,
        spanId: item.spanId,
        human,
        check: outcome.status === 'ok' ? (outcome.pass ? 'pass' : 'fail') : null,
        status: outcome.status,
        reason: outcome.reason ?? null,
        outputPreview: item.span.outputPreview,
      } satisfies CheckedItem;
    }),
  );
  return { alignment: computeAlignment(items.map(({ itemId, human, check }) => ({ itemId, human, check }))), items };
}

/** Runs an assertion (saved or not) against every graded item of a task, labelled for a criterion when one is named. */
export async function previewAlignment(context: AppContext, projectId: string, input: { task: string; assertion: AssertionSpec; criterion: Criterion | null; limit: number }): Promise<CheckAlignment> {
  const assertion = compileOrRefuse(input.assertion);
  const graded = await gradedSubjects(context, projectId, input.task, input.criterion?.failureModeId ?? null, input.limit);
  const result = await alignAssertion(context, projectId, assertion, graded, { kind: 'judge-alignment', task: input.task });
  return { task: input.task, criterionId: input.criterion?.id ?? null, ...result };
}

/** Items graded before a criterion's current version (by the version in force when each was reviewed). */
async function regradeList(context: AppContext, projectId: string, criterion: Criterion): Promise<CriterionAlignment['regrade']> {
  if (criterion.version === 1) return [];
  const versions = await context.storage.checks.criterionVersions(projectId, criterion.id);
  const regrade: CriterionAlignment['regrade'] = [];
  for (const item of await reviewedItems(context, projectId, criterion.task, alignmentItemLimit)) {
    if (item.reviewedAt === null) continue;
    const version = versionAt(versions, item.reviewedAt);
    if (version < criterion.version) regrade.push({ itemId: item.id, spanId: item.spanId, reviewedAt: item.reviewedAt, gradedUnderVersion: version });
  }
  return regrade;
}

/** A criterion's candidate checks ranked against the human grades, the best one named, and what needs grading again. */
export async function criterionAlignment(context: AppContext, projectId: string, criterion: Criterion): Promise<CriterionAlignment> {
  const checks = await context.storage.checks.listChecks(projectId, { criterionId: criterion.id });
  const graded = await gradedSubjects(context, projectId, criterion.task, criterion.failureModeId, alignmentItemLimit);
  const candidates: CriterionAlignment['candidates'] = [];
  for (const check of checks) {
    const compiled = compileAssertion(check.assertion);
    if (!compiled.ok) continue;
    const { alignment } = await alignAssertion(context, projectId, compiled.assertion, graded, { kind: 'judge-alignment', task: criterion.task, checkId: check.id });
    candidates.push({ check, alignment });
  }
  candidates.sort((a, b) => (b.alignment.alignment ?? -1) - (a.alignment.alignment ?? -1));
  return { criterion, candidates, bestCheckId: pickBestAligned(candidates)?.check.id ?? null, regrade: await regradeList(context, projectId, criterion) };
}
