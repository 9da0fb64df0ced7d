import type { z } from 'zod';
import type { ModelClient } from '../models/model-client.js';
import type { AssertionSubject } from './assertion-subject.js';

/** What one assertion decided about one span: a verdict, an error (it could not decide), or skipped (not evaluated). */
export type AssertionOutcome =
  | { status: 'ok'; pass: boolean; measured?: number; reason?: string }
  | { status: 'error'; reason: string }
  | { status: 'skipped'; reason: string };

/** Runs untrusted JavaScript away from genchi's internals, with a time limit (the server provides it). */
export interface CodeSandbox {
  /** Runs `code` (an expression, or a module exporting a function) on the subject's plain data; resolves to what it returned or rejects. */
  run(code: { source: string; form: 'expression' | 'module' }, subject: Record<string, unknown>, timeoutMs: number): Promise<unknown>;
}

/** How a judge calls its model: attempts, backoff and the clock to wait with. */
export interface JudgeCallPolicy {
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Waits a number of milliseconds (tests pass one that does not wait). */
  sleep(milliseconds: number): Promise<void>;
}

/** What an assertion may use besides the subject: a model (judges) and a sandbox (custom code). */
export interface AssertionContext {
  model?: ModelClient;
  /** The model a judge uses when its parameters pin none. */
  defaultJudgeModel?: string;
  judgePolicy?: JudgeCallPolicy;
  sandbox?: CodeSandbox;
  /** Carried to model calls, so that judge spans say what they judged. */
  purpose?: Readonly<Record<string, string>>;
}

/**
 * One type of assertion, as data: its id, its parameters (a schema whose output is ready to run:
 * patterns compiled, schemas built), what it measures, whether it calls a model, and how it runs.
 */
export interface AssertionDefinition<Parameters = unknown> {
  id: string;
  label: string;
  description: string;
  parametersSchema: z.ZodType<Parameters>;
  /** What it measures: a verdict only (`boolean`) or a number compared to a bound (`number`, kept as `measured`). */
  valueType: 'boolean' | 'number';
  needsModel: boolean;
  run(subject: AssertionSubject, parameters: Parameters, context: AssertionContext): AssertionOutcome | Promise<AssertionOutcome>;
}

/** Declares an assertion type (keeps the parameters' type between schema and run). */
export function defineAssertion<Parameters>(definition: AssertionDefinition<Parameters>): AssertionDefinition<Parameters> {
  return definition;
}

/** A verdict outcome. */
export const verdict = (pass: boolean, reason?: string, measured?: number): AssertionOutcome => ({
  status: 'ok',
  pass,
  ...(reason === undefined ? {} : { reason }),
  ...(measured === undefined ? {} : { measured }),
});

/** An outcome saying the assertion could not decide. */
export const evaluationError = (reason: string): AssertionOutcome => ({ status: 'error', reason });
