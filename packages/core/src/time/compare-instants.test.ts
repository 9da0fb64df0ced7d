import { describe, expect, it } from 'vitest';
import { compareInstants } from './compare-instants.js';

describe('compareInstants', () => {
  it('orders ISO instants as their times order', () => {
    const instants = Array.from({ length: 500 }, (_, index) => new Date(Date.UTC(2026, 0, 1) + ((index * 7_919_113_417) % 4e10) - 2e10).toISOString());
    const byText = [...instants].sort(compareInstants);
    const byTime = [...instants].sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(byText).toEqual(byTime);
    expect(compareInstants('2026-11-23T08:00:00.000Z', '2026-11-23T08:00:00.000Z')).toBe(0);
  });
});
