import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

const start = Date.parse('2026-05-01T09:00:00Z');
const span = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'span',
  body: {
    id,
    traceId: `trace-${id}`,
    startTime: new Date(start).toISOString(),
    endTime: start + 420,
    task: 'categorize-product',
    model: 'gpt-4o-mini',
    input: [{ role: 'user', content: 'red running shoes' }],
    output: [{ role: 'assistant', content: 'Footwear' }],
    usage: { inputTokens: 100, outputTokens: 10 },
    ...extra,
  },
});

describe('POST /v1/ingest', () => {
  let genchi: TestGenchi;
  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false });
  });
  afterAll(async () => genchi.close());

  const ingest = (payload: unknown, headers: Record<string, string> = {}) =>
    genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: { ...genchi.headers(), ...headers }, payload: payload as object });

  it('stores a batch and answers per item', async () => {
    const response = await ingest({ batch: [span('a'), span('b')] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accepted: 2,
      rejected: 0,
      results: [
        { index: 0, type: 'span', id: 'a', status: 'created' },
        { index: 1, type: 'span', id: 'b', status: 'created' },
      ],
    });
    const stored = await genchi.app.inject({ url: '/v1/spans/a', headers: genchi.headers() });
    expect(stored.json()).toMatchObject({ id: 'a', latencyMs: 420, task: 'categorize-product', usage: { inputTokens: 100 }, costSource: 'price-table' });
  });

  it('never counts a resent batch twice', async () => {
    const batch = { batch: [span('twice-1'), span('twice-2')] };
    await ingest(batch);
    const resent = await ingest(batch);
    expect(resent.json().results.map((result: { status: string }) => result.status)).toEqual(['merged', 'merged']);
    const metrics = await genchi.app.inject({
      url: `/v1/metrics?bucket=day&from=${start - 1}&to=${start + 1000}&task=categorize-product`,
      headers: genchi.headers(),
    });
    const [row] = metrics.json().data;
    expect(row).toMatchObject({ count: 4, inputTokens: 400, outputTokens: 40 });
  });

  it('merges an update that arrives before its create', async () => {
    await ingest({ batch: [{ type: 'span', body: { id: 'u1', traceId: 't-u1', endTime: start + 900, output: 'done', usage: { outputTokens: 3 } } }] });
    const created = await ingest({ batch: [{ type: 'span', body: { id: 'u1', traceId: 't-u1', startTime: start, input: 'go', model: 'gpt-4o' } }] });
    expect(created.json().results[0].status).toBe('merged');
    const stored = (await genchi.app.inject({ url: '/v1/spans/u1', headers: genchi.headers() })).json();
    expect(stored).toMatchObject({ latencyMs: 900, input: 'go', output: 'done', model: 'gpt-4o', usage: { outputTokens: 3 } });
  });

  it('writes the valid items of a mixed batch and names what is wrong with the others (207)', async () => {
    const response = await ingest({ batch: [span('ok-1'), { type: 'span', body: { id: 'bad', traceId: 't', startTime: 'yesterday' } }, { type: 'nope', body: {} }] });
    expect(response.statusCode).toBe(207);
    const body = response.json();
    expect(body).toMatchObject({ accepted: 1, rejected: 2 });
    expect(body.results[1].error).toBe('batch[1].body.startTime: expected an ISO 8601 time with its offset (2026-11-23T10:00:00Z) or milliseconds since 1970');
    expect(body.results[2].error).toMatch(/batch\[2\]\.type: unknown type nope; expected one of span, score/);
    expect((await genchi.app.inject({ url: '/v1/spans/bad', headers: genchi.headers() })).statusCode).toBe(404);
  });

  it('answers 400 naming the field when nothing is valid, and writes nothing', async () => {
    const response = await ingest({ batch: [{ type: 'span', body: { id: 'x1', traceId: 't', usage: { inputTokens: -1 } } }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/batch\[0\]\.body\.usage\.inputTokens/);
    expect((await genchi.app.inject({ url: '/v1/spans/x1', headers: genchi.headers() })).statusCode).toBe(404);
  });

  it('refuses a malformed envelope, malformed JSON and an unknown encoding with clear 4xx', async () => {
    const noBatch = await ingest({ spans: [] });
    expect(noBatch.statusCode).toBe(400);
    expect(noBatch.json().error.message).toMatch(/^body\.batch: /);
    const broken = await ingest('{"batch": [', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toMatch(/^body: not valid JSON/);
    const odd = await ingest(JSON.stringify({ batch: [span('z')] }), { 'content-type': 'application/json', 'content-encoding': 'zstd' });
    expect(odd.statusCode).toBe(415);
  });

  it('accepts gzip bodies', async () => {
    const response = await ingest(gzipSync(JSON.stringify({ batch: [span('zipped')] })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(200);
    expect(response.json().accepted).toBe(1);
  });
});

describe('limits', () => {
  let genchi: TestGenchi;
  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false, config: { server: { bodyLimitBytes: 64 * 1024 }, ingest: { maxQueueBytes: 1 } } });
  });
  afterAll(async () => genchi.close());

  it('answers 413 for a body over the limit, raw or once decompressed', async () => {
    const big = JSON.stringify({ batch: [span('big', { input: 'x'.repeat(100 * 1024) })] });
    const raw = await genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: { ...genchi.headers(), 'content-type': 'application/json' }, payload: big });
    expect(raw.statusCode).toBe(413);
    expect(raw.json().error).toMatchObject({ message: 'body: over the limit of 65536 bytes (server.bodyLimitBytes)', param: 'body' });
    expect(raw.headers['x-should-retry']).toBe('false');
    const bomb = await genchi.app.inject({
      method: 'POST',
      url: '/v1/ingest',
      headers: { ...genchi.headers(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(big),
    });
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.message).toMatch(/once decompressed/);
  });

  it('tells the official clients not to retry a 4xx no retry can fix', async () => {
    const unauthorized = await genchi.app.inject({ method: 'GET', url: '/v1/spans' });
    expect([unauthorized.statusCode, unauthorized.headers['x-should-retry']]).toEqual([401, 'false']);
    const nowhere = await genchi.app.inject({ method: 'GET', url: '/v1/nowhere', headers: genchi.headers() });
    expect([nowhere.statusCode, nowhere.headers['x-should-retry']]).toEqual([404, 'false']);
    const badQuery = await genchi.app.inject({ method: 'GET', url: '/v1/spans?limit=0', headers: genchi.headers() });
    expect([badQuery.statusCode, badQuery.headers['x-should-retry']]).toEqual([400, 'false']);
  });

  it('answers 503 with Retry-After while the write queue is full, and the retry succeeds', async () => {
    const send = (id: string) =>
      genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: genchi.headers(), payload: { batch: [span(id)] } });
    const responses = await Promise.all(['q1', 'q2', 'q3', 'q4'].map(send));
    const refused = responses.filter((response) => response.statusCode === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.headers['retry-after']).toBe('1');
    expect(refused[0]?.headers['x-should-retry']).toBeUndefined();
    expect(refused[0]?.json().error.type).toBe('overloaded_error');
    expect((await send('q-retry')).statusCode).toBe(200);
  });
});
