import type { OnlineRule } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { onlinePlan, runsOnline } from './online-plan.js';

const rule = (partial: Partial<OnlineRule>): OnlineRule => ({
  task: 't', enabled: true, environment: 'prod', kind: 'llm', samplingRate: 1, checkIds: [], feedReview: true, updatedAt: '', processed: 0, lastRunAt: null, ...partial,
});

describe('what saving a check does about online evaluation', () => {
  it('makes the default rule for a task without one, or leaves it off', () => {
    expect(onlinePlan('t', null, true)).toMatchObject({ enabled: true, rule: 'create' });
    expect(onlinePlan('t', null, false)).toMatchObject({ enabled: true, rule: 'none' });
  });

  it('under a rule that runs every enabled check, keeps a check off by saving it disabled', () => {
    expect(onlinePlan('t', rule({}), true)).toMatchObject({ enabled: true, rule: 'none' });
    expect(onlinePlan('t', rule({}), false)).toMatchObject({ enabled: false, rule: 'none', label: expect.stringContaining('saved disabled') });
  });

  it('adds the check to a rule that lists its checks, and turns a paused rule back on', () => {
    expect(onlinePlan('t', rule({ checkIds: ['a'] }), true)).toMatchObject({ enabled: true, rule: 'add' });
    expect(onlinePlan('t', rule({ checkIds: ['a'] }), false)).toMatchObject({ enabled: true, rule: 'none' });
    expect(onlinePlan('t', rule({ enabled: false }), true)).toMatchObject({ rule: 'resume' });
  });

  it('says whether a check runs online', () => {
    expect(runsOnline(rule({}), { id: 'x', enabled: true })).toBe(true);
    expect(runsOnline(rule({}), { id: 'x', enabled: false })).toBe(false);
    expect(runsOnline(rule({ checkIds: ['a'] }), { id: 'x', enabled: true })).toBe(false);
    expect(runsOnline(rule({ enabled: false }), { id: 'x', enabled: true })).toBe(false);
    expect(runsOnline(null, { id: 'x', enabled: true })).toBe(false);
  });
});
