import { describe, expect, it } from 'vitest';
import { summarizeCoverage } from './review-coverage.js';

const at = (text: string) => Date.parse(text);

describe('review coverage', () => {
  it('counts reviews, failures and modes per local day, and today’s and the week’s totals', () => {
    const entries = [
      { reviewedAt: at('2026-04-10T08:00:00Z'), verdict: 'fail' as const, failureModes: ['fm_a', 'fm_b'] },
      { reviewedAt: at('2026-04-10T09:00:00Z'), verdict: 'pass' as const, failureModes: [] },
      { reviewedAt: at('2026-04-09T23:30:00Z'), verdict: 'fail' as const, failureModes: ['fm_a'] },
      { reviewedAt: at('2026-04-03T12:00:00Z'), verdict: 'pass' as const, failureModes: [] },
      { reviewedAt: at('2026-03-01T12:00:00Z'), verdict: 'fail' as const, failureModes: ['fm_a'] },
    ];
    const utc = summarizeCoverage(entries, '2026-04-10', 3, 'UTC');
    expect(utc.days).toEqual([
      { day: '2026-04-08', reviewed: 0, failed: 0, byMode: {} },
      { day: '2026-04-09', reviewed: 1, failed: 1, byMode: { fm_a: 1 } },
      { day: '2026-04-10', reviewed: 2, failed: 1, byMode: { fm_a: 1, fm_b: 1 } },
    ]);
    expect([utc.reviewedToday, utc.reviewedThisWeek]).toEqual([2, 3]);
    // In Berlin the late review of the 9th falls on the 10th.
    const berlin = summarizeCoverage(entries, '2026-04-10', 1, 'Europe/Berlin');
    expect(berlin.days).toEqual([{ day: '2026-04-10', reviewed: 3, failed: 2, byMode: { fm_a: 2, fm_b: 1 } }]);
  });
});
