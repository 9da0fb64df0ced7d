import { describe, expect, it } from 'vitest';
import { fitLine } from './linear-fit.js';

describe('least-squares line', () => {
  it('recovers an exact line', () => {
    const points = [0, 10, 20, 40].map((tokens) => [tokens, 300 + 12 * tokens] as const);
    expect(fitLine(points)).toEqual({ slope: 12, intercept: 300, r2: 1, n: 4 });
  });

  it('fits noisy points like a hand computation', () => {
    // x̄ = 2, ȳ = 4; Sxy = 6, Sxx = 10 → slope 0.6, intercept 2.8; Syy = 8 → r² = 6² / (10 × 8) = 0.45.
    const fit = fitLine([[0, 2], [1, 5], [2, 3], [3, 5], [4, 5]]);
    expect(fit?.slope).toBeCloseTo(0.6, 12);
    expect(fit?.intercept).toBeCloseTo(2.8, 12);
    expect(fit?.r2).toBeCloseTo(0.45, 12);
  });

  it('has no line for fewer than two points or a single x', () => {
    expect(fitLine([])).toBeNull();
    expect(fitLine([[1, 1]])).toBeNull();
    expect(fitLine([[5, 1], [5, 9]])).toBeNull();
  });
});
