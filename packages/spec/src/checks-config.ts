import { z } from 'zod';
import { modelReferenceSchema, resolveModelReference, type ProviderConfig } from './gateway-config.js';

/** How a judge calls its model: retries with backoff, then "not evaluated". */
export const judgeCallConfigSchema = z.strictObject({
  /** Tries of one judge call before the span is marked not evaluated. */
  attempts: z.number().int().min(1).max(10).default(3),
  /** Wait before the second try, doubled for each next one, in milliseconds. */
  backoffMs: z.number().int().min(0).max(60_000).default(500),
  /** Longest wait between tries, in milliseconds. */
  maxBackoffMs: z.number().int().min(0).max(600_000).default(8_000),
  /** Longest wait for one answer, in milliseconds. */
  timeoutMs: z.number().int().positive().max(600_000).default(60_000),
  /** Judge calls in flight at once per job or request. */
  concurrency: z.number().int().min(1).max(64).default(4),
});

/** Settings of assertions, judges and online evaluation. */
export const checksConfigSchema = z.strictObject({
  /** The model judges use unless their own parameters pin one (`provider/model` of `providers`). */
  judgeModel: modelReferenceSchema.optional(),
  /** The model "suggest criteria" asks; `judgeModel` when absent. */
  suggestModel: modelReferenceSchema.optional(),
  judge: judgeCallConfigSchema.prefault({}),
  online: z
    .strictObject({
      /** Spans read and evaluated per step of an online evaluation job. */
      batchSize: z.number().int().min(1).max(50_000).default(2_000),
      /** Spans one job evaluates at most; the next job goes on from there. */
      maxSpansPerJob: z.number().int().min(1).max(10_000_000).default(200_000),
    })
    .prefault({}),
  customCode: z
    .strictObject({
      /** Longest run of one custom JavaScript assertion on one span, in milliseconds. */
      timeoutMs: z.number().int().min(1).max(60_000).default(1_000),
      /** Heap of the sandbox thread, in MiB. */
      memoryMiB: z.number().int().min(16).max(4096).default(64),
    })
    .prefault({}),
});
export type ChecksConfig = z.output<typeof checksConfigSchema>;

/** Checks that the judge and suggestion models lead to configured providers (for the whole config's refinement). */
export function checkJudgeModelReferences(
  config: { providers: Readonly<Record<string, ProviderConfig>>; checks: ChecksConfig },
  context: z.RefinementCtx,
): void {
  for (const field of ['judgeModel', 'suggestModel'] as const) {
    const reference = config.checks[field];
    if (reference === undefined) continue;
    const target = resolveModelReference(reference, config.providers);
    if ('problem' in target) context.addIssue({ code: 'custom', path: ['checks', field], message: target.problem });
  }
}
