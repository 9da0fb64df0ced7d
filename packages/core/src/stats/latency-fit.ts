import type { LatencyFit } from '@genchi/spec';
import { fitLine } from './linear-fit.js';

/**
 * Fits latency against output tokens by least squares: latency ≈ overhead + ms per token × tokens,
 * since a model's latency grows with what it writes. Null without two distinct token counts.
 */
export function fitLatency(points: ReadonlyArray<{ outputTokens: number; latencyMs: number }>): LatencyFit | null {
  const fit = fitLine(points.map((point) => [point.outputTokens, point.latencyMs] as const));
  return fit === null ? null : { msPerOutputToken: fit.slope, overheadMs: fit.intercept, r2: fit.r2, n: fit.n };
}
