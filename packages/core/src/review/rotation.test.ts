import { describe, expect, it } from 'vitest';
import { onCallOn, reviewerOnDay } from './rotation.js';

const rotation = { reviewers: ['ann', 'ben', 'cho'], startDay: '2026-03-02', shiftDays: 1 };

describe('on-call rotation', () => {
  it('hands each day to the next reviewer in order, wrapping around', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    expect(days.map((day) => reviewerOnDay(rotation, day))).toEqual(['ann', 'ben', 'cho', 'ann', 'ben']);
  });

  it('keeps a reviewer for a whole shift of several days', () => {
    const weekly = { ...rotation, shiftDays: 7 };
    expect(reviewerOnDay(weekly, '2026-03-08')).toBe('ann');
    expect(reviewerOnDay(weekly, '2026-03-09')).toBe('ben');
    expect(onCallOn(weekly, '2026-03-04')).toEqual({ day: '2026-03-04', reviewer: 'ann', next: { day: '2026-03-09', reviewer: 'ben' } });
  });

  it('has nobody on call without reviewers or before the start', () => {
    expect(reviewerOnDay(null, '2026-03-02')).toBeNull();
    expect(reviewerOnDay({ ...rotation, reviewers: [] }, '2026-03-02')).toBeNull();
    expect(onCallOn(rotation, '2026-03-01')).toEqual({ day: '2026-03-01', reviewer: null, next: { day: '2026-03-02', reviewer: 'ann' } });
  });
});
