import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '@genchi/server';
import { ingest, reviewSpans, startTestGenchi, type TestGenchi } from '@genchi/server/testing';
import type { Page as ApiPage, ReviewItem } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, launchChromium, repositoryRoot } from './chromium.js';
import { genchiApi } from './genchi-api.js';

const screenshots = join(repositoryRoot, 'test-results', 'ui');

/** A trace of several spans (an agent that retrieves, calls a model, then a tool), for the trace tree. */
function agentTrace(start: number) {
  const span = (id: string, parentId: string | null, kind: string, name: string, from: number, to: number, more: object = {}) => ({
    type: 'span',
    body: { id, traceId: 'order-lookup', parentId, kind, name, task: 'order-agent', startTime: start + from, endTime: start + to, ...more },
  });
  return [
    span('agent', null, 'agent', 'answer-order-question', 0, 2400),
    span('retrieve', 'agent', 'retrieval', 'find-order', 20, 310),
    span('plan', 'agent', 'llm', 'plan-reply', 320, 1500, { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Where is order 7?' }], output: [{ role: 'assistant', content: null, toolCalls: [{ name: 'track_parcel', arguments: { order: 7 } }] }], usage: { inputTokens: 240, outputTokens: 18 } }),
    span('track', 'agent', 'tool', 'track_parcel', 1510, 1900),
    span('reply', 'agent', 'llm', 'write-reply', 1910, 2390, { model: 'gpt-4o-mini', output: 'Order 7 is with the courier.', usage: { inputTokens: 300, outputTokens: 9 } }),
  ];
}
const task = 'support-reply';

describe('the web UI in headless Chromium', () => {
  let genchi: TestGenchi;
  let browser: Browser;
  let page: Page;
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const api = genchiApi(() => genchi);
  const shoot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(screenshots, { recursive: true });
    genchi = await startTestGenchi({ runJobs: false });
    await ingest(genchi, reviewSpans(yesterday, 40));
    await ingest(genchi, agentTrace(Date.now() - 3_600_000));
    await ingest(genchi, [3, 8].map((index) => ({ type: 'score', body: { id: `fb-${index}`, spanId: `${task}-${yesterday}-${index}`, name: 'feedback', value: -2, source: 'feedback' } })));
    await api(`/v1/review/rules/${task}`, { method: 'PUT', body: { sampleSize: 8 } });
    await api('/v1/review/rotation', { method: 'PUT', body: { reviewers: ['ann', 'ben'], startDay: today } });
    const sample = await api<{ data: Array<{ drawn: number }> }>('/v1/review/sample', { method: 'POST', body: {} });
    expect(sample.data[0]?.drawn).toBe(8);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await genchi?.close();
  });

  it('shows a new user with no data how to send the first trace, with this server’s URL', async () => {
    const fresh = await genchi.context.storage.projects.createProject('fresh');
    const { secret } = await createApiKey(genchi.context.storage.projects, fresh.id, { name: 'e2e', scopes: ['read', 'admin'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const newcomer = await context.newPage();
    await newcomer.goto(`${genchi.url}/traces`);
    await newcomer.getByTestId('api-key').fill(secret);
    await newcomer.keyboard.press('Enter');
    const guide = newcomer.getByTestId('getting-started');
    await guide.waitFor();
    await expect.poll(() => guide.textContent()).toContain(`${genchi.url}`);
    await expect.poll(() => guide.textContent()).toContain('fresh');
    await newcomer.getByRole('button', { name: 'Create a key now' }).click();
    await expect.poll(() => newcomer.getByTestId('new-key').textContent()).toMatch(/gk_\w+/);
    const created = (await newcomer.getByTestId('new-key').textContent()) ?? '';
    const newKey = /gk_\w+/.exec(created)?.[0] ?? '';
    expect(newKey).toMatch(/^gk_/);
    await newcomer.screenshot({ path: join(screenshots, 'empty-state.png') });
    // The first trace, sent with the new key, shows up without a reload.
    const sent = await fetch(`${genchi.url}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${newKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: [{ type: 'span', body: { id: 'first', traceId: 'first', task: 'hello', model: 'gpt-4o-mini', input: 'Hi', output: 'Hello!' } }] }),
    });
    expect(sent.status).toBe(200);
    await newcomer.locator('[data-row=first]').waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('logs in through the one-time link and lists spans, virtualized', async () => {
    await page.goto(`${genchi.url}/login#${genchi.loginToken}`);
    await page.waitForURL(/\/traces$/);
    await page.locator('[data-row]').first().waitFor();
    const rendered = await page.locator('[data-row]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'genchi_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await shoot('traces-list');
    const other = await browser.newContext();
    const reuse = await other.newPage();
    await reuse.goto(`${genchi.url}/login#${genchi.loginToken}`);
    await reuse.getByRole('alert').waitFor();
    await expect.poll(() => reuse.getByRole('alert').textContent()).toMatch(/used already/);
    await other.close();
  });

  it('keeps filters in the URL and shows a span’s messages, scores and feedback', async () => {
    await page.goto(`${genchi.url}/traces?task=${task}&status=error`);
    await page.locator('[data-row]').first().waitFor();
    const statuses = await page.locator('[data-row] .badge').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['error']));
    await expect.poll(() => page.locator('select[name=status]').inputValue()).toBe('error');
    await page.goto(`${genchi.url}/traces/${task}-${yesterday}-3`);
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    await detail.getByText('Where is my order 3?').waitFor();
    await expect.poll(() => detail.textContent()).toMatch(/Feedback \(1\)/);
    await shoot('span-detail');
    await detail.getByRole('link', { name: 'Trace tree' }).click();
    await page.waitForURL(/\/trace\//);
    await page.locator('.waterfall-row').first().waitFor();
    await page.goto(`${genchi.url}/trace/order-lookup`);
    await page.locator('.waterfall-row').nth(4).waitFor();
    await shoot('trace-tree');
  });

  it('lists a span without a model as such, and the known side of its tokens when the total is unknown', async () => {
    await ingest(genchi, [{ type: 'span', body: { id: 'only-output', traceId: 'only-output', task: 'usage-shapes', usage: { outputTokens: 4 } } }]);
    const cells = (id: string) => page.locator(`[data-row=${id}] > span`).allTextContents();
    await page.goto(`${genchi.url}/traces?task=usage-shapes`);
    await page.locator('[data-row=only-output]').waitFor();
    // time, task, model, status, latency, tokens, cost, input → output
    expect((await cells('only-output')).slice(2, 6)).toEqual(['—', 'ok', expect.any(String), '— + 4']);
    await page.goto(`${genchi.url}/traces?task=order-agent`);
    await page.locator('[data-row=plan]').waitFor();
    expect((await cells('plan')).slice(2, 6)).toEqual(['gpt-4o-mini', 'ok', expect.any(String), '258']);
    expect((await cells('agent'))[2]).toBe('—');
    expect(await page.locator('[data-row=agent] > span').nth(2).getAttribute('title')).toBe('no model recorded (agent span)');
  });

  it('shows beside a gateway call’s model that its task pinned it, and the model the caller asked for', async () => {
    const metadata = { via: 'gateway', requestedModel: 'openai/gpt-4o-mini', pinnedModel: 'openai/gpt-4o-2024-08-06', variant: 'b' };
    await ingest(genchi, [{ type: 'span', body: { id: 'pinned-call', traceId: 'pinned-call', task: 'usage-shapes', model: 'gpt-4o-2024-08-06', metadata } }]);
    await page.goto(`${genchi.url}/traces/pinned-call`);
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    await expect.poll(() => detail.locator('.facts').textContent()).toContain('gpt-4o-2024-08-06 (pinned; asked for openai/gpt-4o-mini · variant b)');
  });

  it('shows each task’s figures as charts and the latency fit', async () => {
    await page.goto(`${genchi.url}/tasks?window=7d`);
    await page.getByTestId('tasks-table').waitFor();
    await page.locator('.chart svg').first().waitFor();
    await expect.poll(() => page.getByTestId('tasks-table').textContent()).toContain(task);
    await shoot('tasks');
    await page.goto(`${genchi.url}/tasks/${task}?window=7d`);
    await page.getByTestId('latency-fit').getByText(/ms per output token/).waitFor();
    await shoot('task-detail');
  });

  it('counts a task’s own calls apart from genchi’s shadow calls, and shows an unknown cost as unknown', async () => {
    const at = Date.now() - 3_600_000;
    const call = (id: string, task: string, extra: Record<string, unknown>) => ({
      type: 'span',
      body: { id, traceId: id, task, kind: 'llm', startTime: at, endTime: at + 400, usage: { inputTokens: 10, outputTokens: 2 }, ...extra },
    });
    await ingest(genchi, [
      call('priced', 'cost-shapes', { model: 'gpt-4o', costUsd: 0.004 }),
      call('unpriced', 'cost-shapes', { model: 'house-model-7' }),
      call('mirrored', 'cost-shapes', { model: 'gpt-4o-mini', environment: 'shadow', costUsd: 1 }),
      call('never', 'never-priced', { model: 'house-model-7' }),
    ]);
    const row = (name: string) => page.getByTestId('tasks-table').locator('tr', { has: page.getByRole('link', { name, exact: true }) });
    const cells = async (name: string) => row(name).locator('td').allTextContents();
    await page.goto(`${genchi.url}/tasks?window=7d`);
    await row('cost-shapes').waitFor();
    // task, calls, error rate, p50, p95, TTFT p50, cost / 1k calls, feedback
    expect((await cells('cost-shapes'))[1]).toBe('2');
    expect((await cells('cost-shapes'))[6]).toBe('$4.00*');
    expect(await row('cost-shapes').locator('td').nth(6).getAttribute('title')).toBe('average of the 1 of 2 calls whose cost is known');
    expect((await cells('never-priced'))[6]).toBe('—');
    expect(await row('never-priced').locator('td').nth(6).getAttribute('title')).toMatch(/^no call has a known cost/);
    // The picker offers the environments the window's calls carry, not a fixed list.
    const offered = () => page.getByLabel('environment').locator('option').evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    await expect.poll(offered).toContain('shadow');
    expect(await offered()).not.toContain('experiment');
    await page.getByLabel('environment').selectOption('shadow');
    await expect.poll(() => page.url()).toContain('env=shadow');
    await expect.poll(() => cells('cost-shapes')).toEqual(['cost-shapes', '1', expect.any(String), expect.any(String), expect.any(String), expect.any(String), '$1000', expect.any(String)]);
    await page.getByRole('link', { name: 'cost-shapes', exact: true }).first().click();
    await expect.poll(() => page.url()).toContain('/tasks/cost-shapes?window=7d&env=shadow');
  });

  it('warns when a new sampling rule names an environment the task’s spans do not carry, and offers those they do', async () => {
    const at = Date.now() - 3_600_000;
    await ingest(genchi, [1, 2].map((index) => ({ type: 'span', body: { id: `otel-${index}`, traceId: `otel-${index}`, task: 'otel-app', environment: 'production', model: 'gpt-4o-mini', startTime: at, endTime: at + 300 } })));
    await page.goto(`${genchi.url}/review`);
    await page.getByLabel('task to review').selectOption('otel-app');
    const rule = page.getByRole('form', { name: 'rule otel-app' });
    await expect.poll(() => rule.getByRole('note').textContent()).toBe('No span of otel-app in environment prod in the last 7 days; its spans are in production (2).');
    await rule.scrollIntoViewIfNeeded();
    await shoot('rule-environment');
    await expect.poll(() => page.locator('datalist#environments-review-otel-app option').evaluateAll((options) => options.map((option) => option.getAttribute('value')))).toEqual(['production']);
    await rule.locator('input[name=environment]').fill('production');
    await expect.poll(() => rule.getByRole('note').count()).toBe(0);
  });

  it('shows the queue: whose day it is and how far they are', async () => {
    await page.goto(`${genchi.url}/review`);
    const banner = page.getByTestId('on-call');
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toMatch(/ann is on call.*0 of 8/s);
    await page.getByTestId('coverage').waitFor();
    await shoot('review-queue');
  });

  it('reviews five items by keyboard only; every action is stored and survives a reload', async () => {
    await page.goto(`${genchi.url}/review/${task}`);
    await page.getByTestId('review-item').waitFor();
    const keys = page.keyboard;
    const settle = () => page.locator('.save-state:not(.saving)').waitFor();
    const current = () => page.getByTestId('review-item').getAttribute('data-item');
    const next = async () => {
      const before = await current();
      await keys.press('j');
      await expect.poll(current).not.toBe(before);
      await page.getByTestId('review-item').locator('.message').first().waitFor();
    };
    await page.getByTestId('review-item').locator('.message').first().waitFor();
    // 1: pass
    await keys.press('p');
    await settle();
    await next();
    // 2: a new failure mode from the review screen (tags the item and fails it), then a note
    await keys.press('a');
    await keys.type('Wrong ship date');
    await keys.press('Tab');
    await keys.type('promises a date the order record does not support');
    await keys.press('Enter');
    await page.locator('.mode.on', { hasText: 'Wrong ship date' }).waitFor();
    await keys.press('n');
    await keys.type('Ship dates must come from the order record.');
    await keys.press('Escape');
    await settle();
    await next();
    // 3: fail, tag mode 1, write the corrected output
    await keys.press('f');
    await keys.press('1');
    await keys.press('e');
    await page.getByTestId('correction-editor').waitFor();
    await keys.press('Control+A');
    await keys.type('Your order ships on Monday, 4 May.');
    await keys.press('Escape');
    await page.getByTestId('correction-diff').waitFor();
    await settle();
    await next();
    // 4: a second mode, then mode 1 as well
    await keys.press('a');
    await keys.type('Too vague');
    await keys.press('Enter');
    await page.locator('.mode.on', { hasText: 'Too vague' }).waitFor();
    await keys.press('1');
    await page.locator('.mode.on', { hasText: 'Wrong ship date' }).waitFor();
    await settle();
    await next();
    // 5: pass, take it back, fail with mode 2
    await keys.press('p');
    await settle();
    await keys.press('u');
    await page.getByText('Undone.').waitFor();
    await keys.press('f');
    await keys.press('2');
    await page.locator('.mode.on', { hasText: 'Too vague' }).waitFor();
    await settle();
    await shoot('review-screen');

    await page.reload();
    await page.getByTestId('review-item').waitFor();
    await expect.poll(() => page.getByTestId('review-progress').textContent()).toBe('5 of 8 reviewed');
    await page.locator('[data-testid=item-list] button').nth(2).click();
    await page.getByTestId('correction-diff').waitFor();
    await expect.poll(() => page.getByTestId('correction-diff').locator('ins').allTextContents()).not.toEqual([]);
    await shoot('review-correction');

    const items = (await api<ApiPage<ReviewItem>>(`/v1/review/items?task=${task}&day=${yesterday}`)).data;
    const summary = items.slice(0, 5).map((item) => ({ verdict: item.verdict, modes: item.failureModes.map((mode) => mode.name), by: item.reviewedBy }));
    expect(summary).toEqual([
      { verdict: 'pass', modes: [], by: 'ann' },
      { verdict: 'fail', modes: ['Wrong ship date'], by: 'ann' },
      { verdict: 'fail', modes: ['Wrong ship date'], by: 'ann' },
      { verdict: 'fail', modes: ['Wrong ship date', 'Too vague'], by: 'ann' },
      { verdict: 'fail', modes: ['Too vague'], by: 'ann' },
    ]);
    expect(items[1]?.note).toBe('Ship dates must come from the order record.');
    expect(items[2]?.correctedOutput).toBe('Your order ships on Monday, 4 May.');
    expect(items.slice(5).every((item) => item.verdict === null)).toBe(true);
    const modes = (await api<{ data: Array<{ name: string; definition: string; version: number }> }>(`/v1/review/failure-modes?task=${task}`)).data;
    expect(modes).toMatchObject([{ name: 'Wrong ship date', definition: 'promises a date the order record does not support', version: 1 }, { name: 'Too vague', version: 1 }]);
    const history = (await api<{ data: Array<{ action: string; undone: boolean }> }>(`/v1/review/items/${items[4]?.id}/history`)).data;
    expect(history.map((event) => [event.action, event.undone])).toEqual([['change', true], ['undo', false], ['change', false], ['change', false]]);
  }, 120_000);
});
