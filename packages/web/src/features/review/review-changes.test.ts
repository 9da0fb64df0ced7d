import { describe, expect, it } from 'vitest';
import { nextWaiting, toggleModeChange, verdictChange } from './review-changes.js';

const mode = (id: string) => ({ id, name: id, version: 1, currentVersion: 1, stale: false });

describe('review changes', () => {
  it('toggles a failure mode and fails the item when a mode is added', () => {
    expect(toggleModeChange({ verdict: null, failureModes: [] }, 'a')).toEqual({ failureModes: ['a'], verdict: 'fail' });
    expect(toggleModeChange({ verdict: 'pass', failureModes: [] }, 'a')).toEqual({ failureModes: ['a'], verdict: 'fail' });
    expect(toggleModeChange({ verdict: 'fail', failureModes: [mode('a')] }, 'b')).toEqual({ failureModes: ['a', 'b'] });
    expect(toggleModeChange({ verdict: 'fail', failureModes: [mode('a'), mode('b')] }, 'a')).toEqual({ failureModes: ['b'] });
  });

  it('clears failure modes on pass and keeps them on fail', () => {
    expect(verdictChange({ failureModes: [mode('a')] }, 'pass')).toEqual({ verdict: 'pass', failureModes: [] });
    expect(verdictChange({ failureModes: [mode('a')] }, 'fail')).toEqual({ verdict: 'fail' });
    expect(verdictChange({ failureModes: [] }, 'pass')).toEqual({ verdict: 'pass' });
  });

  it('finds the next item waiting for review, wrapping around', () => {
    const items = [{ verdict: 'pass' as const }, { verdict: null }, { verdict: 'fail' as const }, { verdict: null }];
    expect(nextWaiting(items, 0)).toBe(1);
    expect(nextWaiting(items, 2)).toBe(3);
    expect(nextWaiting([{ verdict: 'pass' as const }], 0)).toBe(0);
  });
});
