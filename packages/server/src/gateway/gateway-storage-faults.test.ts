import type { SpanInput } from '@genchi/spec';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanIngest } from '../ingest/span-ingest.js';
import { StorageBusyError } from '../storage/storage.js';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { gatewayOf } from './gateway-routes.js';

type Mode = 'healthy' | 'refusing' | 'slow' | 'hung';

/** Sends `count` calls, `parallel` at a time, and returns their statuses. */
async function load(genchi: TestGenchi, count: number, parallel = 16): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const body = JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'hello' }] });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        const response = await fetch(`${genchi.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...genchi.headers() }, body });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    }),
  );
  return statuses;
}

describe('gateway: the store slow, refusing, hung or closed never fails or slows a call', () => {
  let sim: SimLlm;
  let genchi: TestGenchi;
  let mode: Mode = 'healthy';
  const held: Array<() => void> = [];

  beforeAll(async () => {
    sim = await startSimLlm();
    genchi = await startTestGenchi({
      config: {
        providers: { sim: { baseUrl: sim.url } },
        gateway: { logBuffer: { maxRecords: 100, batchSize: 10, flushIntervalMs: 5, maxWritesInFlight: 2, maxAttempts: 3 } },
      },
    });
    const real = genchi.context.spans;
    const write = (projectId: string, spans: readonly SpanInput[]): Promise<unknown> => {
      if (mode === 'healthy') return real.write(projectId, spans);
      if (mode === 'refusing') return Promise.reject(new StorageBusyError('database or disk is full', 0));
      if (mode === 'slow') return new Promise((resolve) => setTimeout(resolve, 300)).then(() => real.write(projectId, spans));
      return new Promise((resolve) => held.push(() => resolve(real.write(projectId, spans))));
    };
    genchi.context.spans = { write } as unknown as SpanIngest;
  });
  afterAll(async () => {
    await genchi?.close();
    await sim?.close();
  });

  it('buffers within its bound, then drops and counts, while every call succeeds; nothing is lost unaccounted', async () => {
    const gateway = gatewayOf(genchi.app);
    expect(await load(genchi, 50)).toEqual(Array(50).fill(200));
    await gateway.log.idle();
    expect(gateway.stats().log).toMatchObject({ accepted: 50, written: 50, droppedBufferFull: 0, droppedWriteFailed: 0 });

    for (const phase of ['refusing', 'slow', 'hung'] as const) {
      mode = phase;
      expect(await load(genchi, 400)).toEqual(Array(400).fill(200));
    }
    const during = gateway.stats().log;
    expect(during.droppedBufferFull).toBeGreaterThan(0);
    expect(during.buffered + during.inFlight).toBeLessThanOrEqual(100);
    expect(during.inFlight).toBe(20);
    expect(during.lastError).toMatch(/StorageBusyError: database or disk is full/);

    mode = 'healthy';
    held.splice(0).forEach((release) => release());
    expect(await load(genchi, 50)).toEqual(Array(50).fill(200));
    await gateway.log.idle(10_000);
    const after = gateway.stats().log;
    expect(after.accepted + after.droppedBufferFull).toBe(50 + 3 * 400 + 50);
    expect(after.written + after.droppedWriteFailed).toBe(after.accepted);
    expect(after.written).toBeGreaterThan(100);
    const stored = await genchi.context.storage.traces.listSpans(genchi.projectId, { limit: 1000 });
    expect(stored.data.length).toBeGreaterThanOrEqual(Math.min(after.written, 1000));
  });
});

describe('gateway: the real store closed under load', () => {
  it('keeps answering calls, and counts the spans the closed store refused', async () => {
    const sim = await startSimLlm();
    const genchi = await startTestGenchi({ config: { providers: { sim: { baseUrl: sim.url } }, gateway: { logBuffer: { maxRecords: 200, maxAttempts: 2 } } } });
    try {
      expect(await load(genchi, 100)).toEqual(Array(100).fill(200));
      const gateway = gatewayOf(genchi.app);
      await gateway.log.idle();
      // A fresh key lookup, so that the key stays remembered while the store is gone.
      genchi.context.keys.forget();
      expect(await load(genchi, 1, 1)).toEqual([200]);
      await genchi.context.storage.close();
      expect(await load(genchi, 400)).toEqual(Array(400).fill(200));
      await gateway.log.idle(10_000);
      const log = gateway.stats().log;
      expect(log.written).toBeGreaterThanOrEqual(100);
      expect(log.droppedBufferFull + log.droppedWriteFailed).toBeGreaterThanOrEqual(400);
      expect(log.written + log.droppedBufferFull + log.droppedWriteFailed).toBe(501);
      expect(log.lastError).toMatch(/StorageBusyError/);
    } finally {
      await genchi.close();
      await sim.close();
    }
  });
});
