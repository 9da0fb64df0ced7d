import type { ReviewVerdict } from '@genchi/spec';
import { addDays, dayOf } from '../time/zoned-day.js';

/** A reviewed item as coverage counts it. */
export interface ReviewedEntry {
  reviewedAt: number;
  verdict: ReviewVerdict;
  failureModes: readonly string[];
}

/** Per-day counts of reviews, failures and failure modes. */
export interface CoverageDay {
  day: string;
  reviewed: number;
  failed: number;
  byMode: Record<string, number>;
}

/**
 * Counts reviewed items per local day over the `days` days that end today (oldest first), with
 * how many failed and how often each failure mode was tagged; also today's and the week's totals.
 */
export function summarizeCoverage(entries: readonly ReviewedEntry[], today: string, days: number, zone: string): {
  days: CoverageDay[];
  reviewedToday: number;
  reviewedThisWeek: number;
} {
  const series: CoverageDay[] = Array.from({ length: days }, (_, index) => ({ day: addDays(today, index - days + 1), reviewed: 0, failed: 0, byMode: {} }));
  const byDay = new Map(series.map((entry) => [entry.day, entry]));
  const weekStart = addDays(today, -6);
  let reviewedToday = 0;
  let reviewedThisWeek = 0;
  for (const entry of entries) {
    const day = dayOf(entry.reviewedAt, zone);
    if (day === today) reviewedToday++;
    if (day >= weekStart && day <= today) reviewedThisWeek++;
    const bucket = byDay.get(day);
    if (bucket === undefined) continue;
    bucket.reviewed++;
    if (entry.verdict === 'fail') bucket.failed++;
    for (const mode of entry.failureModes) bucket.byMode[mode] = (bucket.byMode[mode] ?? 0) + 1;
  }
  return { days: series, reviewedToday, reviewedThisWeek };
}
