import { percentileOfSorted } from '@genchi/core';

/** p50/p95/p99 of a list of samples. */
export function summarize(samples: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50: percentileOfSorted(sorted, 50) ?? 0, p95: percentileOfSorted(sorted, 95) ?? 0, p99: percentileOfSorted(sorted, 99) ?? 0, mean };
}

/** A figure with a goal of "at least" or "at most" a value. */
export function goal(value: number, bound: number, direction: 'at-least' | 'at-most', text: string): { text: string; met: boolean } {
  return { text, met: direction === 'at-least' ? value >= bound : value <= bound };
}
