import { z } from 'zod';
import { runJudge } from '../judges/run-judge.js';
import { singleTryPolicy } from '../judges/retry-policy.js';
import { defineAssertion } from './assertion-definition.js';

/** An LLM judge: a rubric graded by a pinned model through the ModelClient, with optional majority of k votes. */
export const judgeAssertion = defineAssertion({
  id: 'llm-judge',
  label: 'LLM judge',
  description: 'A model grades the output against a rubric (pass/fail, or a 1–5 score against a threshold), optionally by majority of k votes.',
  parametersSchema: z.strictObject({
    rubric: z.string().trim().min(1).max(8000),
    /** A pinned model reference (`provider/model-version`); `checks.judgeModel` when absent. */
    model: z.string().min(1).max(300).optional(),
    scale: z.enum(['pass-fail', 'score']).default('pass-fail'),
    passThreshold: z.number().int().min(1).max(5).default(4),
    votes: z.union([z.literal(1), z.literal(3), z.literal(5), z.literal(7), z.literal(9)]).default(1),
    /** Sampling temperature; 0 for one vote, 0.7 for several when absent. */
    temperature: z.number().min(0).max(2).optional(),
    includeInput: z.boolean().default(true),
    includeExpected: z.boolean().default(true),
  }),
  valueType: 'boolean',
  needsModel: true,
  run(subject, parameters, context) {
    const model = parameters.model ?? context.defaultJudgeModel;
    if (context.model === undefined) return { status: 'skipped', reason: 'not evaluated: no model client here' };
    if (model === undefined) return { status: 'skipped', reason: 'not evaluated: no judge model (set checks.judgeModel or the judge\'s model)' };
    const settings = { ...parameters, model, temperature: parameters.temperature ?? (parameters.votes > 1 ? 0.7 : 0) };
    return runJudge(settings, subject, {
      client: context.model,
      policy: context.judgePolicy ?? singleTryPolicy,
      ...(context.purpose === undefined ? {} : { purpose: context.purpose }),
    });
  },
});
