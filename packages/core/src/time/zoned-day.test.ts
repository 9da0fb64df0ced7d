import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, dayWindow, minutesIntoDay, startOfDay, timeOnDay } from './zoned-day.js';

describe('days in a time zone', () => {
  it('names the local day of an instant', () => {
    const instant = Date.parse('2026-03-01T23:30:00Z');
    expect(dayOf(instant, 'UTC')).toBe('2026-03-01');
    expect(dayOf(instant, 'Europe/Berlin')).toBe('2026-03-02');
    expect(dayOf(instant, 'America/Los_Angeles')).toBe('2026-03-01');
    expect(minutesIntoDay(instant, 'Asia/Kolkata')).toBe(5 * 60);
  });

  it('reads UTC without time zone data exactly as it reads the same zone through it', () => {
    // 'UTC' takes a path of its own (Date's UTC fields); 'Etc/UTC' is the same zone read through Intl.
    const start = Date.parse('1969-12-30T00:00:00Z');
    for (let step = 0; step < 2_000; step += 1) {
      const instant = start + step * 1_234_567_891 + (step % 1000);
      expect([dayOf(instant, 'UTC'), minutesIntoDay(instant, 'UTC'), startOfDay(dayOf(instant, 'UTC'), 'UTC')]).toEqual([
        dayOf(instant, 'Etc/UTC'),
        minutesIntoDay(instant, 'Etc/UTC'),
        startOfDay(dayOf(instant, 'Etc/UTC'), 'Etc/UTC'),
      ]);
    }
  });

  it('starts a day at local midnight, across daylight-saving changes', () => {
    expect(startOfDay('2026-03-02', 'UTC')).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(startOfDay('2026-03-02', 'Europe/Berlin')).toBe(Date.parse('2026-03-01T23:00:00Z'));
    expect(startOfDay('2026-07-02', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T22:00:00Z'));
    // Berlin moves its clocks forward on 2026-03-29: that day lasts 23 hours.
    const window = dayWindow('2026-03-29', 'Europe/Berlin');
    expect(window.to - window.from).toBe(23 * 3_600_000);
    expect(dayOf(window.from, 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayOf(window.to - 1, 'Europe/Berlin')).toBe('2026-03-29');
  });

  it('finds a time of day on a day, also after a clock change', () => {
    expect(timeOnDay('2026-03-29', '06:00', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T04:00:00Z'));
    expect(timeOnDay('2026-03-28', '06:00', 'Europe/Berlin')).toBe(Date.parse('2026-03-28T05:00:00Z'));
    expect(timeOnDay('2026-03-28', '00:00', 'UTC')).toBe(Date.parse('2026-03-28T00:00:00Z'));
  });

  it('counts and steps days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });
});
