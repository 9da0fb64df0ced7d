import { createHash } from 'node:crypto';
import { compileAssertion, type AssertionContext, type AssertionOutcome, type AssertionSubject, type CompiledAssertion } from '@genchi/core';
import type { Check, Criterion, ScoreInput } from '@genchi/spec';

/** A stored check ready to run, with the criterion version its scores carry. */
export interface PreparedCheck {
  check: Check;
  assertion: CompiledAssertion;
  criterionVersion: number | null;
}

/** Compiles checks; a check whose assertion no longer compiles is set aside with the problem. */
export function prepareChecks(checks: readonly Check[], criteria: readonly Criterion[]): { prepared: PreparedCheck[]; invalid: Array<{ check: Check; problem: string }> } {
  const versions = new Map(criteria.map((criterion) => [criterion.id, criterion.version]));
  const prepared: PreparedCheck[] = [];
  const invalid: Array<{ check: Check; problem: string }> = [];
  for (const check of checks) {
    const compiled = compileAssertion(check.assertion);
    if (!compiled.ok) invalid.push({ check, problem: compiled.problem });
    else prepared.push({ check, assertion: compiled.assertion, criterionVersion: check.criterionId === null ? null : (versions.get(check.criterionId) ?? null) });
  }
  return { prepared, invalid };
}

/** Runs every check on a subject; outcomes in check order (async ones awaited together). */
export async function evaluateSubject(prepared: readonly PreparedCheck[], subject: AssertionSubject, context: AssertionContext): Promise<AssertionOutcome[]> {
  const outcomes: Array<AssertionOutcome | Promise<AssertionOutcome>> = [];
  let pending = false;
  for (const entry of prepared) {
    const outcome = entry.assertion.evaluate(subject, context);
    if (outcome instanceof Promise) pending = true;
    outcomes.push(outcome);
  }
  return pending ? Promise.all(outcomes) : (outcomes as AssertionOutcome[]);
}

/** The id of the score a check version gives a span: the same on every run, so a job that runs twice writes it once. */
export function scoreIdOf(check: Check, spanId: string): string {
  const id = `ev:${check.id}:${check.version}:${spanId}`;
  return id.length <= 128 ? id : `ev:${check.id}:${check.version}:h${createHash('sha256').update(spanId).digest('base64url')}`;
}

/** What a score of a check records besides its verdict. */
export interface ScoreFacts {
  traceId: string;
  environment: string;
  createdAt: number;
  feedsReview: boolean;
}

/** The score an outcome becomes: pass/fail as a boolean, null when it could not evaluate; source `judge` for model checks. */
export function scoreOf(entry: PreparedCheck, spanId: string, outcome: AssertionOutcome, facts: ScoreFacts): ScoreInput {
  const { check } = entry;
  const ok = outcome.status === 'ok';
  const metadata: Record<string, unknown> = { checkVersion: check.version, type: check.assertion.type };
  if (ok && outcome.measured !== undefined) metadata.measured = outcome.measured;
  if (facts.feedsReview) metadata.feedsReview = true;
  const score: ScoreInput = {
    id: scoreIdOf(check, spanId),
    spanId,
    traceId: facts.traceId,
    name: check.name,
    value: ok ? outcome.pass : null,
    source: entry.assertion.definition.needsModel ? 'judge' : 'assertion',
    status: outcome.status,
    assertionId: check.id,
    environment: facts.environment,
    metadata,
    createdAt: facts.createdAt,
  };
  if (outcome.reason !== undefined) score.reason = outcome.reason.slice(0, 20_000);
  if (check.criterionId !== null) score.criterionId = check.criterionId;
  if (entry.criterionVersion !== null) score.criterionVersion = entry.criterionVersion;
  return score;
}
