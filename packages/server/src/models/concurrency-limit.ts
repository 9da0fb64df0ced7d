import type { ModelClient, ModelRequest, ModelResponse } from '@genchi/core';

/** Wraps a model client so that at most `limit` calls are in flight; the others wait their turn. */
export function withConcurrencyLimit(inner: ModelClient, limit: number): ModelClient {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    async complete(request: ModelRequest): Promise<ModelResponse> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await inner.complete(request);
      } finally {
        release();
      }
    },
  };
}
