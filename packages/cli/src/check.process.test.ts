import { ingest, reviewSpans, startTestGenchi, type TestGenchi } from '@genchi/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenchi } from './testing/genchi-process.js';

/** `genchi check` as CI runs it: the built command against a listening genchi. */
describe('genchi check', () => {
  let genchi: TestGenchi;
  const window = ['--since', '2026-05-01T00:00:00Z', '--until', '2026-05-02T00:00:00Z'];

  beforeAll(async () => {
    genchi = await startTestGenchi({ runJobs: false });
    await ingest(genchi, reviewSpans('2026-05-01', 20));
    const create = (payload: object) => genchi.app.inject({ method: 'POST', url: '/v1/checks/assertions', headers: genchi.headers(), payload });
    await create({ task: 'support-reply', name: 'Ships today', assertion: { type: 'regex', parameters: { pattern: 'tomorrow', shouldMatch: false } }, gate: { minPassRate: 0.9 } });
    await create({ task: 'support-reply', name: 'No personal data', assertion: { type: 'pii', parameters: {} } });
  });
  afterAll(async () => genchi?.close());

  it('prints a report and exits 1 when a gate fails', async () => {
    const result = await runGenchi(['check', '--task', 'support-reply', ...window, '--url', genchi.url, '--key', genchi.apiKey]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/task support-reply: 20 spans/);
    expect(result.stdout).toMatch(/Ships today\s+regex\s+20\s+10\s+10\s+0\s+0\s+50\.0%\s+FAILED \(≥ 90\.0%\)/);
    expect(result.stdout).toMatch(/No personal data\s+pii\s+20\s+20\s+0/);
    expect(result.stdout).toMatch(/1 gate failed/);
  });

  it('exits 0 when every gate passes', async () => {
    const result = await runGenchi(['check', '--task', 'support-reply', ...window, '--url', genchi.url, '--key', genchi.apiKey, '--min-pass-rate', '0.4', '--json']);
    expect(result.code).toBe(1);
    const passing = await runGenchi(['check', '--task', 'support-reply', '--since', '2026-05-01T00:00:00Z', '--until', '2026-05-01T00:01:00Z', '--url', genchi.url, '--key', genchi.apiKey, '--min-pass-rate', '0.5']);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/all gates passed/);
  });

  it('names a usage mistake and an unreachable or refusing server', async () => {
    expect(await runGenchi(['check'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--task is required/) });
    expect(await runGenchi(['check', '--task', 't', '--key', 'k', '--min-pass-rate', '2'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--min-pass-rate must be a number from 0 to 1/) });
    const refused = await runGenchi(['check', '--task', 'nothing', '--url', genchi.url, '--key', genchi.apiKey]);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/genchi answered 404: task nothing has no enabled checks/) });
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const unreachable = await runGenchi(['check', '--task', 't', '--url', 'http://127.0.0.1:9', '--key', 'k']);
    expect(unreachable).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot reach genchi at http:\/\/127.0.0.1:9/) });
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
