import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

const start = Date.parse('2026-06-01T00:00:00Z');

describe('query API', () => {
  let genchi: TestGenchi;
  const get = (url: string) => genchi.app.inject({ url, headers: genchi.headers() });

  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false });
    const batch = [
      { type: 'span', body: { id: 'root', traceId: 'tr', kind: 'chain', name: 'answer-question', startTime: start, endTime: start + 1000, task: 'qa', userId: 'ann', sessionId: 's1', tags: ['beta'] } },
      { type: 'span', body: { id: 'retrieve', traceId: 'tr', parentId: 'root', kind: 'retrieval', startTime: start + 10, endTime: start + 200, task: 'qa' } },
      { type: 'span', body: { id: 'llm', traceId: 'tr', parentId: 'root', startTime: start + 210, endTime: start + 900, ttftMs: 150, task: 'qa', model: 'gpt-4o', resolvedModel: 'gpt-4o-2024-08-06', input: [{ role: 'user', content: 'What is genchi?' }], output: [{ role: 'assistant', content: 'Go and see.' }], usage: { inputTokens: 20, outputTokens: 5 }, userId: 'ann' } },
      { type: 'span', body: { id: 'other', traceId: 'tr2', startTime: start + 5000, endTime: start + 5100, task: 'summarize', model: 'gpt-4o-mini', status: 'error', error: { type: 'Timeout', message: 'upstream timed out' }, environment: 'dev' } },
      { type: 'score', body: { id: 'sc1', spanId: 'llm', name: 'helpful', value: 0.9, source: 'judge', reason: 'answers the question' } },
    ];
    const response = await genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: genchi.headers(), payload: { batch } });
    expect(response.statusCode).toBe(200);
  });
  afterAll(async () => genchi.close());

  it('lists compact rows newest first, filtered by query parameters', async () => {
    expect((await get('/v1/spans')).json().data.map((row: { id: string }) => row.id)).toEqual(['other', 'llm', 'retrieve', 'root']);
    expect((await get('/v1/spans?task=qa&userId=ann')).json().data.map((row: { id: string }) => row.id)).toEqual(['llm', 'root']);
    expect((await get('/v1/spans?status=error&environment=dev')).json().data).toMatchObject([{ id: 'other', errorMessage: 'upstream timed out' }]);
    expect((await get('/v1/spans?model=gpt-4o-2024-08-06')).json().data.map((row: { id: string }) => row.id)).toEqual(['llm']);
    expect((await get('/v1/spans?tag=beta&sessionId=s1')).json().data.map((row: { id: string }) => row.id)).toEqual(['root']);
    expect((await get(`/v1/spans?from=${new Date(start + 5).toISOString()}&to=${start + 1000}`)).json().data.map((row: { id: string }) => row.id)).toEqual(['llm', 'retrieve']);
    const row = (await get('/v1/spans?kind=llm&task=qa')).json().data[0];
    expect(row).toMatchObject({ id: 'llm', inputPreview: 'What is genchi?', outputPreview: 'Go and see.', ttftMs: 150 });
    expect(row.input).toBeUndefined();
  });

  it('pages with an opaque cursor', async () => {
    const first = (await get('/v1/spans?limit=3')).json();
    expect(first.data).toHaveLength(3);
    const second = (await get(`/v1/spans?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ data: [{ id: 'root' }], nextCursor: null });
  });

  it('names a bad query parameter in a 400', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/v1/spans?limit=0', /^query\.limit: /],
      ['/v1/spans?from=last-tuesday', /^query\.from: expected an ISO time/],
      ['/v1/spans?status=maybe', /^query\.status: /],
      ['/v1/spans?since=2026-01-01T00:00:00Z', /^query: unknown parameter since; it takes from, to, task, model, environment, status, kind, tag, userId, sessionId, traceId, limit, cursor$/],
      ['/v1/metrics?colour=red&size=xl', /^query: unknown parameters colour, size; it takes from, to, bucket, /],
      ['/v1/spans?cursor=nonsense', /^cursor: /],
      ['/v1/metrics?bucket=minute', /^query\.bucket: /],
    ];
    for (const [url, message] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.message, url).toMatch(message);
    }
  });

  it('returns a whole span with bodies and scores, and 404 for an unknown one', async () => {
    const span = (await get('/v1/spans/llm')).json();
    expect(span).toMatchObject({
      id: 'llm',
      input: [{ role: 'user', content: 'What is genchi?' }],
      output: [{ role: 'assistant', content: 'Go and see.' }],
      resolvedModel: 'gpt-4o-2024-08-06',
      usage: { inputTokens: 20, outputTokens: 5, estimated: false },
      scores: [{ id: 'sc1', name: 'helpful', value: 0.9, source: 'judge', reason: 'answers the question' }],
    });
    expect(span.costUsd).toBeCloseTo((20 * 2.5 + 5 * 10) / 1e6);
    expect((await get('/v1/spans/none')).statusCode).toBe(404);
  });

  it('returns a trace as a tree', async () => {
    const trace = (await get('/v1/traces/tr')).json();
    expect(trace.spanCount).toBe(3);
    expect(trace.roots).toHaveLength(1);
    expect(trace.roots[0]).toMatchObject({ id: 'root', children: [{ id: 'retrieve' }, { id: 'llm' }] });
    expect((await get('/v1/traces/missing')).statusCode).toBe(404);
  });

  it('reports metrics per task and model', async () => {
    const rows = (await get(`/v1/metrics?bucket=hour&from=${start}&to=${start + 3_600_000}&kind=llm`)).json().data;
    expect(rows).toEqual([
      expect.objectContaining({ task: 'qa', model: 'gpt-4o-2024-08-06', count: 1, errorRate: 0, latencyP50Ms: 690, latencyP95Ms: 690, ttftP50Ms: 150, inputTokens: 20, outputTokens: 5, pricedCount: 1 }),
      expect.objectContaining({ task: 'summarize', model: 'gpt-4o-mini', count: 1, errorCount: 1, errorRate: 1 }),
    ]);
  });
});
