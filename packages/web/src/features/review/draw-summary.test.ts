import type { SampleOutcome } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { drawSummary } from './draw-summary.js';

const outcome = (task: string, candidates: number, drawn: number, alreadyDrawn = false): SampleOutcome => ({
  task, day: '2026-12-07', alreadyDrawn, candidates, drawn, added: drawn, byStratum: {}, assignedTo: null,
});

describe('the summary of a draw', () => {
  it('says what each task drew, and that a day without calls had none', () => {
    expect(drawSummary('2026-12-07', [outcome('a', 120, 20), outcome('b', 0, 0), outcome('c', 9, 9, true)])).toBe('2026-12-07: a: 20 of 120 · b: no calls that day · c: already drawn');
  });

  it('tells a new user with no calls yesterday when today’s calls are drawn', () => {
    expect(drawSummary('2026-12-07', [outcome('a', 0, 0)])).toBe('2026-12-07: a: no calls that day (today’s calls are drawn tomorrow)');
    expect(drawSummary('2026-12-07', [])).toBe('2026-12-07: no enabled rule');
  });
});
