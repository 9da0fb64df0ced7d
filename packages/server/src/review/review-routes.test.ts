import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, reviewSpans, startTestGenchi, type TestGenchi } from '../testing/index.js';

describe('review API', () => {
  let genchi: TestGenchi;
  let now = Date.parse('2026-05-02T09:00:00Z');
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, key?: string) => {
    const response = await genchi.app.inject({ method, url, headers: genchi.headers(key), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body === '' ? null : String(response.headers['content-type'] ?? '').includes('json') ? response.json() : response.body };
  };

  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false, clock: { now: () => now }, runJobs: false });
    await ingest(genchi, [...reviewSpans('2026-05-01', 60), ...reviewSpans('2026-04-30', 10), ...reviewSpans('2026-05-01', 5, 'other-task')]);
    const feedback = (spanId: string, value: number) => ({ type: 'score', body: { id: `fb-${spanId}`, spanId, name: 'feedback', value, source: 'feedback', createdAt: '2026-05-01T20:00:00Z' } });
    await ingest(genchi, [feedback('support-reply-2026-05-01-5', -2), feedback('support-reply-2026-05-01-9', -1), feedback('support-reply-2026-05-01-11', 2)]);
  });
  afterAll(async () => genchi.close());

  it('refuses a rule with an unknown stratum or no weight, naming the field', async () => {
    const unknown = await call('PUT', '/v1/review/rules/support-reply', { strata: [{ stratum: 'lucky', weight: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^body\.strata\[0\]\.stratum: unknown stratum lucky; expected one of errors, negative-feedback/);
    expect((await call('PUT', '/v1/review/rules/support-reply', { strata: [{ stratum: 'random', weight: 0 }] })).status).toBe(400);
    expect((await call('PUT', '/v1/review/rules/support-reply', { sampleSize: 0 })).body.error.message).toMatch(/^body\.sampleSize/);
    const readOnly = await genchi.keyWith(['read']);
    expect((await call('PUT', '/v1/review/rules/support-reply', {}, readOnly)).status).toBe(403);
    expect((await call('GET', '/v1/review/strata')).body.data.map((stratum: { id: string }) => stratum.id)).toContain('negative-feedback');
  });

  it('draws yesterday’s stratified sample into the queue, assigned to today’s reviewer, once', async () => {
    const rule = await call('PUT', '/v1/review/rules/support-reply', { sampleSize: 10, strata: [{ stratum: 'negative-feedback', weight: 20 }, { stratum: 'errors', weight: 30 }, { stratum: 'random', weight: 50 }] });
    expect(rule).toMatchObject({ status: 200, body: { task: 'support-reply', sampleSize: 10, environment: 'prod', kind: 'llm', seed: 1 } });
    expect((await call('PUT', '/v1/review/rotation', { reviewers: ['ann', 'ben'], startDay: '2026-05-01' })).status).toBe(200);
    expect((await call('GET', '/v1/review/rotation')).body.onCall).toEqual({ day: '2026-05-02', reviewer: 'ben', next: { day: '2026-05-03', reviewer: 'ann' } });
    const drawn = await call('POST', '/v1/review/sample', {});
    expect(drawn.body.day).toBe('2026-05-01');
    expect(drawn.body.data).toEqual([{ task: 'support-reply', day: '2026-05-01', alreadyDrawn: false, candidates: 60, drawn: 10, added: 10, byStratum: { 'negative-feedback': 2, errors: 3, random: 5 }, assignedTo: 'ben' }]);
    const again = await call('POST', '/v1/review/sample', {});
    expect(again.body.data[0]).toMatchObject({ alreadyDrawn: true, drawn: 10, added: 10 });
    const items = (await call('GET', '/v1/review/items?task=support-reply')).body.data;
    expect(items).toHaveLength(10);
    expect(new Set(items.map((item: { spanId: string }) => item.spanId)).size).toBe(10);
    const feedbackItems = items.filter((item: { stratum: string }) => item.stratum === 'negative-feedback').map((item: { spanId: string }) => item.spanId).sort();
    expect(feedbackItems).toEqual(['support-reply-2026-05-01-5', 'support-reply-2026-05-01-9']);
    for (const item of items.filter((entry: { stratum: string }) => entry.stratum === 'errors')) expect(item.span.status).toBe('error');
    expect(items[0]).toMatchObject({ assignedTo: 'ben', day: '2026-05-01', verdict: null, span: { inputPreview: expect.stringMatching(/^Where is my order/) } });
    const older = await call('POST', '/v1/review/sample', { day: '2026-04-30', task: 'support-reply' });
    expect(older.body.data[0]).toMatchObject({ candidates: 10, drawn: 10, added: 10 });
    expect((await call('POST', '/v1/review/sample', { task: 'nothing' })).status).toBe(404);
    expect((await call('POST', '/v1/review/sample', { day: '2026-02-30' })).body.error.message).toMatch(/^body\.day: not a calendar day/);
  });

  it('saves each action at once, refuses a foreign failure mode, and undoes in order', async () => {
    const [first] = (await call('GET', '/v1/review/items?task=support-reply&day=2026-05-01&limit=1')).body.data;
    const mode = await call('POST', '/v1/review/failure-modes', { task: 'support-reply', name: 'Wrong ship date', definition: 'promises a date the order data does not support' });
    expect(mode).toMatchObject({ status: 201, body: { version: 1 } });
    const otherMode = (await call('POST', '/v1/review/failure-modes', { task: 'other-task', name: 'Rude' })).body;
    expect((await call('POST', '/v1/review/failure-modes', { task: 'support-reply', name: 'wrong ship date' })).status).toBe(409);
    const failed = await call('PATCH', `/v1/review/items/${first.id}`, { verdict: 'fail', failureModes: [mode.body.id], reviewer: 'ben' });
    expect(failed.body).toMatchObject({ verdict: 'fail', reviewedBy: 'ben', reviewedAt: new Date(now).toISOString(), failureModes: [{ name: 'Wrong ship date', version: 1 }] });
    const foreign = await call('PATCH', `/v1/review/items/${first.id}`, { failureModes: [otherMode.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/^body\.failureModes\[0\]: .* is not a failure mode of task support-reply/);
    await call('PATCH', `/v1/review/items/${first.id}`, { correctedOutput: 'Your order ships on Monday.', note: 'dates need the order record' });
    const detail = (await call('GET', `/v1/review/items/${first.id}`)).body;
    expect(detail.item).toMatchObject({ correctedOutput: 'Your order ships on Monday.', note: 'dates need the order record' });
    expect(detail.span).toMatchObject({ id: first.spanId, output: [{ role: 'assistant' }] });
    expect(detail.failureModes.map((entry: { name: string }) => entry.name)).toEqual(['Wrong ship date']);
    const undone = await call('POST', `/v1/review/items/${first.id}/undo`, { reviewer: 'ben' });
    expect(undone.body.item).toMatchObject({ verdict: 'fail', correctedOutput: null, note: null });
    expect((await call('GET', `/v1/review/items/${first.id}/history`)).body.data.map((event: { action: string }) => event.action)).toEqual(['change', 'change', 'undo']);
    expect((await call('PATCH', '/v1/review/items/ri_missing', { verdict: 'pass' })).status).toBe(404);
    expect((await call('PATCH', `/v1/review/items/${first.id}`, { verdict: 'maybe' })).body.error.message).toMatch(/^body\.verdict/);
  });

  it('versions a redefined failure mode and marks the items graded under the old definition', async () => {
    const [mode] = (await call('GET', '/v1/review/failure-modes?task=support-reply')).body.data;
    const changed = await call('PATCH', `/v1/review/failure-modes/${mode.id}`, { definition: 'promises a ship date not in the order record' });
    expect(changed.body).toMatchObject({ version: 2, staleItems: 1 });
    expect((await call('GET', `/v1/review/failure-modes/${mode.id}/versions`)).body.data.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    const stale = (await call('GET', '/v1/review/items?stale=true')).body.data;
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ stale: true, failureModes: [{ version: 1, currentVersion: 2 }] });
  });

  it('reports whose day it is, progress, coverage and the export', async () => {
    const queues = (await call('GET', '/v1/review/queues')).body;
    expect(queues).toMatchObject({ today: '2026-05-02', onCall: { reviewer: 'ben' }, progress: { reviewer: 'ben', reviewed: 1, total: 10 } });
    expect(queues.data.map((queue: { task: string }) => queue.task)).toEqual(['support-reply']);
    expect(queues.data[0]).toMatchObject({ latestDay: '2026-05-01', waiting: 19, stale: 1, today: { total: 10, reviewed: 1, failed: 1, assignedTo: 'ben' } });
    const coverage = (await call('GET', '/v1/review/coverage?days=3')).body;
    expect(coverage).toMatchObject({ today: '2026-05-02', reviewedToday: 1, reviewedThisWeek: 1, waiting: 19, stale: 1 });
    expect(coverage.days.map((day: { day: string }) => day.day)).toEqual(['2026-04-30', '2026-05-01', '2026-05-02']);
    expect(coverage.days[2]).toMatchObject({ reviewed: 1, failed: 1 });
    const exported = await genchi.app.inject({ url: '/v1/review/export?task=support-reply', headers: genchi.headers() });
    expect(exported.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = exported.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      verdict: 'fail',
      failureModes: [{ name: 'Wrong ship date', version: 1, definition: 'promises a date the order data does not support' }],
      input: [{ role: 'user' }],
      output: [{ role: 'assistant' }],
      reviewedBy: 'ben',
    });
    const ingestOnly = await genchi.keyWith(['ingest']);
    expect((await call('GET', '/v1/review/queues', undefined, ingestOnly)).status).toBe(403);
  });

  it('draws on schedule through the job runner: at the configured time, once a day', async () => {
    now = Date.parse('2026-05-03T05:59:00Z');
    expect(await genchi.jobs.tick()).toBe(0);
    now = Date.parse('2026-05-03T06:00:00Z');
    expect(await genchi.jobs.tick()).toBe(1);
    const [job] = (await call('GET', '/v1/jobs?kind=review-sample')).body.data;
    expect(job).toMatchObject({ status: 'done', key: `${genchi.projectId}:2026-05-02`, result: [{ task: 'support-reply', day: '2026-05-02', candidates: 0, drawn: 0 }] });
    now += 3_600_000;
    expect(await genchi.jobs.tick()).toBe(0);
  });

  it('samples the application’s traffic when a rule names no environment, never genchi’s shadow or judge calls', async () => {
    const own = ['shadow', 'eval'].map((environment) => ({
      type: 'span',
      body: { id: `other-${environment}`, traceId: `other-${environment}`, task: 'other-task', environment, model: 'gpt-4o-mini', startTime: '2026-05-01T10:00:00Z', endTime: '2026-05-01T10:00:01Z' },
    }));
    await ingest(genchi, own);
    expect((await call('PUT', '/v1/review/rules/other-task', { sampleSize: 20, environment: null })).body).toMatchObject({ environment: null });
    const drawn = await call('POST', '/v1/review/sample', { task: 'other-task', day: '2026-05-01' });
    expect(drawn.body.data[0]).toMatchObject({ candidates: 5, drawn: 5 });
  });
});
