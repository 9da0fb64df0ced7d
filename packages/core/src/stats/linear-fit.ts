/** A least-squares line y ≈ intercept + slope × x, with the share of variance it explains. */
export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination, 0–1 (1 when y does not vary and the line hits every point). */
  r2: number;
  n: number;
}

/**
 * Fits a straight line to points by ordinary least squares. Returns null with fewer than two
 * points or when every x is the same (no slope can be told).
 */
export function fitLine(points: ReadonlyArray<readonly [number, number]>): LineFit | null {
  const n = points.length;
  if (n < 2) return null;
  let meanX = 0;
  let meanY = 0;
  for (const [x, y] of points) {
    meanX += x;
    meanY += y;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : Math.min(1, Math.max(0, (sxy * sxy) / (sxx * syy)));
  return { slope, intercept, r2, n };
}
