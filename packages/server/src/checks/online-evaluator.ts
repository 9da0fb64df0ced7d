import { hash53, subjectOfSpan, type SpanRecord } from '@genchi/core';
import type { OnlineRule, ScoreInput } from '@genchi/spec';
import type { AppContext } from '../app-context.js';
import { checkServices } from './check-services.js';
import { evaluateSubject, prepareChecks, scoreOf, type PreparedCheck } from './check-evaluator.js';

/** What one online evaluation run did. */
export interface OnlineRunResult {
  task: string;
  /** Spans read from the feed (matching the task, environment and kind). */
  read: number;
  /** Spans that passed the filter and the sampling draw and were evaluated. */
  evaluated: number;
  scores: number;
  failed: number;
  errors: number;
  skipped: number;
  position: number;
  /** Checks set aside because their assertion no longer compiles. */
  invalidChecks: Array<{ checkId: string; problem: string }>;
  /** True when another worker moved the rule's position meanwhile (this run stopped there). */
  superseded: boolean;
}

/** True when a span passes a rule's model and tag filters and its sampling draw (fixed by its id). */
export function ruleSelects(rule: OnlineRule, span: SpanRecord): boolean {
  if (rule.models !== undefined && !rule.models.some((model) => model === span.model || model === span.resolvedModel)) return false;
  if (rule.tags !== undefined && !rule.tags.some((tag) => span.tags.includes(tag))) return false;
  if (rule.samplingRate >= 1) return true;
  return hash53(`online:${rule.task}:${span.id}`) / 2 ** 53 < rule.samplingRate;
}

/** The checks a rule runs: the named ones, or every enabled check of its task. */
async function checksOf(context: AppContext, projectId: string, rule: OnlineRule) {
  const { checks } = context.storage;
  const all = (await checks.listChecks(projectId, { task: rule.task })).filter((check) => check.enabled);
  const chosen = rule.checkIds.length === 0 ? all : all.filter((check) => rule.checkIds.includes(check.id));
  return prepareChecks(chosen, await checks.listCriteria(projectId, rule.task));
}

/** Evaluates one batch of spans and returns its scores. */
async function evaluateBatch(context: AppContext, projectId: string, rule: OnlineRule, prepared: readonly PreparedCheck[], spans: readonly SpanRecord[], result: OnlineRunResult): Promise<ScoreInput[]> {
  const services = checkServices(context);
  const now = context.clock.now();
  const scores: ScoreInput[] = [];
  const work: Array<Promise<void>> = [];
  const judged = prepared.some((entry) => entry.assertion.definition.needsModel);
  const codeOnly = services.assertionContext(projectId, { task: rule.task });
  for (const span of spans) {
    if (!ruleSelects(rule, span)) continue;
    result.evaluated++;
    const subject = subjectOfSpan(span);
    const facts = { traceId: span.traceId, environment: span.environment, createdAt: now, feedsReview: rule.feedReview };
    const assertionContext = judged ? services.assertionContext(projectId, { kind: 'judge', task: rule.task, spanId: span.id }) : codeOnly;
    const outcomes = evaluateSubject(prepared, subject, assertionContext);
    const collect = (list: Awaited<typeof outcomes>) => {
      list.forEach((outcome, index) => scores.push(scoreOf(prepared[index] as PreparedCheck, span.id, outcome, facts)));
    };
    if (outcomes instanceof Promise) work.push(outcomes.then(collect));
    else collect(outcomes);
  }
  await Promise.all(work);
  for (const score of scores) {
    if (score.status === 'error') result.errors++;
    else if (score.status === 'skipped') result.skipped++;
    else if (score.value === false) result.failed++;
  }
  return scores;
}

/**
 * Runs a task's online rule over spans stored after its position, up to `through`: reads a batch,
 * keeps the spans its filter and sampling select, runs the checks, writes the scores (ids fixed by
 * check version and span, so a second run rewrites the same scores) and moves the position, batch
 * by batch, so that a job that dies goes on where it stopped. While one batch's scores commit on the
 * store's writer thread, the next batch is read and evaluated; a position only moves once its own
 * batch is durable.
 */
export async function runOnlineRule(context: AppContext, projectId: string, task: string, through: number): Promise<OnlineRunResult> {
  const { checks, scores } = context.storage;
  const state = await checks.getOnlineRule(projectId, task);
  const result: OnlineRunResult = { task, read: 0, evaluated: 0, scores: 0, failed: 0, errors: 0, skipped: 0, position: state?.position ?? 0, invalidChecks: [], superseded: false };
  if (state === null || !state.rule.enabled) return result;
  const { rule } = state;
  const { prepared, invalid } = await checksOf(context, projectId, rule);
  result.invalidChecks = invalid.map(({ check, problem }) => ({ checkId: check.id, problem }));
  const { batchSize, maxSpansPerJob } = context.config.checks.online;
  const feed = { task, environment: rule.environment, kind: rule.kind, limit: batchSize };
  let durable = state.position;
  let read = state.position;
  let committing: Promise<boolean> = Promise.resolve(true);
  while (read < through && result.read < maxSpansPerJob) {
    const batch = await checks.spansAfter(projectId, read, through, feed);
    result.read += batch.spans.length;
    const evaluatedBefore = result.evaluated;
    const written = prepared.length === 0 ? [] : await evaluateBatch(context, projectId, rule, prepared, batch.spans, result);
    if (!(await committing)) break;
    const from = read;
    const to = batch.position;
    const processed = result.evaluated - evaluatedBefore;
    committing = (async () => {
      if (written.length > 0) await scores.writeScores(projectId, written);
      result.scores += written.length;
      const moved = await checks.advanceOnlineRule(projectId, task, { from, to, processed, now: context.clock.now() });
      if (moved) durable = to;
      else result.superseded = true;
      return moved;
    })();
    read = to;
  }
  await committing;
  result.position = durable;
  return result;
}
