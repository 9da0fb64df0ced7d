import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { defineJobKind } from './job-kind.js';
import { JobRunner } from './job-runner.js';

describe('job runner', () => {
  let genchi: TestGenchi;
  let now = Date.parse('2026-05-01T10:00:00Z');
  const clock = { now: () => now };
  const runs: string[] = [];
  let failuresLeft = 0;
  const echo = defineJobKind({
    kind: 'echo',
    payloadSchema: z.object({ text: z.string() }),
    maxAttempts: 3,
    retryDelayMs: 1000,
    async run(_context, payload) {
      runs.push(payload.text);
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('flaky');
      }
      return { echoed: payload.text };
    },
  });
  const runner = (owner: string) => new JobRunner(genchi.context, { kinds: [echo], schedules: [], pollIntervalMs: 10, leaseMs: 5000, owner });

  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false, clock, runJobs: false });
  });
  afterAll(async () => genchi.close());

  it('runs a due job once and stores its result; enqueuing it again is a no-op', async () => {
    const worker = runner('w1');
    const first = await worker.enqueue({ kind: 'echo', key: 'a', projectId: null, payload: { text: 'a' }, runAt: now });
    expect((await worker.enqueue({ kind: 'echo', key: 'a', projectId: null, payload: { text: 'other' }, runAt: now })).created).toBe(false);
    expect(await worker.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    expect(runs).toEqual(['a']);
    expect(await genchi.context.storage.jobs.getJob(first.job.id)).toMatchObject({ status: 'done', result: { echoed: 'a' }, attempts: 1 });
    await expect(worker.enqueue({ kind: 'nope', key: 'x', projectId: null, payload: null, runAt: now })).rejects.toThrow(/no job kind nope/);
  });

  it('retries a failing job after its delay, then succeeds', async () => {
    runs.length = 0;
    failuresLeft = 1;
    const worker = runner('w1');
    const { job } = await worker.enqueue({ kind: 'echo', key: 'b', projectId: null, payload: { text: 'b' }, runAt: now });
    expect(await worker.tick()).toBe(1);
    expect(await genchi.context.storage.jobs.getJob(job.id)).toMatchObject({ status: 'queued', error: 'flaky', attempts: 1 });
    expect(await worker.tick()).toBe(0);
    now += 1000;
    expect(await worker.tick()).toBe(1);
    expect(await genchi.context.storage.jobs.getJob(job.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(runs).toEqual(['b', 'b']);
  });

  it('picks up a job whose worker died once its lease lapses', async () => {
    runs.length = 0;
    const { job } = await runner('w1').enqueue({ kind: 'echo', key: 'c', projectId: null, payload: { text: 'c' }, runAt: now });
    // A worker claims it and dies without finishing.
    await genchi.context.storage.jobs.claim({ owner: 'dead', now, leaseMs: 5000, kinds: ['echo'] });
    const survivor = runner('w2');
    expect(await survivor.tick()).toBe(0);
    now += 5001;
    expect(await survivor.tick()).toBe(1);
    expect(await genchi.context.storage.jobs.getJob(job.id)).toMatchObject({ status: 'done', attempts: 2, result: { echoed: 'c' } });
    expect(runs).toEqual(['c']);
  });

  it('polls on its own once started and stops cleanly', async () => {
    runs.length = 0;
    const worker = runner('w3');
    await worker.enqueue({ kind: 'echo', key: 'd', projectId: null, payload: { text: 'd' }, runAt: now });
    worker.start();
    for (let waited = 0; runs.length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(runs).toEqual(['d']);
  });
});
