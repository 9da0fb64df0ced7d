import type { JudgeCallPolicy } from '../assertions/assertion-definition.js';
import { ModelCallError } from '../models/model-client.js';

/** The wait before try `attempt` (2, 3, …): the backoff doubled for each earlier retry, capped. */
export function backoffDelay(attempt: number, policy: Pick<JudgeCallPolicy, 'backoffMs' | 'maxBackoffMs'>): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempt - 2));
}

/** Calls until one try succeeds, retrying retryable {@link ModelCallError}s with backoff; rethrows the last error. */
export async function callWithRetry<Result>(call: () => Promise<Result>, policy: JudgeCallPolicy): Promise<Result> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(backoffDelay(attempt, policy));
    try {
      return await call();
    } catch (error) {
      lastError = error;
      const retryable = error instanceof ModelCallError ? error.retryable : false;
      if (!retryable) break;
    }
  }
  throw lastError;
}

/** A policy that tries once and never waits (for callers that have none). */
export const singleTryPolicy: JudgeCallPolicy = { attempts: 1, backoffMs: 0, maxBackoffMs: 0, sleep: async () => undefined };
