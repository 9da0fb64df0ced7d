import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { onlineRuleInputSchema, scoreInputSchema, spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from './storage.js';

const base = Date.parse('2026-04-01T00:00:00Z');
const prices = new PriceBook();
const span = (body: Partial<SpanInputBody> & { id: string }) =>
  deriveSpanRecord(spanInputSchema.parse({ traceId: `t-${body.id}`, task: 'qa', kind: 'llm', environment: 'prod', startTime: base, endTime: base + 100, input: 'q', output: `answer ${body.id}`, ...body }), { prices, now: base });
const feed = { task: 'qa', environment: 'prod', kind: 'llm' as const, limit: 100 };

/** Behaviour of the check store (criteria, checks, online rules, span feed); every backend passes it. */
export function describeCheckStorageContract(name: string, open: () => Promise<Storage>): void {
  describe(`check storage contract: ${name}`, () => {
    let storage: Storage;
    let projectId: string;
    let otherId: string;

    beforeAll(async () => {
      storage = await open();
      projectId = (await storage.projects.createProject('check-contract')).id;
      otherId = (await storage.projects.createProject('check-other')).id;
    });
    afterAll(async () => storage?.close());

    it('versions criteria per task and refuses a taken name', async () => {
      const { checks } = storage;
      const criterion = await checks.createCriterion(projectId, { task: 'qa', name: 'Ship date', definition: 'names a date', failureModeId: 'fm_1' }, base);
      expect(criterion).toMatchObject({ task: 'qa', name: 'Ship date', version: 1, failureModeId: 'fm_1', archived: false });
      await expect(checks.createCriterion(projectId, { task: 'qa', name: 'ship DATE', definition: '', failureModeId: null }, base)).rejects.toThrow(/already has a criterion/);
      await checks.createCriterion(projectId, { task: 'other', name: 'Ship date', definition: '', failureModeId: null }, base);
      const renamed = await checks.updateCriterion(projectId, criterion.id, { definition: 'names a calendar date' }, base + 1000);
      expect(renamed).toMatchObject({ version: 2, definition: 'names a calendar date' });
      expect(await checks.updateCriterion(projectId, criterion.id, { archived: true }, base + 2000)).toMatchObject({ version: 2, archived: true });
      expect((await checks.criterionVersions(projectId, criterion.id)).map((entry) => [entry.version, entry.definition])).toEqual([[1, 'names a date'], [2, 'names a calendar date']]);
      expect((await checks.listCriteria(projectId, 'qa')).map((entry) => entry.id)).toEqual([criterion.id]);
      expect(await checks.listCriteria(projectId)).toHaveLength(2);
      expect(await checks.listCriteria(otherId)).toEqual([]);
      expect(await checks.getCriterion(otherId, criterion.id)).toBeNull();
      expect(await checks.updateCriterion(projectId, 'cr_missing', { name: 'x' }, base)).toBeNull();
    });

    it('stores checks, versions a changed assertion and deletes', async () => {
      const { checks } = storage;
      const check = await checks.createCheck(projectId, { task: 'qa', criterionId: 'cr_1', name: 'Has a date', assertion: { type: 'regex', parameters: { pattern: '\\d{4}' } }, enabled: true, gate: { minPassRate: 0.9 } }, base);
      expect(check).toMatchObject({ version: 1, enabled: true, gate: { minPassRate: 0.9 }, criterionId: 'cr_1' });
      expect(await checks.updateCheck(projectId, check.id, { name: 'Has a year', enabled: false }, base + 1)).toMatchObject({ version: 1, name: 'Has a year', enabled: false });
      const changed = await checks.updateCheck(projectId, check.id, { assertion: { type: 'regex', parameters: { pattern: '20\\d\\d' } }, gate: null, criterionId: null }, base + 2);
      expect(changed).toMatchObject({ version: 2, gate: null, criterionId: null, assertion: { parameters: { pattern: '20\\d\\d' } } });
      await checks.createCheck(projectId, { task: 'other', criterionId: null, name: 'Other', assertion: { type: 'is-json', parameters: {} }, enabled: true, gate: null }, base);
      expect((await checks.listChecks(projectId, { task: 'qa' })).map((entry) => entry.id)).toEqual([check.id]);
      expect(await checks.listChecks(projectId, {})).toHaveLength(2);
      expect(await checks.listChecks(otherId, {})).toEqual([]);
      expect(await checks.deleteCheck(projectId, check.id)).toBe(true);
      expect(await checks.deleteCheck(projectId, check.id)).toBe(false);
      expect(await checks.getCheck(projectId, check.id)).toBeNull();
    });

    it('keeps one online rule per task whose position only moves from where it is', async () => {
      const { checks } = storage;
      const rule = { ...onlineRuleInputSchema.parse({ samplingRate: 0.5 }), task: 'qa' };
      expect(await checks.putOnlineRule(projectId, rule, 7, base)).toMatchObject({ task: 'qa', samplingRate: 0.5, processed: 0, lastRunAt: null });
      expect(await checks.advanceOnlineRule(projectId, 'qa', { from: 7, to: 12, processed: 5, now: base + 1 })).toBe(true);
      expect(await checks.advanceOnlineRule(projectId, 'qa', { from: 7, to: 20, processed: 5, now: base + 2 })).toBe(false);
      await checks.putOnlineRule(projectId, { ...rule, samplingRate: 1 }, 0, base + 3);
      const state = await checks.getOnlineRule(projectId, 'qa');
      expect(state).toMatchObject({ position: 12, rule: { samplingRate: 1, processed: 5, lastRunAt: new Date(base + 1).toISOString() } });
      expect(await checks.listOnlineRules(otherId)).toEqual([]);
      expect(await checks.deleteOnlineRule(projectId, 'qa')).toBe(true);
      expect(await checks.getOnlineRule(projectId, 'qa')).toBeNull();
    });

    it('feeds spans in storage order after a position, and by window newest first', async () => {
      const { checks, traces } = storage;
      const start = await checks.latestSpanPosition(projectId);
      await traces.writeSpans(projectId, [
        span({ id: 'f1' }), span({ id: 'f2', environment: 'dev' }), span({ id: 'f3', task: 'other' }),
        span({ id: 'f4', startTime: base + 5000, metadata: { plan: 'pro' } }), span({ id: 'f5', environment: 'eval' }), span({ id: 'f6', kind: 'tool' }),
      ]);
      await traces.writeSpans(otherId, [span({ id: 'f7' })]);
      const through = await checks.latestSpanPosition(projectId);
      expect(through).toBeGreaterThan(start);
      const all = await checks.spansAfter(projectId, start, through, feed);
      expect(all.spans.map((record) => record.id)).toEqual(['f1', 'f4']);
      expect(all.position).toBe(through);
      expect(all.spans[1]).toMatchObject({ output: 'answer f4', input: 'q', metadata: { plan: 'pro' } });
      const anyEnvironment = await checks.spansAfter(projectId, start, through, { ...feed, environment: null });
      expect(anyEnvironment.spans.map((record) => record.id)).toEqual(['f1', 'f2', 'f4']);
      const first = await checks.spansAfter(projectId, start, through, { ...feed, limit: 1 });
      expect(first.spans.map((record) => record.id)).toEqual(['f1']);
      const rest = await checks.spansAfter(projectId, first.position, through, feed);
      expect(rest.spans.map((record) => record.id)).toEqual(['f4']);
      expect((await checks.spansAfter(projectId, through, through, feed)).spans).toEqual([]);
      const window = await checks.spansInWindow(projectId, { from: base, to: base + 10_000 }, feed);
      expect(window.map((record) => record.id)).toEqual(['f4', 'f1']);
      expect(await checks.spansInWindow(projectId, { from: base + 1, to: base + 4000 }, feed)).toEqual([]);
    });

    it('names the spans whose online checks failed, for the review sample', async () => {
      const score = (id: string, spanId: string, value: boolean | null, extra: Record<string, unknown> = {}) =>
        scoreInputSchema.parse({ id, spanId, name: 'check', value, source: 'assertion', createdAt: base + 10, metadata: { feedsReview: true }, ...extra });
      await storage.scores.writeScores(projectId, [
        score('s1', 'a', false), score('s2', 'a', false), score('s3', 'b', true), score('s4', 'c', null, { status: 'error' }),
        score('s5', 'd', false, { metadata: {} }), score('s6', 'e', false, { source: 'judge' }), score('s7', 'f', false, { source: 'human' }),
        score('s8', 'g', false, { createdAt: base + 100_000 }),
      ]);
      expect([...(await storage.checks.failingSpanIds(projectId, { from: base, to: base + 1000 }))].sort()).toEqual(['a', 'e']);
      expect(await storage.checks.failingSpanIds(otherId, { from: base, to: base + 1000 })).toEqual(new Set());
    });
  });
}
