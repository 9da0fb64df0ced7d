import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, reviewSpans, startTestGenchi, type TestGenchi } from '../testing/index.js';

/**
 * End to end through the HTTP API: a reviewer fails items for a failure mode, makes a check from
 * one of them, sees its alignment before saving, saves it under a criterion, and from then on an
 * online rule scores new production spans; failures feed the next review sample and `check` gates.
 */
describe('from a failed review item to a saved check to its online scores', () => {
  let genchi: TestGenchi;
  let sim: SimLlm;
  let now = Date.parse('2026-05-02T09:00:00Z');
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await genchi.app.inject({ method, url, headers: genchi.headers(), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body === '' ? null : response.json() };
  };
  const state: { modeId: string; criterionId: string; checkId: string; failedItem: { id: string; spanId: string } } = { modeId: '', criterionId: '', checkId: '', failedItem: { id: '', spanId: '' } };

  beforeAll(async () => {
    sim = await startSimLlm();
    genchi = await startTestGenchi({
      listen: false, runJobs: false, clock: { now: () => now },
      config: { providers: { sim: { baseUrl: sim.url, apiKey: 'sk-sim' } }, checks: { judgeModel: 'sim/judge-1', judge: { attempts: 2, backoffMs: 1 }, customCode: { timeoutMs: 200 } } },
    });
    await ingest(genchi, reviewSpans('2026-05-01', 40));
  });
  afterAll(async () => {
    await genchi?.close();
    await sim?.close();
  });

  it('grades a day of the review queue with a failure mode', async () => {
    expect((await call('PUT', '/v1/review/rules/support-reply', { sampleSize: 12, strata: [{ stratum: 'random', weight: 1 }] })).status).toBe(200);
    expect((await call('POST', '/v1/review/sample', {})).body.data[0]).toMatchObject({ drawn: 12 });
    const mode = await call('POST', '/v1/review/failure-modes', { task: 'support-reply', name: 'Late shipping', definition: 'promises shipping later than today' });
    state.modeId = mode.body.id;
    const items = (await call('GET', '/v1/review/items?task=support-reply')).body.data as Array<{ id: string; spanId: string; span: { outputPreview: string } }>;
    for (const item of items) {
      const late = item.span.outputPreview.includes('tomorrow');
      await call('PATCH', `/v1/review/items/${item.id}`, late ? { verdict: 'fail', failureModes: [state.modeId], correctedOutput: 'Your order ships today.' } : { verdict: 'pass' });
      if (late) state.failedItem = { id: item.id, spanId: item.spanId };
    }
    expect(state.failedItem.id).not.toBe('');
  });

  it('makes a criterion from the failure mode and previews candidate checks against every graded item', async () => {
    const criterion = await call('POST', '/v1/checks/criteria/from-failure-mode', { failureModeId: state.modeId });
    expect(criterion).toMatchObject({ status: 201, body: { task: 'support-reply', name: 'Late shipping', version: 1, failureModeId: state.modeId } });
    state.criterionId = criterion.body.id;
    const good = await call('POST', '/v1/checks/preview', { task: 'support-reply', criterionId: state.criterionId, assertion: { type: 'regex', parameters: { pattern: 'tomorrow', shouldMatch: false } } });
    expect(good.status).toBe(200);
    expect(good.body.alignment).toMatchObject({ n: 12, coverage: 1, falseFailureRate: 0, alignment: 1, mcc: 1, kappa: 1 });
    expect(good.body.alignment.confusion.bothFail).toContain(state.failedItem.id);
    const poor = await call('POST', '/v1/checks/preview', { task: 'support-reply', criterionId: state.criterionId, assertion: { type: 'length', parameters: { unit: 'words', max: 4 } } });
    expect(poor.body.alignment).toMatchObject({ coverage: 1, falseFailureRate: 1, alignment: 0 });
    expect(poor.body.items.find((item: { itemId: string }) => item.itemId === poor.body.alignment.confusion.falseFailures[0])).toMatchObject({ human: 'pass', check: 'fail' });
    const bad = await call('POST', '/v1/checks/preview', { task: 'support-reply', assertion: { type: 'regex', parameters: { pattern: '(' } } });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^parameters\.pattern: not a valid regular expression/) } } });
  });

  it('saves checks and picks the best-aligned one for the criterion', async () => {
    const saved = await call('POST', '/v1/checks/assertions', { task: 'support-reply', criterionId: state.criterionId, name: 'Ships today', assertion: { type: 'regex', parameters: { pattern: 'tomorrow', shouldMatch: false } }, gate: { minPassRate: 0.9 } });
    expect(saved).toMatchObject({ status: 201, body: { version: 1, enabled: true } });
    state.checkId = saved.body.id;
    await call('POST', '/v1/checks/assertions', { task: 'support-reply', criterionId: state.criterionId, name: 'Short', enabled: false, assertion: { type: 'length', parameters: { unit: 'words', max: 4 } } });
    await call('POST', '/v1/checks/assertions', { task: 'support-reply', name: 'Runaway code', assertion: { type: 'custom-js', parameters: { code: '(() => { for (;;) {} })()' } } });
    const aligned = await call('GET', `/v1/checks/criteria/${state.criterionId}/alignment`);
    expect(aligned.body.bestCheckId).toBe(state.checkId);
    expect(aligned.body.candidates.map((candidate: { check: { name: string } }) => candidate.check.name)).toEqual(['Ships today', 'Short']);
    expect(aligned.body.regrade).toEqual([]);
    expect((await call('GET', `/v1/checks/assertions/${state.checkId}/alignment`)).body.alignment.alignment).toBe(1);
  });

  it('scores new production spans online, once, with the criterion version; a runaway check errors alone', async () => {
    expect((await call('PUT', '/v1/checks/online-rules/support-reply', {})).body).toMatchObject({ task: 'support-reply', samplingRate: 1, feedReview: true, processed: 0 });
    now = Date.parse('2026-05-02T12:00:00Z');
    await ingest(genchi, reviewSpans('2026-05-02', 10));
    await genchi.jobs.tick();
    const rule = (await call('GET', '/v1/checks/online-rules/support-reply')).body;
    expect(rule).toMatchObject({ processed: 10, lastRunAt: new Date(now).toISOString() });
    const late = (await call('GET', '/v1/spans/support-reply-2026-05-02-1')).body.scores;
    expect(late).toHaveLength(2);
    expect(late.find((score: { assertionId: string }) => score.assertionId === state.checkId)).toMatchObject({
      name: 'Ships today', value: false, source: 'assertion', status: 'ok', criterionId: state.criterionId, criterionVersion: 1, environment: 'prod',
      metadata: { checkVersion: 1, type: 'regex', feedsReview: true },
    });
    expect(late.find((score: { name: string }) => score.name === 'Runaway code')).toMatchObject({ status: 'error', value: null, reason: expect.stringMatching(/timed out/) });
    const onTime = (await call('GET', '/v1/spans/support-reply-2026-05-02-0')).body.scores;
    expect(onTime.find((score: { assertionId: string }) => score.assertionId === state.checkId)).toMatchObject({ value: true });
    // The old day's spans were stored before the rule: they are left to `genchi check`.
    expect((await call('GET', '/v1/spans/support-reply-2026-05-01-1')).body.scores).toEqual([]);
    await genchi.jobs.tick();
    expect((await call('GET', '/v1/spans/support-reply-2026-05-02-1')).body.scores).toHaveLength(2);
  });

  it('feeds the failures to the next review sample', async () => {
    now = Date.parse('2026-05-03T09:00:00Z');
    await call('PUT', '/v1/review/rules/support-reply', { sampleSize: 3, strata: [{ stratum: 'assertion-failures', weight: 1 }] });
    const drawn = await call('POST', '/v1/review/sample', {});
    expect(drawn.body.data[0]).toMatchObject({ day: '2026-05-02', drawn: 3, byStratum: { 'assertion-failures': 3 } });
    const items = (await call('GET', '/v1/review/items?task=support-reply&day=2026-05-02')).body.data as Array<{ span: { outputPreview: string } }>;
    for (const item of items) expect(item.span.outputPreview).toContain('tomorrow');
  });

  it('reports and gates stored spans for CI', async () => {
    const report = await call('POST', '/v1/checks/run', { task: 'support-reply', since: '2026-05-01T00:00:00Z', until: '2026-05-03T00:00:00Z', checkIds: [state.checkId] });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ spans: 50, gatesFailed: 1, checks: [{ checkId: state.checkId, evaluated: 50, passed: 25, failed: 25, passRate: 0.5, gate: { minPassRate: 0.9, passed: false } }] });
    expect(report.body.checks[0].examples[0]).toMatchObject({ status: 'fail', reason: expect.stringContaining('matched /tomorrow/') });
    expect((await call('POST', '/v1/checks/run', { task: 'nothing-here' })).status).toBe(404);
  });

  it('lists the items graded under an older definition once the criterion changes', async () => {
    now = Date.parse('2026-05-04T09:00:00Z');
    expect((await call('PATCH', `/v1/checks/criteria/${state.criterionId}`, { definition: 'promises shipping later than the next business day' })).body.version).toBe(2);
    const aligned = await call('GET', `/v1/checks/criteria/${state.criterionId}/alignment`);
    expect(aligned.body.regrade.length).toBe(12);
    expect(aligned.body.regrade[0]).toMatchObject({ gradedUnderVersion: 1 });
  });

  it('suggests criteria from reviewed items through the configured model', async () => {
    sim.setRules([{ match: { system: 'evaluation criteria' }, reply: { content: JSON.stringify({ criteria: [{ name: 'Gives a date', definition: 'names when it ships', assertions: [{ name: 'has today', type: 'contains', parameters: { values: ['today'] } }, { name: 'broken', type: 'regex', parameters: { pattern: '(' } }] }] }) } }]);
    const suggested = await call('POST', '/v1/checks/suggest', { task: 'support-reply' });
    expect(suggested.body.data).toEqual([{ name: 'Gives a date', definition: 'names when it ships', assertions: [{ name: 'has today', assertion: { type: 'contains', parameters: { values: ['today'] } } }] }]);
    expect(JSON.stringify(sim.requests.at(-1)?.body)).toContain('Late shipping');
  });
});
