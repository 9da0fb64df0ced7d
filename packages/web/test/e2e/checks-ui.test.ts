import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ingest, reviewSpans, startTestGenchi, type TestGenchi } from '@genchi/server/testing';
import type { Check, Criterion, OnlineRule, Page as ApiPage, ReviewItem } from '@genchi/spec';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, launchChromium, repositoryRoot } from './chromium.js';
import { genchiApi } from './genchi-api.js';

const screenshots = join(repositoryRoot, 'test-results', 'ui');
const task = 'support-reply';
const checkName = 'Does not say "tomorrow"';

/**
 * The checks UI end to end in headless Chromium, as a reviewer would use it: a failed review item
 * becomes a check (a regex from the selected output text), its alignment is previewed against every
 * graded item before saving, it is saved with online evaluation on, new spans arrive, the online job
 * runs, and the span shows the check's score; then the checks page (candidates ranked, the
 * disagreements one click away, a new criterion version listing what to grade again, the online
 * rule, suggestions from the simulated model) and the empty states.
 */
describe('checks in the web UI, in headless Chromium', () => {
  let genchi: TestGenchi;
  let sim: SimLlm;
  let browser: Browser;
  let page: Page;
  const today = new Date().toISOString().slice(0, 10);
  // A recent day, so that its spans fall in every window the journey uses whenever it runs: yesterday, unless
  // yesterday's draw (fixed by seed and day) lacks the mix the journey needs, as about one day in a thousand does.
  let reviewDay = '';
  let taskSpans = 0;
  const state = { modeId: '', target: '', corrected: '', failed: 0, passed: 0 };
  const api = genchiApi(() => genchi);
  const shoot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
  const figure = (scope: string, key: string) => page.locator(`${scope} [data-figure=${key}] .figure-value`).textContent();
  const cell = (scope: string, key: string) => page.locator(`${scope} [data-cell=${key}] .cell-count`).textContent();

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(screenshots, { recursive: true });
    sim = await startSimLlm();
    genchi = await startTestGenchi({ runJobs: false, config: { providers: { sim: { baseUrl: sim.url, apiKey: 'sk-sim' } }, checks: { suggestModel: 'sim/suggest-1' } } });
    await api(`/v1/review/rules/${task}`, { method: 'PUT', body: { sampleSize: 12, strata: [{ stratum: 'random', weight: 1 }] } });
    // Half of a day's spans promise shipping tomorrow; the journey needs two of them and an on-time one in the draw.
    for (const daysAgo of [1, 2, 3]) {
      reviewDay = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      await ingest(genchi, reviewSpans(reviewDay, 40));
      taskSpans += 40;
      await api('/v1/review/sample', { method: 'POST', body: { day: reviewDay } });
      const drawn = (await api<ApiPage<ReviewItem>>(`/v1/review/items?task=${task}&day=${reviewDay}`)).data;
      const late = drawn.filter((item) => item.span.outputPreview.includes('tomorrow')).length;
      if (late >= 2 && late < drawn.length) break;
    }
    await ingest(genchi, reviewSpans(reviewDay, 3, 'quiet-task'));
    state.modeId = (await api<{ id: string }>('/v1/review/failure-modes', { method: 'POST', body: { task, name: 'Late shipping', definition: 'promises shipping later than today' } })).id;
    // The reviewers graded the day; one failed item is left for the browser to fail.
    const items = (await api<ApiPage<ReviewItem>>(`/v1/review/items?task=${task}&day=${reviewDay}`)).data;
    expect(items).toHaveLength(12);
    for (const item of items) {
      const late = item.span.outputPreview.includes('tomorrow');
      if (late) state.failed++;
      else state.passed++;
      if (late && state.target === '') state.target = item.id;
      else if (late && state.corrected === '') {
        // A structured correction: the output should have been this JSON.
        state.corrected = item.id;
        await api(`/v1/review/items/${item.id}`, { method: 'PATCH', body: { verdict: 'fail', failureModes: [state.modeId], correctedOutput: '{"order": 7, "ships": "today"}' } });
      } else await api(`/v1/review/items/${item.id}`, { method: 'PATCH', body: late ? { verdict: 'fail', failureModes: [state.modeId] } : { verdict: 'pass' } });
    }
    expect(state.failed).toBeGreaterThan(1);
    expect(state.passed).toBeGreaterThan(0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // A step that waits in vain fails naming its locator, well within the test's time.
    page.setDefaultTimeout(10_000);
    await page.goto(`${genchi.url}/login#${genchi.loginToken}`);
    await page.waitForURL(/\/traces$/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await genchi?.close();
    await sim?.close();
  });

  it('fails an item, makes a check from the text selected in its output, and previews its alignment before saving', async () => {
    await page.goto(`${genchi.url}/review/${task}?day=${reviewDay}&item=${state.target}`);
    await page.locator(`[data-testid=review-item][data-item="${state.target}"] [data-testid=item-output] .message-text`).waitFor();
    await page.keyboard.press('f');
    await page.keyboard.press('1');
    await page.locator('.mode.on', { hasText: 'Late shipping' }).waitFor();
    await page.locator('.save-state:not(.saving)').waitFor();
    // The reviewer selects the word that makes the output wrong, then presses c.
    // (A script string: the tests' compiler has no DOM types.)
    await page.evaluate(`(() => {
      const text = document.querySelector('[data-testid=item-output] .message-text').firstChild;
      const at = text.textContent.indexOf('tomorrow');
      if (at < 0) throw new Error('no "tomorrow" in the output');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'tomorrow'.length);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    })()`);
    await page.keyboard.press('c');
    const form = page.getByTestId('make-check');
    await form.waitFor();
    await form.locator('#parameter-pattern').waitFor();
    await expect.poll(() => form.locator('#parameter-pattern').inputValue()).toBe('tomorrow');
    await expect.poll(() => form.locator('#parameter-shouldMatch').isChecked()).toBe(false);
    await expect.poll(() => form.getByTestId('check-name').inputValue()).toBe(checkName);
    await expect.poll(() => form.getByTestId('check-criterion').inputValue()).toBe(`mode:${state.modeId}`);
    // The failure mode's definition is a judge rubric one click away; back to the regex.
    await form.locator(`[data-draft="judge-${state.modeId}"]`).click();
    await expect.poll(() => form.locator('#parameter-rubric').inputValue()).toContain('promises shipping later than today');
    await form.locator('[data-draft=regex-selection]').click();
    await expect.poll(() => form.locator('#parameter-pattern').inputValue()).toBe('tomorrow');

    await page.keyboard.press('Control+Enter');
    await form.getByTestId('check-preview').waitFor();
    const preview = '[data-testid=check-preview]';
    await expect.poll(() => figure(preview, 'alignment')).toBe('100%');
    await expect.poll(() => figure(preview, 'coverage')).toBe('100%');
    await expect.poll(() => figure(preview, 'falseFailureRate')).toBe('0%');
    await expect.poll(() => figure(preview, 'mcc')).toBe('1.00');
    await expect.poll(() => figure(preview, 'kappa')).toBe('1.00');
    await expect.poll(() => cell(preview, 'bothFail')).toBe(String(state.failed));
    await expect.poll(() => cell(preview, 'bothPass')).toBe(String(state.passed));
    await expect.poll(() => form.textContent()).toContain('None: the check agrees with the humans on every item it evaluated.');
    // Previewing made the criterion from the failure mode in one step; the picker now names it.
    await form.getByText('Criterion "Late shipping" made from the failure mode.').waitFor();
    await expect.poll(() => form.getByTestId('check-criterion').inputValue()).toMatch(/^criterion:/);
    await shoot('make-check-preview');
  });

  it('saves the check with online evaluation on, and the review keys work again once the form is closed', async () => {
    const form = page.getByTestId('make-check');
    await expect.poll(() => form.getByTestId('run-online').isChecked()).toBe(true);
    await form.getByTestId('save-check').click();
    const saved = form.getByTestId('check-saved');
    await saved.waitFor();
    await expect.poll(() => saved.textContent()).toMatch(/runs online on new prod llm spans of support-reply \(100% sampled, failures feed the review sample\)/);
    const checks = (await api<{ data: Check[] }>(`/v1/checks/assertions?task=${task}`)).data;
    const criteria = (await api<{ data: Criterion[] }>(`/v1/checks/criteria?task=${task}`)).data;
    expect(criteria).toMatchObject([{ name: 'Late shipping', failureModeId: state.modeId, version: 1 }]);
    expect(checks).toMatchObject([{ name: checkName, criterionId: criteria[0]?.id, assertion: { type: 'regex', parameters: { pattern: 'tomorrow', flags: 'i', shouldMatch: false } }, enabled: true }]);
    await expect.poll(() => api<OnlineRule>(`/v1/checks/online-rules/${task}`)).toMatchObject({ enabled: true, environment: 'prod', checkIds: [], feedReview: true });
    const before = await page.getByTestId('review-item').getAttribute('data-item');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('review-item').getAttribute('data-item')).not.toBe(before);
  });

  it('offers a JSON shape from a JSON correction, previewed like any other check', async () => {
    await page.goto(`${genchi.url}/review/${task}?day=${reviewDay}&item=${state.corrected}`);
    await page.locator(`[data-testid=review-item][data-item="${state.corrected}"] [data-testid=correction-diff]`).waitFor();
    await page.getByTestId('make-check-button').click();
    const form = page.getByTestId('make-check');
    await form.locator('[data-draft=json-shape-correction].active').waitFor();
    await expect.poll(() => form.locator('[data-draft]').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-draft')))).toEqual(['json-shape-correction', `judge-${state.modeId}`]);
    expect(JSON.parse(await form.locator('#parameter-example').inputValue())).toEqual({ order: 7, ships: 'today' });
    await form.getByTestId('preview-check').click();
    // The outputs are plain text: the shape fails every item, so it covers every failure and fails every pass.
    await form.getByTestId('check-preview').waitFor();
    await expect.poll(() => figure('[data-testid=check-preview]', 'coverage')).toBe('100%');
    await expect.poll(() => figure('[data-testid=check-preview]', 'falseFailureRate')).toBe('100%');
    await expect.poll(() => cell('[data-testid=check-preview]', 'falseFailures')).toBe(String(state.passed));
    await form.getByRole('button', { name: 'close' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('scores new production spans online; the span shows the check’s verdict, status, criterion and reason', async () => {
    // Two more checks show the other statuses: code that throws (error) and a judge with no model configured (not evaluated).
    const extra = await Promise.all([
      api<Check>('/v1/checks/assertions', { method: 'POST', body: { task, name: 'Throws', assertion: { type: 'custom-js', parameters: { code: "(() => { throw new Error('boom') })()" } } } }),
      api<Check>('/v1/checks/assertions', { method: 'POST', body: { task, name: 'Polite', assertion: { type: 'llm-judge', parameters: { rubric: 'Pass a polite answer.' } } } }),
    ]);
    await ingest(genchi, reviewSpans(today, 6));
    await genchi.jobs.tick();
    for (const check of extra) await fetch(`${genchi.url}/v1/checks/assertions/${check.id}`, { method: 'DELETE', headers: genchi.headers() });
    await page.goto(`${genchi.url}/traces/${task}-${today}-1`);
    const row = page.getByTestId('evaluation-scores').locator(`tr[data-score='${checkName}']`);
    // The criterion's name arrives with its own fetch; until then the row names its id.
    await expect.poll(() => row.textContent()).toContain('Late shipping v1');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('fail');
    expect(text).toContain('ok');
    expect(text).toContain('Late shipping v1');
    expect(text).toContain('regex · check v1');
    expect(text).toMatch(/matched/);
    const scores = page.getByTestId('evaluation-scores');
    await expect.poll(() => scores.locator("tr[data-score='Throws']").textContent()).toMatch(/error.*boom/);
    await expect.poll(() => scores.locator("tr[data-score='Polite']").textContent()).toMatch(/not evaluated.*no judge model/);
    await scores.locator('tr').last().scrollIntoViewIfNeeded();
    await shoot('span-check-score');
    await page.goto(`${genchi.url}/traces/${task}-${today}-0`);
    await page.getByTestId('evaluation-scores').locator(`tr[data-score='${checkName}']`).getByText('pass').waitFor();
  });

  it('ranks a criterion’s candidates on the checks page, with the disagreements one click from the item', async () => {
    await page.goto(`${genchi.url}/checks/${task}`);
    const card = page.getByTestId('criterion').first();
    await card.waitFor();
    // A second candidate from the form, built from the registry's schema: at most 4 words.
    await card.getByRole('button', { name: 'new check for it' }).click();
    const form = page.getByTestId('make-check');
    await form.getByTestId('check-type').selectOption('length');
    await form.locator('#parameter-unit').selectOption({ label: 'words' });
    await form.locator('#parameter-max').fill('4');
    await form.getByTestId('check-name').fill('Short');
    // The rule runs every enabled check: kept off, the candidate is saved disabled (and still aligned).
    await form.getByTestId('run-online').uncheck();
    await form.getByTestId('save-check').click();
    await form.getByTestId('check-saved').getByText(/saved disabled, as a candidate/).waitFor();
    await page.keyboard.press('Escape');
    expect((await api<{ data: Check[] }>(`/v1/checks/assertions?task=${task}`)).data.find((check) => check.name === 'Short')).toMatchObject({
      enabled: false,
      assertion: { type: 'length', parameters: { unit: 'words', max: 4 } },
    });
    const best = card.locator('tr[data-check]').first();
    await best.locator('.best').waitFor();
    await expect.poll(() => best.textContent()).toContain(checkName);
    const short = card.locator('tr[data-check]', { hasText: 'Short' });
    await short.locator('.figure-cell').first().waitFor();
    await expect.poll(() => short.locator('.figure-cell').first().textContent()).toBe('0%');
    await page.getByTestId('online-status').getByText(/6 spans evaluated/).waitFor();
    await shoot('checks-page');

    await short.getByRole('button', { name: 'items' }).click();
    const view = card.getByTestId('alignment-view');
    await view.waitFor();
    await expect.poll(() => view.locator('[data-cell=falseFailures] .cell-count').textContent()).toBe(String(state.passed));
    await expect.poll(() => view.getByTestId('aligned-items').locator('tbody tr').count()).toBe(state.passed);
    await view.locator('[data-cell=bothFail]').click();
    await expect.poll(() => view.getByTestId('aligned-items').locator('tbody tr').count()).toBe(state.failed);
    await view.locator('[data-cell=falseFailures]').click();
    await view.scrollIntoViewIfNeeded();
    await shoot('alignment-view');
    const first = view.getByTestId('aligned-items').locator('tbody tr').first();
    const itemId = await first.getAttribute('data-item');
    await first.getByRole('link', { name: 'item' }).click();
    await page.locator(`[data-testid=review-item][data-item="${itemId}"]`).waitFor();
  });

  it('lists what to grade again when a criterion’s definition changes, and edits the online rule', async () => {
    await page.goto(`${genchi.url}/checks/${task}`);
    const card = page.getByTestId('criterion').first();
    await card.getByRole('button', { name: 'edit definition' }).click();
    await card.getByLabel('definition of Late shipping').fill('promises shipping later than the next business day');
    await card.getByRole('button', { name: 'Save as v2' }).click();
    await card.locator('.badge', { hasText: 'v2' }).waitFor();
    const regrade = card.getByTestId('regrade');
    await regrade.waitFor();
    await expect.poll(() => regrade.textContent()).toContain(`${state.failed + state.passed} items were graded under an older version`);
    await card.getByRole('button', { name: 'versions' }).click();
    const versions = card.getByTestId('criterion-versions').locator('li');
    await versions.nth(1).waitFor();
    await expect.poll(() => versions.count()).toBe(2);

    const rule = page.getByTestId('online-rule');
    await rule.getByLabel('sampling rate in percent').fill('50');
    await rule.getByTestId('save-online-rule').click();
    await rule.getByText('Saved.').waitFor();
    await expect.poll(() => api<OnlineRule>(`/v1/checks/online-rules/${task}`)).toMatchObject({ samplingRate: 0.5, enabled: true });
  });

  it('gates the stored spans as genchi check does, with a gate set in the table', async () => {
    const row = page.getByTestId('criterion').filter({ hasText: 'Late shipping' }).locator('tr[data-check]', { hasText: checkName });
    await row.getByLabel(`gate of ${checkName}`).fill('90');
    await row.getByLabel(`gate of ${checkName}`).press('Enter');
    await expect.poll(async () => (await api<{ data: Check[] }>(`/v1/checks/assertions?task=${task}`)).data.find((check) => check.name === checkName)?.gate).toEqual({ minPassRate: 0.9 });
    const report = page.getByTestId('run-report');
    await report.getByLabel('window').selectOption('7d');
    await report.getByRole('button', { name: 'Run the checks' }).click();
    const summary = report.getByTestId('run-summary');
    await summary.waitFor();
    await expect.poll(() => summary.textContent()).toMatch(new RegExp(`${taskSpans + 6} spans .* 1 gate fails \\(genchi check would exit non-zero\\)`));
    await expect.poll(() => report.locator('tr', { hasText: checkName }).textContent()).toMatch(/≥ 90%: fails/);
  });

  it('suggests criteria through the configured (simulated) model, to accept after editing', async () => {
    sim.setRules([{ match: { system: 'evaluation criteria' }, reply: { content: JSON.stringify({ criteria: [{ name: 'Gives a date', definition: 'names when it ships', assertions: [{ name: 'has today', type: 'contains', parameters: { values: ['today'] } }] }] }) } }]);
    await page.getByTestId('suggest-criteria').click();
    const suggestion = page.getByTestId('suggestion');
    await suggestion.waitFor();
    await suggestion.getByRole('textbox').first().fill('Gives a ship date');
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await suggestion.getByText(/Made the criterion “Gives a ship date” with 1 check/).waitFor();
    await page.locator('[data-testid=criterion] .criterion-name', { hasText: 'Gives a ship date' }).waitFor();
    await page.getByTestId('suggest-panel').scrollIntoViewIfNeeded();
    await shoot('checks-suggest');
    const criteria = (await api<{ data: Criterion[] }>(`/v1/checks/criteria?task=${task}`)).data;
    const made = criteria.find((criterion) => criterion.name === 'Gives a ship date');
    expect(made).toMatchObject({ definition: 'names when it ships' });
    expect((await api<{ data: Check[] }>(`/v1/checks/assertions?criterionId=${made?.id}`)).data).toMatchObject([{ name: 'has today', assertion: { type: 'contains' } }]);
  });

  it('explains, rather than shows blank, a task with no graded items; the overview lists every task', async () => {
    await page.goto(`${genchi.url}/checks/quiet-task`);
    await page.getByTestId('no-graded-items').waitFor();
    await page.getByText('No criteria for quiet-task yet').waitFor();
    await page.getByTestId('suggest-criteria').click();
    await page.getByTestId('suggest-panel').getByRole('alert').getByText(/has no reviewed items yet: review a few first/).waitFor();
    await page.getByTestId('new-check').click();
    const form = page.getByTestId('make-check');
    await expect.poll(() => form.getByTestId('check-problems').textContent()).toContain('pattern: required');
    await expect.poll(() => form.getByTestId('preview-check').isDisabled()).toBe(true);
    await form.locator('#parameter-pattern').fill('sorry');
    await form.getByTestId('preview-check').click();
    await form.getByText('Alignment needs reviewed items').waitFor();
    await shoot('checks-empty');
    await page.keyboard.press('Escape');
    await page.goto(`${genchi.url}/checks`);
    const table = page.getByTestId('checks-tasks');
    await table.waitFor();
    const line = table.locator('tr', { hasText: task });
    await expect.poll(() => line.textContent()).toMatch(/support-reply\s*2\s*3 \(2\)\s*on/);
    await expect.poll(() => table.locator('tr', { hasText: 'quiet-task' }).textContent()).toContain('off');
  });
});
