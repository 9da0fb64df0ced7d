import OpenAI from 'openai';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Genchi, type GenchiOptions } from '../genchi.js';
import type { GenchiError } from '../genchi-error.js';
import { closedPortUrl, startFakeIngest, type FakeAnswer, type FakeIngestServer } from '../testing/fake-ingest-server.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const running: Array<{ close(): Promise<void> }> = [];
let sim: SimLlm;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sim = await startSimLlm();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((part) => part.close()));
  expect(unhandled).toEqual([]);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sim.close();
});

/** An SDK exporting to a fake server scripted by `answer`; fast backoff unless a test says otherwise. */
async function setup(answer?: (index: number) => FakeAnswer, options: GenchiOptions = {}) {
  const server = await startFakeIngest(answer);
  const errors: GenchiError[] = [];
  const sdk = new Genchi({ baseUrl: server.url, apiKey: 'gk_test', onError: (error) => errors.push(error), flushOnExit: false, ...options, exporter: { initialBackoffMs: 10, maxBackoffMs: 50, ...options.exporter } });
  running.push({ close: async () => void (await sdk.shutdown(200), await server.close()) });
  return { server, sdk, errors };
}

const record = (sdk: Genchi, count: number, input: unknown = 'q') => {
  for (let index = 0; index < count; index++) sdk.observe(`step-${index}`, { input }, () => index);
};
const until = async (condition: () => boolean, timeoutMs = 5000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const items = (server: FakeIngestServer) => server.received.flatMap((request) => request.body.batch);

describe('exporter: batching', () => {
  it('sends full batches by count, gzip-compressed, with the ingest key and the SDK named', async () => {
    const { server, sdk } = await setup(undefined, { exporter: { maxBatchSize: 10, flushIntervalMs: 60_000 } });
    record(sdk, 25);
    await until(() => server.received.length === 2);
    expect(server.received.map((request) => request.body.batch.length)).toEqual([10, 10]);
    expect(server.received[0]?.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-type': 'application/json', authorization: 'Bearer gk_test' });
    expect(server.received[0]?.body.sdk).toEqual({ name: '@genchi/sdk', version: '0.1.0' });
    expect(sdk.stats().queued).toBe(5);
    await sdk.flush();
    expect(server.received.map((request) => request.body.batch.length)).toEqual([10, 10, 5]);
    const spans = items(server).map((item) => item.body);
    expect(new Set(spans.map((span) => span.id)).size).toBe(25);
    expect(spans[0]).toMatchObject({ kind: 'span', name: 'step-0', input: 'q', output: 0, status: 'ok' });
    expect(spans[0]?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(spans[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends a partial batch after the flush interval, and by bytes', async () => {
    const { server, sdk } = await setup(undefined, { exporter: { flushIntervalMs: 40, maxBatchBytes: 4096, maxBatchSize: 1000 } });
    const started = Date.now();
    record(sdk, 3);
    await until(() => server.received.length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    record(sdk, 20, 'x'.repeat(1000));
    await until(() => items(server).length === 23);
    expect(server.received.length).toBeGreaterThan(3);
    expect(server.received.slice(1).every((request) => JSON.stringify(request.body).length < 4096 + 1200)).toBe(true);
  });
});

describe('exporter: bounded memory', () => {
  it('drops the oldest records beyond the count limit and counts them, while the server hangs', async () => {
    const { sdk, server } = await setup(() => 'hang', { exporter: { maxQueueSize: 50, maxBatchSize: 10, requestTimeoutMs: 60_000 } });
    record(sdk, 1000);
    await until(() => server.received.length === 1);
    await new Promise((resolve) => setImmediate(resolve));
    const stats = sdk.stats();
    expect(stats.queued).toBeLessThanOrEqual(50);
    expect(stats.dropped.queueFull).toBeGreaterThanOrEqual(1000 - 50 - 10);
  });

  it('drops the oldest records beyond the byte limit', async () => {
    const { sdk } = await setup(() => 'hang', { exporter: { maxQueueBytes: 200_000, requestTimeoutMs: 60_000, flushIntervalMs: 60_000 } });
    record(sdk, 500, 'y'.repeat(10_000));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const stats = sdk.stats();
    expect(stats.queuedBytes).toBeLessThanOrEqual(200_000);
    expect(stats.dropped.queueFull).toBeGreaterThan(400);
  });

  it('cuts down a record over maxItemBytes, largest fields first', async () => {
    const { server, sdk } = await setup(undefined, { exporter: { maxItemBytes: 20_000 } });
    sdk.observe('big', { input: 'z'.repeat(100_000), metadata: { keep: 'me' } }, () => 'small output');
    await sdk.flush();
    const body = items(server)[0]?.body;
    expect(body?.input).toMatchObject({ truncated: true, originalChars: 100_002 });
    expect(body?.input.head.length).toBe(2048);
    expect(body).toMatchObject({ output: 'small output', metadata: { keep: 'me' } });
  });
});

describe('exporter: retries', () => {
  it('honours Retry-After on 429 and 503, then delivers', async () => {
    const answers: FakeAnswer[] = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 503, headers: { 'retry-after': '1' } }, { status: 200 }];
    const { server, sdk } = await setup((index) => answers[index] ?? { status: 200 }, { exporter: { maxBackoffMs: 30_000 } });
    record(sdk, 2);
    const result = await sdk.flush(10_000);
    expect(result).toEqual({ completed: true, pending: 0 });
    expect(server.received).toHaveLength(3);
    const [first, second, third] = server.received.map((request) => request.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(950);
    expect(sdk.stats()).toMatchObject({ sent: 2, retries: 2, dropped: { failed: 0 } });
  });

  it('retries 502, 504 and a cut connection with backoff', async () => {
    const answers: FakeAnswer[] = [{ status: 502 }, 'reset', { status: 504 }, { status: 200 }];
    const { server, sdk, errors } = await setup((index) => answers[index] ?? { status: 200 });
    record(sdk, 1);
    expect((await sdk.flush(5_000)).completed).toBe(true);
    expect(server.received).toHaveLength(4);
    expect(sdk.stats()).toMatchObject({ sent: 1, retries: 3 });
    expect(errors).toEqual([]);
  });

  for (const status of [400, 401, 403, 413]) {
    it(`does not retry ${status}; reports it once through onError`, async () => {
      const { server, sdk, errors } = await setup(() => ({ status, body: { error: { message: `refused with ${status}`, type: 'x' } } }));
      record(sdk, 3);
      await sdk.flush();
      expect(server.received).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'export-rejected', details: { status, records: 3 } });
      expect(errors[0]?.message).toContain(`refused with ${status}`);
      expect(sdk.stats().dropped.failed).toBe(3);
    });
  }

  it('gives a batch up after maxRetries and reports it once', async () => {
    const { server, sdk, errors } = await setup(() => ({ status: 503 }), { exporter: { maxRetries: 2 } });
    record(sdk, 4);
    await sdk.flush();
    expect(server.received).toHaveLength(3);
    expect(errors.map((error) => error.code)).toEqual(['export-failed']);
    expect(sdk.stats().dropped.failed).toBe(4);
  });
});

describe('exporter: the host application is never harmed', () => {
  it('flush and shutdown finish within their timeout while the server hangs; records after shutdown are counted, not sent', async () => {
    const { sdk } = await setup(() => 'hang', { exporter: { requestTimeoutMs: 60_000 } });
    record(sdk, 5);
    let started = Date.now();
    expect(await sdk.flush(150)).toEqual({ completed: false, pending: 0 });
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    const result = await sdk.shutdown(150);
    expect(result.completed).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    record(sdk, 2);
    expect(sdk.stats().dropped.shutdown).toBeGreaterThanOrEqual(2);
  });

  it('keeps model calls working with genchi down, refusing, hanging or answering 400/413', async () => {
    const down = new Genchi({ baseUrl: await closedPortUrl(), apiKey: 'gk_test', onError: () => undefined, flushOnExit: false, exporter: { initialBackoffMs: 5, maxBackoffMs: 10, maxRetries: 1, maxQueueSize: 100 } });
    running.push({ close: async () => void (await down.shutdown(100)) });
    const hanging = await setup(() => 'hang', { exporter: { maxQueueSize: 100 } });
    const refusing = await setup((index) => ({ status: index % 2 === 0 ? 400 : 413 }), { exporter: { maxQueueSize: 100 } });
    for (const sdk of [down, hanging.sdk, refusing.sdk]) {
      const client = sdk.wrapOpenAI(new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 }));
      for (let index = 0; index < 150; index++) {
        const completion = await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: `call ${index}` }] });
        expect(completion.choices[0]?.message.content).toContain(`call ${index}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(sdk.stats().queued).toBeLessThanOrEqual(100);
    }
    await down.flush(2_000);
    expect(down.stats().dropped.failed).toBeGreaterThan(0);
  });

  it('replaces a field whose mask throws with a marker, and survives an onError that throws', async () => {
    const { server, sdk } = await setup(undefined, {
      mask: ({ field, value }) => {
        if (field === 'output') throw new Error('mask bug');
        return typeof value === 'string' ? value.replace(/\S+@\S+/g, '[email]') : value;
      },
      onError: () => {
        throw new Error('onError bug');
      },
    });
    sdk.observe('masked', { input: 'write to ana@example.com' }, () => 'secret output');
    await sdk.flush();
    expect(items(server)[0]?.body).toMatchObject({ input: 'write to [email]', output: '[genchi: masked, the mask hook failed]' });
  });

  it('never throws for bad input: unserialisable values, bad feedback, no API key', async () => {
    const { server, sdk, errors } = await setup();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    sdk.observe('odd values', { input: cyclic, metadata: { big: 10n } }, () => 1);
    expect(sdk.feedback('', { thumbs: 'up' })).toMatch(/^[0-9a-f]{24}$/);
    sdk.feedback('span', {} as never);
    await sdk.flush();
    expect(items(server)[0]?.body).toMatchObject({ input: expect.stringContaining('not serialisable'), metadata: { big: '10' } });
    expect(errors.map((error) => error.code)).toEqual(['invalid-record', 'invalid-record']);
    const quiet: GenchiError[] = [];
    const keyless = new Genchi({ onError: (error) => quiet.push(error), flushOnExit: false });
    expect(keyless.observe('x', () => 2)).toBe(2);
    expect(keyless.stats().dropped.disabled).toBe(1);
    expect(quiet.map((error) => error.code)).toEqual(['not-configured']);
  });
});
