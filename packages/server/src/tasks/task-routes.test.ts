import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, startTestGenchi, type TestGenchi } from '../testing/index.js';

const day = Date.parse('2026-06-01T00:00:00Z');

describe('tasks overview API', () => {
  let genchi: TestGenchi;
  const get = async (url: string) => {
    const response = await genchi.app.inject({ url, headers: genchi.headers() });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false, clock: { now: () => day + 2 * 86_400_000 }, runJobs: false });
    // Latency = 200 ms + 5 ms per output token, exactly; one call in ten fails; two models.
    const spans = Array.from({ length: 40 }, (_, index) => {
      const outputTokens = 10 + index * 3;
      const start = day + index * 3_600_000;
      return {
        type: 'span',
        body: {
          id: `c${index}`, traceId: `t${index}`, task: 'classify', model: index % 2 === 0 ? 'gpt-4o-mini' : 'gpt-4o',
          startTime: start, endTime: start + 200 + 5 * outputTokens, ttftMs: 100 + index, status: index % 10 === 0 ? 'error' : 'ok',
          usage: { inputTokens: 100, outputTokens }, costUsd: 0.002,
        },
      };
    });
    await ingest(genchi, [
      ...spans,
      { type: 'span', body: { id: 'other', traceId: 'o', task: 'summarize', model: 'gpt-4o', startTime: day, endTime: day + 1000, usage: { inputTokens: 1, outputTokens: 1 } } },
      { type: 'span', body: { id: 'chain', traceId: 'o', task: 'classify', kind: 'chain', startTime: day, endTime: day + 99_000 } },
      // A model the price table lacks: its calls count, but not towards the cost per call.
      { type: 'span', body: { id: 'm1', traceId: 'm', task: 'mixed', model: 'gpt-4o', startTime: day, endTime: day + 500, usage: { inputTokens: 1, outputTokens: 1 }, costUsd: 0.004 } },
      { type: 'span', body: { id: 'm2', traceId: 'm', task: 'mixed', model: 'house-model-7', startTime: day, endTime: day + 500, usage: { inputTokens: 1, outputTokens: 1 } } },
      { type: 'span', body: { id: 'u1', traceId: 'u', task: 'unpriced', model: 'house-model-7', startTime: day, endTime: day + 500, usage: { inputTokens: 1, outputTokens: 1 } } },
      // genchi's own calls under the same task: a shadow copy and a judge's call. Not the application's traffic.
      ...['shadow', 'eval'].map((environment) => ({
        type: 'span',
        body: { id: `${environment}-1`, traceId: environment, task: 'classify', environment, model: 'gpt-4o', startTime: day, endTime: day + 9_000, usage: { inputTokens: 1, outputTokens: 1 }, costUsd: 1 },
      })),
      ...[['c1', 2], ['c2', -1], ['c3', -2], ['c30', 1], ['shadow-1', 2]].map(([spanId, value]) => ({ type: 'score', body: { id: `f-${spanId}`, spanId, name: 'feedback', value, source: 'feedback', createdAt: day + 2 * 86_400_000 } })),
    ]);
  });
  afterAll(async () => genchi.close());

  it('summarises each task’s own traffic over a window: volume, errors, latency, TTFT, cost per 1,000 calls, feedback', async () => {
    const { body } = await get(`/v1/tasks?from=${day}&to=${day + 3 * 86_400_000}`);
    expect(body.data.map((row: { task: string }) => row.task)).toEqual(['classify', 'mixed', 'summarize', 'unpriced']);
    const [classify, mixed, , unpriced] = body.data;
    expect(classify).toMatchObject({ count: 40, errorCount: 4, errorRate: 0.1, ttftP50Ms: 119.5, costUsd: expect.closeTo(0.08, 9), pricedCount: 40, costPer1kCallsUsd: expect.closeTo(2, 9) });
    expect(classify.latencyP50Ms).toBeCloseTo(200 + 5 * (10 + 19.5 * 3), 6);
    expect(classify.feedback).toEqual({ positive: 2, negative: 2, neutral: 0, balance: 0 });
    // An unknown cost is not a cost of $0: it neither halves the average nor shows as free.
    expect(mixed).toMatchObject({ count: 2, costUsd: expect.closeTo(0.004, 9), pricedCount: 1, costPer1kCallsUsd: expect.closeTo(4, 9) });
    expect(unpriced).toMatchObject({ count: 1, costUsd: 0, pricedCount: 0, costPer1kCallsUsd: null });
    expect((await get(`/v1/tasks?from=${day}&to=${day + 3 * 86_400_000}&kind=chain`)).body.data).toMatchObject([{ task: 'classify', count: 1 }]);
    expect((await get(`/v1/tasks?from=${day}&to=${day + 3 * 86_400_000}&environment=shadow`)).body.data).toMatchObject([
      { task: 'classify', count: 1, costUsd: 1, feedback: { positive: 1, negative: 0 } },
    ]);
    expect((await get('/v1/tasks?from=tomorrow')).status).toBe(400);
  });

  it('gives a task’s series per bucket', async () => {
    const { body } = await get(`/v1/tasks/classify?from=${day}&to=${day + 3 * 86_400_000}&bucket=day`);
    expect(body.bucket).toBe('day');
    expect(body.series.map((row: { bucketStart: string; count: number }) => [row.bucketStart, row.count])).toEqual([
      ['2026-06-01T00:00:00.000Z', 24], ['2026-06-02T00:00:00.000Z', 16], ['2026-06-03T00:00:00.000Z', 0],
    ]);
    expect(body.series[2]).toMatchObject({ latencyP50Ms: null, errorRate: 0, costPer1kCallsUsd: null, feedback: { balance: null } });
    expect(body.series[0].feedback).toEqual({ positive: 1, negative: 2, neutral: 0, balance: -1 / 3 });
    expect((await get(`/v1/tasks/nothing?from=${day}`)).status).toBe(404);
    const judged = await get(`/v1/tasks/classify?from=${day}&to=${day + 3 * 86_400_000}&environment=eval`);
    expect(judged.body.summary).toMatchObject({ count: 1, costPer1kCallsUsd: 1000 });
  });

  it('lists the environments of a task’s spans, busiest first (what a rule’s environment can name)', async () => {
    const { body } = await get(`/v1/tasks/classify/environments?from=${day}&to=${day + 3 * 86_400_000}`);
    expect(body.data).toEqual([{ environment: 'prod', count: 40 }, { environment: 'eval', count: 1 }, { environment: 'shadow', count: 1 }]);
    expect((await get(`/v1/tasks/classify/environments?from=${day}&to=${day + 3 * 86_400_000}&kind=chain`)).body.data).toEqual([{ environment: 'prod', count: 1 }]);
    expect((await get(`/v1/tasks/classify/environments?environment=prod`)).status).toBe(400);
    // Every task's: what the Tasks pages' environment picker offers.
    expect((await get(`/v1/environments?from=${day}&to=${day + 3 * 86_400_000}`)).body.data).toEqual([
      { environment: 'prod', count: 44 }, { environment: 'eval', count: 1 }, { environment: 'shadow', count: 1 },
    ]);
  });

  it('fits latency against output tokens: ms per token and fixed overhead', async () => {
    const { body } = await get(`/v1/tasks/classify/latency?from=${day}&to=${day + 3 * 86_400_000}&limit=10`);
    expect(body.total).toBe(40);
    expect(body.points).toHaveLength(10);
    expect(body.fit.msPerOutputToken).toBeCloseTo(5, 9);
    expect(body.fit.overheadMs).toBeCloseTo(200, 6);
    expect(body.fit.r2).toBeCloseTo(1, 9);
    expect(body.byModel.map((entry: { model: string; fit: { n: number } }) => [entry.model, entry.fit.n])).toEqual([['gpt-4o', 20], ['gpt-4o-mini', 20]]);
  });
});
