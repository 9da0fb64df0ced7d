import { deriveSpanRecord, percentile, PriceBook, type SpanRecord } from '@genchi/core';
import { metricsQuerySchema, scoreInputSchema, spanInputSchema, spanQuerySchema, type SpanInputBody, type SpanQueryInput } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from './storage.js';

const base = Date.parse('2026-03-01T12:00:00Z');
const context = { prices: new PriceBook(), now: base };
const record = (body: SpanInputBody): SpanRecord => deriveSpanRecord(spanInputSchema.parse(body), context);

/** A model call `index` minutes after the base time, with a few varying fields. */
function call(index: number, overrides: Partial<SpanInputBody> = {}): SpanRecord {
  return record({
    id: `span-${index}`,
    traceId: `trace-${Math.floor(index / 2)}`,
    parentId: index % 2 === 1 ? `span-${index - 1}` : null,
    startTime: base + index * 60_000,
    endTime: base + index * 60_000 + 100 + index,
    task: index % 3 === 0 ? 'summarize' : 'categorize-product',
    environment: index % 5 === 0 ? 'dev' : 'prod',
    model: index % 4 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
    status: index % 7 === 0 ? 'error' : 'ok',
    userId: `user-${index % 3}`,
    sessionId: `session-${index % 4}`,
    tags: index % 2 === 0 ? ['even'] : ['odd'],
    input: [{ role: 'user', content: `question ${index}` }],
    output: [{ role: 'assistant', content: `answer ${index}` }],
    usage: { inputTokens: 10, outputTokens: 20 },
    ...overrides,
  });
}

const query = (input: SpanQueryInput = {}) => spanQuerySchema.parse(input);

/** The behaviour every storage backend must show; each backend's test calls this with its own opener. */
export function describeStorageContract(name: string, open: () => Promise<Storage>): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    let projectId: string;
    let otherProjectId: string;
    const spans = Array.from({ length: 40 }, (_, index) => call(index));

    beforeAll(async () => {
      storage = await open();
      projectId = (await storage.projects.createProject('contract')).id;
      otherProjectId = (await storage.projects.createProject('other')).id;
      expect(await storage.traces.writeSpans(projectId, spans)).toEqual(spans.map(() => 'created'));
    });
    afterAll(async () => storage?.close());

    it('refuses a second project with the same name', async () => {
      await expect(storage.projects.createProject('contract')).rejects.toThrow(/exists/);
      expect((await storage.projects.projectByName('contract'))?.id).toBe(projectId);
    });

    it('grants a key by its hash until it is revoked', async () => {
      const key = await storage.projects.createKey(projectId, { secretHash: 'hash-1', prefix: 'gk_abc', name: 'ci', scopes: ['ingest'] });
      expect(await storage.projects.grantOfKey('hash-1')).toMatchObject({ keyId: key.id, project: { id: projectId }, scopes: ['ingest'] });
      expect((await storage.projects.listKeys(projectId)).map((listed) => listed.id)).toContain(key.id);
      expect(await storage.projects.revokeKey(otherProjectId, key.id)).toBe(false);
      expect(await storage.projects.revokeKey(projectId, key.id)).toBe(true);
      expect(await storage.projects.grantOfKey('hash-1')).toBeNull();
      expect(await storage.projects.grantOfKey('unknown')).toBeNull();
    });

    it('returns a whole span with its bodies', async () => {
      const span = await storage.traces.getSpan(projectId, 'span-3');
      expect(span).toEqual(spans[3]);
      expect(await storage.traces.getSpan(otherProjectId, 'span-3')).toBeNull();
      expect(await storage.traces.getSpan(projectId, 'missing')).toBeNull();
    });

    it('is idempotent: a resent batch merges and counts nothing twice', async () => {
      expect(await storage.traces.writeSpans(projectId, spans.slice(0, 5))).toEqual(spans.slice(0, 5).map(() => 'merged'));
      const all = await storage.traces.listSpans(projectId, query({ limit: 1000 }));
      expect(all.data).toHaveLength(40);
      const rows = await storage.traces.metrics(projectId, metricsQuerySchema.parse({ bucket: 'day', from: String(base - 1), to: String(base + 86_400_000) }));
      const total = (field: 'count' | 'inputTokens' | 'outputTokens') => rows.reduce((sum, row) => sum + row[field], 0);
      expect([total('count'), total('inputTokens'), total('outputTokens')]).toEqual([40, 400, 800]);
    });

    it('merges an update that arrives before its create', async () => {
      const update = record({ id: 'late', traceId: 'trace-late', endTime: base + 5000, output: 'done', usage: { outputTokens: 9 } });
      const create = record({ id: 'late', traceId: 'trace-late', startTime: base + 1000, model: 'gpt-4o-mini', input: 'go', usage: { inputTokens: 4 }, task: 't' });
      expect(await storage.traces.writeSpans(otherProjectId, [update])).toEqual(['created']);
      expect(await storage.traces.writeSpans(otherProjectId, [create])).toEqual(['merged']);
      const merged = await storage.traces.getSpan(otherProjectId, 'late');
      expect(merged).toMatchObject({ startTime: base + 1000, startTimeProvisional: false, latencyMs: 4000, inputTokens: 4, outputTokens: 9, task: 't', output: 'done', input: 'go' });
      const listed = await storage.traces.listSpans(otherProjectId, query({ from: String(base), to: String(base + 2000) }));
      expect(listed.data.map((row) => row.id)).toEqual(['late']);
    });

    it('merges a span repeated within one batch, however long the batch', async () => {
      const repeats = (await storage.projects.createProject('repeats')).id;
      const batch = Array.from({ length: 150 }, (_, index) => call(1000 + index));
      // An update of span 10 in the same batch, and again past the first hundred.
      batch.splice(12, 0, record({ id: 'span-1010', traceId: 'trace-505', output: 'first update', usage: { outputTokens: 5 } }));
      batch.push(record({ id: 'span-1010', traceId: 'trace-505', output: 'second update', usage: { outputTokens: 7 } }));
      const outcomes = await storage.traces.writeSpans(repeats, batch);
      expect(outcomes.filter((outcome) => outcome === 'merged')).toHaveLength(2);
      expect([outcomes[12], outcomes[151]]).toEqual(['merged', 'merged']);
      expect((await storage.traces.listSpans(repeats, query({ limit: 1000 }))).data).toHaveLength(150);
      expect(await storage.traces.getSpan(repeats, 'span-1010')).toMatchObject({ output: 'second update', outputTokens: 7, inputTokens: 10 });
    });

    it('lists newest first and pages with cursors without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await storage.traces.listSpans(projectId, query({ limit: 7, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.data.map((row) => row.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(spans.map((span) => span.id).reverse());
    });

    it('lists compact rows without bodies', async () => {
      const [row] = (await storage.traces.listSpans(projectId, query({ limit: 1 }))).data;
      expect(row).toMatchObject({ id: 'span-39', inputPreview: 'question 39', outputPreview: 'answer 39' });
      expect(row).not.toHaveProperty('input');
    });

    const filterCases: Array<[string, SpanQueryInput, (span: SpanRecord) => boolean]> = [
      ['task', { task: 'summarize' }, (span) => span.task === 'summarize'],
      ['model', { model: 'gpt-4o' }, (span) => span.model === 'gpt-4o'],
      ['environment', { environment: 'dev' }, (span) => span.environment === 'dev'],
      ['status', { status: 'error' }, (span) => span.status === 'error'],
      ['tag', { tag: 'odd' }, (span) => span.tags.includes('odd')],
      ['user', { userId: 'user-1' }, (span) => span.userId === 'user-1'],
      ['session', { sessionId: 'session-2' }, (span) => span.sessionId === 'session-2'],
      ['trace', { traceId: 'trace-4' }, (span) => span.traceId === 'trace-4'],
      ['user and task', { userId: 'user-0', task: 'summarize' }, (span) => span.userId === 'user-0' && span.task === 'summarize'],
      ['time window', { from: String(base + 10 * 60_000), to: String(base + 20 * 60_000) }, (span) => span.startTime >= base + 600_000 && span.startTime <= base + 1_200_000],
    ];
    for (const [label, filter, expected] of filterCases) {
      it(`filters by ${label}, across pages`, async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.traces.listSpans(projectId, query({ ...filter, limit: 3, ...(cursor ? { cursor } : {}) }));
          seen.push(...page.data.map((row) => row.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(spans.filter(expected).map((span) => span.id).reverse());
      });
    }

    it('returns a trace, oldest span first', async () => {
      const trace = await storage.traces.getTrace(projectId, 'trace-5');
      expect(trace.map((span) => [span.id, span.parentId])).toEqual([['span-10', null], ['span-11', 'span-10']]);
      expect(await storage.traces.getTrace(otherProjectId, 'trace-5')).toEqual([]);
    });

    it('computes metrics per bucket, task and model', async () => {
      const rows = await storage.traces.metrics(projectId, metricsQuerySchema.parse({ bucket: 'hour', from: String(base), to: String(base + 3_600_000), task: 'summarize' }));
      const inWindow = spans.filter((span) => span.task === 'summarize' && span.startTime <= base + 3_600_000);
      const mini = inWindow.filter((span) => span.model === 'gpt-4o-mini');
      const row = rows.find((candidate) => candidate.model === 'gpt-4o-mini');
      expect(row).toMatchObject({ bucketStart: '2026-03-01T12:00:00.000Z', task: 'summarize', count: mini.length });
      expect(row?.errorCount).toBe(mini.filter((span) => span.status === 'error').length);
      const latencies = mini.map((span) => span.latencyMs ?? 0);
      expect(row?.latencyP50Ms).toBeCloseTo(percentile(latencies, 50) ?? Number.NaN, 6);
      expect(row?.latencyP95Ms).toBeCloseTo(percentile(latencies, 95) ?? Number.NaN, 6);
      expect(row?.costUsd).toBeCloseTo(mini.reduce((sum, span) => sum + (span.costUsd ?? 0), 0), 9);
      expect(rows.reduce((sum, candidate) => sum + candidate.count, 0)).toBe(inWindow.length);
    });

    it('counts the application’s traffic in metrics, task figures and digests unless an environment is named', async () => {
      const figures = (await storage.projects.createProject('figures')).id;
      const own = ['prod', 'shadow', 'eval'].map((environment, index) => call(100 + index, { id: `env-${environment}`, environment, task: 'summarize', model: 'gpt-4o' }));
      await storage.traces.writeSpans(figures, own);
      const window = { bucket: 'day', from: String(base - 86_400_000), to: String(base + 86_400_000) };
      const counted = async (environment?: string) =>
        (await storage.traces.metrics(figures, metricsQuerySchema.parse({ ...window, ...(environment === undefined ? {} : { environment }) }))).reduce((sum, row) => sum + row.count, 0);
      expect(await counted()).toBe(1);
      expect(await counted('shadow')).toBe(1);
      expect(await counted('eval')).toBe(1);
      const range = { from: base - 86_400_000, to: base + 86_400_000 };
      expect((await storage.traces.taskStats(figures, { ...range, bucketMs: null })).map((row) => row.count)).toEqual([1]);
      expect((await storage.traces.taskStats(figures, { ...range, environment: 'eval', bucketMs: null })).map((row) => row.count)).toEqual([1]);
      expect((await storage.traces.spanDigests(figures, { ...range, limit: 10 })).map((digest) => digest.id)).toEqual(['env-prod']);
      expect((await storage.traces.spanDigests(figures, { ...range, environment: 'shadow', limit: 10 })).map((digest) => digest.id)).toEqual(['env-shadow']);
      // Environment counts see them all: they are what a rule or a picker can name.
      expect(await storage.traces.environmentCounts(figures, range)).toEqual([
        { environment: 'eval', count: 1 }, { environment: 'prod', count: 1 }, { environment: 'shadow', count: 1 },
      ]);
    });

    it('writes scores idempotently and reads them per span', async () => {
      const score = scoreInputSchema.parse({ id: 'score-1', spanId: 'span-1', name: 'is-json', value: true, source: 'assertion' });
      expect(await storage.scores.writeScores(projectId, [score])).toEqual(['created']);
      expect(await storage.scores.writeScores(projectId, [{ ...score, value: false }])).toEqual(['merged']);
      const stored = await storage.scores.scoresOfSpan(projectId, 'span-1');
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: 'score-1', value: false, valueType: 'boolean', source: 'assertion', status: 'ok' });
      expect(await storage.scores.scoresOfSpan(otherProjectId, 'span-1')).toEqual([]);
    });
  });
}
