import { z } from 'zod';
import { defineAssertion, evaluationError, verdict, type AssertionOutcome } from './assertion-definition.js';

/** Reads what custom code returned: true/false, or `{ pass, reason?, score? }`; anything else is an error. */
export function outcomeOfReturn(returned: unknown): AssertionOutcome {
  if (typeof returned === 'boolean') return verdict(returned);
  if (returned !== null && typeof returned === 'object' && typeof (returned as { pass?: unknown }).pass === 'boolean') {
    const { pass, reason, score } = returned as { pass: boolean; reason?: unknown; score?: unknown };
    return verdict(pass, typeof reason === 'string' ? reason.slice(0, 2000) : undefined, typeof score === 'number' && Number.isFinite(score) ? score : undefined);
  }
  const shown = typeof returned === 'string' ? JSON.stringify(returned.slice(0, 60)) : returned === undefined ? 'undefined' : typeof returned;
  return evaluationError(`the code returned ${shown}; expected true, false or { pass: boolean, reason?: string }`);
}

/**
 * Runs the team's own JavaScript in the sandbox the server provides: an expression over
 * `output`, `outputText`, `outputJson`, `input`, `inputText`, `expected`, `latencyMs`, `costUsd`…
 * (`outputText.length < 500`), or a module whose default export is a function of that object.
 */
export const customCodeAssertion = defineAssertion({
  id: 'custom-js',
  label: 'Custom JavaScript',
  description: 'Your own JavaScript: an expression, or a module exporting a function, returning true/false or { pass, reason }. Runs isolated with a time limit.',
  parametersSchema: z.strictObject({
    code: z.string().min(1).max(100_000),
    form: z.enum(['expression', 'module']).default('expression'),
    /** Longest run on one span, in milliseconds (the server's `checks.customCode.timeoutMs` at most). */
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
  }),
  valueType: 'boolean',
  needsModel: false,
  async run(subject, { code, form, timeoutMs }, context) {
    if (context.sandbox === undefined) return evaluationError('custom code cannot run here: no sandbox');
    try {
      return outcomeOfReturn(await context.sandbox.run({ source: code, form }, subject.toPlain(), timeoutMs ?? 1000));
    } catch (error) {
      return evaluationError(`the code failed: ${(error as Error).message ?? String(error)}`.slice(0, 2000));
    }
  },
});
