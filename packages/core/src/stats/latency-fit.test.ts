import { describe, expect, it } from 'vitest';
import { fitLatency } from './latency-fit.js';

describe('latency against output tokens', () => {
  it('reads ms per output token and the fixed overhead off the fitted line', () => {
    const points = [10, 50, 100, 200].map((outputTokens) => ({ outputTokens, latencyMs: 250 + 8 * outputTokens }));
    expect(fitLatency(points)).toEqual({ msPerOutputToken: 8, overheadMs: 250, r2: 1, n: 4 });
    expect(fitLatency([{ outputTokens: 5, latencyMs: 10 }])).toBeNull();
  });
});
