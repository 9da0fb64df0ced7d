import type { AssertionContext, AssertionOutcome } from './assertion-definition.js';
import { compileAssertion } from './assertion-registry.js';
import { AssertionSubject, type AssertionSubjectFields } from './assertion-subject.js';

/** Runs one assertion type on an output (tests): the outcome, or a thrown error naming a parameters problem. */
export async function runOn(type: string, parameters: Record<string, unknown>, output: unknown, fields: Partial<AssertionSubjectFields> = {}, context: AssertionContext = {}): Promise<AssertionOutcome> {
  const compiled = compileAssertion({ type, parameters });
  if (!compiled.ok) throw new Error(compiled.problem);
  const subject = new AssertionSubject({ spanId: 's1', task: 't', input: fields.input ?? 'question', output, ...fields });
  return compiled.assertion.evaluate(subject, context);
}

/** The verdict of an outcome as a word (tests): pass, fail, error or skipped. */
export function word(outcome: AssertionOutcome): 'pass' | 'fail' | 'error' | 'skipped' {
  return outcome.status === 'ok' ? (outcome.pass ? 'pass' : 'fail') : outcome.status;
}

/** The problem compiling an assertion names, or null when it compiles (tests). */
export function problemOf(type: string, parameters: Record<string, unknown>): string | null {
  const compiled = compileAssertion({ type, parameters });
  return compiled.ok ? null : compiled.problem;
}
