import { subjectOfSpan } from '@genchi/core';
import type { CheckRunLine, CheckRunReport, checkRunRequestSchema } from '@genchi/spec';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../http/http-error.js';
import { checkServices } from './check-services.js';
import { evaluateSubject, prepareChecks } from './check-evaluator.js';

const examplesPerCheck = 5;

/**
 * Runs a task's checks over its stored spans in a window and reports each check's figures and
 * gate (the check's own, else the request's `minPassRate`). Scores are not stored: this is the
 * report `genchi check` prints in CI. Judges still log their calls as `eval` spans.
 */
export async function runCheckReport(context: AppContext, projectId: string, request: z.output<typeof checkRunRequestSchema>): Promise<CheckRunReport> {
  const to = request.until ?? context.clock.now();
  const from = request.since ?? to - 86_400_000;
  if (from >= to) throw new HttpError(400, 'since must be before until', 'invalid_request_error', 'since');
  const all = (await context.storage.checks.listChecks(projectId, { task: request.task })).filter((check) => (request.checkIds === undefined ? check.enabled : request.checkIds.includes(check.id)));
  if (all.length === 0) throw new HttpError(404, `task ${request.task} has no ${request.checkIds === undefined ? 'enabled ' : ''}checks to run`, 'not_found_error', 'task');
  const { prepared, invalid } = prepareChecks(all, await context.storage.checks.listCriteria(projectId, request.task));
  if (invalid[0] !== undefined) throw new HttpError(400, `check ${invalid[0].check.id} does not compile: ${invalid[0].problem}`, 'invalid_request_error', 'checkIds');
  const spans = await context.storage.checks.spansInWindow(projectId, { from, to }, { task: request.task, environment: request.environment, kind: request.kind, limit: request.limit });
  const lines: CheckRunLine[] = prepared.map(({ check }) => ({
    checkId: check.id, name: check.name, type: check.assertion.type, criterionId: check.criterionId,
    evaluated: 0, passed: 0, failed: 0, errors: 0, skipped: 0, passRate: null, gate: null, examples: [],
  }));
  const services = checkServices(context);
  await Promise.all(spans.map(async (span) => {
    const outcomes = await evaluateSubject(prepared, subjectOfSpan(span), services.assertionContext(projectId, { kind: 'judge', task: request.task, spanId: span.id }));
    outcomes.forEach((outcome, index) => {
      const line = lines[index] as CheckRunLine;
      line.evaluated++;
      const status = outcome.status === 'ok' ? (outcome.pass ? null : 'fail') : outcome.status === 'error' ? 'error' : 'skipped';
      if (status === null) line.passed++;
      else {
        if (status === 'fail') line.failed++;
        else if (status === 'error') line.errors++;
        else line.skipped++;
        if (line.examples.length < examplesPerCheck) line.examples.push({ spanId: span.id, status, reason: outcome.reason ?? null });
      }
    });
  }));
  let gatesFailed = 0;
  lines.forEach((line, index) => {
    const decided = line.passed + line.failed;
    line.passRate = decided === 0 ? null : line.passed / decided;
    const gate = prepared[index]?.check.gate ?? (request.minPassRate === undefined ? null : { minPassRate: request.minPassRate });
    if (gate !== null) {
      // A gate with nothing decided fails: a check that evaluated nothing proves nothing.
      const passed = line.passRate !== null && line.passRate >= gate.minPassRate;
      line.gate = { ...gate, passed };
      if (!passed) gatesFailed++;
    }
  });
  return { task: request.task, from: new Date(from).toISOString(), to: new Date(to).toISOString(), spans: spans.length, checks: lines, gatesFailed };
}
