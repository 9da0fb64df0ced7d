import type {
  AssertionSpec,
  AssertionTypeInfo,
  Check,
  CheckAlignment,
  CheckInput,
  CheckRunReport,
  Criterion,
  CriterionSuggestion,
  OnlineRule,
  OnlineRuleInput,
  Page,
  ReviewItem,
} from '@genchi/spec';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { CriterionChoice } from './criterion-choice.js';

const path = (task: string) => encodeURIComponent(task);

let registry: Promise<AssertionTypeInfo[]> | null = null;

/** The assertion registry of the server (loaded once per page load; it changes only with the server). */
export function useAssertionTypes(): { types: AssertionTypeInfo[] | undefined; error: ApiError | undefined } {
  const [types, setTypes] = useState<AssertionTypeInfo[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  useEffect(() => {
    registry ??= api<{ data: AssertionTypeInfo[] }>('/v1/checks/assertion-types').then((answer) => answer.data);
    let live = true;
    registry.then(
      (answer) => live && setTypes(answer),
      (failure: unknown) => {
        registry = null;
        if (live) setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure), 'error'));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { types, error };
}

/** Runs an unsaved assertion against every graded item of a task (`POST /v1/checks/preview`). */
export function previewCheck(task: string, assertion: AssertionSpec, criterionId: string | null): Promise<CheckAlignment> {
  return api<CheckAlignment>('/v1/checks/preview', { method: 'POST', body: { task, assertion, ...(criterionId === null ? {} : { criterionId }) } });
}

/** The criterion a choice stands for, made first when the choice is a new one (from a failure mode or named); null for none. */
export async function criterionOfChoice(task: string, choice: CriterionChoice): Promise<Criterion | null> {
  if (choice.kind === 'none') return null;
  if (choice.kind === 'existing') return api<Criterion>(`/v1/checks/criteria/${choice.criterionId}`);
  if (choice.kind === 'from-failure-mode') return api<Criterion>('/v1/checks/criteria/from-failure-mode', { method: 'POST', body: { failureModeId: choice.failureModeId } });
  return api<Criterion>('/v1/checks/criteria', { method: 'POST', body: { task, name: choice.name, definition: choice.definition } });
}

/** Saves a check (`POST /v1/checks/assertions`). */
export function createCheck(input: CheckInput): Promise<Check> {
  return api<Check>('/v1/checks/assertions', { method: 'POST', body: input });
}

/** Changes a check (a changed assertion makes a new version). */
export function updateCheck(checkId: string, change: Partial<Pick<Check, 'name' | 'enabled' | 'gate' | 'criterionId' | 'assertion'>>): Promise<Check> {
  return api<Check>(`/v1/checks/assertions/${checkId}`, { method: 'PATCH', body: change });
}

/** The online rule of a task, or null when it has none. */
export async function onlineRuleOf(task: string): Promise<OnlineRule | null> {
  try {
    return await api<OnlineRule>(`/v1/checks/online-rules/${path(task)}`);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return null;
    throw failure;
  }
}

/** Creates or replaces a task's online rule. */
export function putOnlineRule(task: string, rule: OnlineRuleInput): Promise<OnlineRule> {
  return api<OnlineRule>(`/v1/checks/online-rules/${path(task)}`, { method: 'PUT', body: rule });
}

/**
 * Makes sure a check runs online: a task without a rule gets the default one (new production spans,
 * every enabled check); a rule that names its checks gets this one added, and is switched on.
 */
export async function runOnline(task: string, checkId: string): Promise<OnlineRule> {
  const rule = await onlineRuleOf(task);
  if (rule === null) return putOnlineRule(task, {});
  const checkIds = rule.checkIds.length === 0 || rule.checkIds.includes(checkId) ? rule.checkIds : [...rule.checkIds, checkId];
  return putOnlineRule(task, { ...ruleInput(rule), enabled: true, checkIds });
}

/** The editable part of a stored online rule (what a PUT takes back). */
export function ruleInput(rule: OnlineRule): OnlineRuleInput {
  return {
    enabled: rule.enabled,
    environment: rule.environment,
    kind: rule.kind,
    samplingRate: rule.samplingRate,
    checkIds: rule.checkIds,
    feedReview: rule.feedReview,
    ...(rule.models === undefined ? {} : { models: rule.models }),
    ...(rule.tags === undefined ? {} : { tags: rule.tags }),
  };
}

/** Asks the configured model for criteria and candidate assertions from the task's reviewed items. */
export async function suggestCriteria(task: string): Promise<CriterionSuggestion[]> {
  return (await api<{ data: CriterionSuggestion[] }>('/v1/checks/suggest', { method: 'POST', body: { task } })).data;
}

/** Runs a task's enabled checks over its stored spans of a window and reports pass rates and gates. */
export function runChecks(task: string, since: string): Promise<CheckRunReport> {
  return api<CheckRunReport>('/v1/checks/run', { method: 'POST', body: { task, since } });
}

/** The reviewed items of a task by id: the review day of each (links to an item need it) and its input, to name it. */
export type ReviewedItems = Map<string, { day: string; input: string }>;

/** The reviewed items of a task (the newest 5,000 at most: alignment looks at the newest 2,000 graded ones). */
export function useReviewedItems(task: string): ReviewedItems {
  const [reviewed, setReviewed] = useState<ReviewedItems>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      const found: ReviewedItems = new Map();
      let cursor: string | null = null;
      for (let page = 0; page < 5; page++) {
        const query: string = `task=${path(task)}&status=reviewed&limit=1000${cursor === null ? '' : `&cursor=${cursor}`}`;
        const answer: Page<ReviewItem> = await api<Page<ReviewItem>>(`/v1/review/items?${query}`, { signal: controller.signal });
        for (const item of answer.data) found.set(item.id, { day: item.day, input: item.span.inputPreview });
        cursor = answer.nextCursor;
        if (cursor === null) break;
      }
      setReviewed(found);
    };
    // Without it, links open the review screen on its latest day: worse, but not broken.
    load().catch(() => undefined);
    return () => controller.abort();
  }, [task]);
  return reviewed;
}

/** The review screen's address of an item (its day when known, so the screen opens the right day). */
export function reviewItemPath(task: string, itemId: string, day: string | undefined): string {
  return `/review/${path(task)}?${day === undefined ? '' : `day=${day}&`}item=${itemId}`;
}
