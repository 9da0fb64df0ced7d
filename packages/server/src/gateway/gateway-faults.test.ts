import { createServer } from 'node:net';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { gatewayOf } from './gateway-routes.js';
import { normalizeAnswer, storedSpan, waitFor } from './testing/gateway-test-helpers.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('gateway: upstream faults and bad input', () => {
  let sim: SimLlm;
  let genchi: TestGenchi;
  let client: OpenAI;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${genchi.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...genchi.headers(), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const chat = (model = 'sim/sim-small') => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });

  beforeAll(async () => {
    sim = await startSimLlm();
    genchi = await startTestGenchi({
      config: {
        providers: {
          sim: { baseUrl: sim.url, apiKey: 'sk-sim' },
          gone: { baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, apiKey: 'sk-gone' },
          keyless: { baseUrl: sim.url, apiKeyEnv: 'GENCHI_TEST_UNSET_KEY' },
          hasty: { baseUrl: sim.url, timeoutMs: 300 },
          listed: { baseUrl: sim.url, models: ['sim-large'] },
        },
      },
    });
    client = new OpenAI({ baseURL: `${genchi.url}/v1`, apiKey: genchi.apiKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await genchi?.close();
    await sim?.close();
  });

  it('passes upstream errors on unchanged, with x-should-retry: false only where retrying cannot help', async () => {
    for (const [fault, status] of [['http-400', 400], ['http-429', 429], ['http-500', 500], ['http-503', 503]] as const) {
      const direct = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'x-sim-fault': fault }, body: JSON.stringify(chat('sim-small')) });
      const through = await post(chat(), { 'x-sim-fault': fault });
      expect(through.status).toBe(status);
      expect(await through.text()).toBe(await direct.text());
      expect(through.headers.get('retry-after')).toBe(direct.headers.get('retry-after'));
      expect(through.headers.get('x-should-retry')).toBe(status === 400 ? 'false' : null);
      const span = await storedSpan(genchi, genchi.projectId, through.headers.get('x-genchi-span-id'));
      expect(span).toMatchObject({ status: 'error', errorMessage: expect.stringContaining('(simulated fault)'), metadata: { upstreamStatus: status } });
    }
    await expect(client.chat.completions.create(chat(), { headers: { 'x-sim-fault': 'http-429' } })).rejects.toMatchObject({ status: 429, headers: expect.anything() });
  });

  it('cuts the caller off when the upstream breaks off a stream, and logs the error', async () => {
    const { data: stream, response } = await client.chat.completions.create({ ...chat(), stream: true }, { headers: { 'x-sim-fault': 'mid-stream-error' } }).withResponse();
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow();
    expect(received.join('')).not.toBe('');
    const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
    expect(span).toMatchObject({ status: 'error', errorType: 'upstream_failure', errorMessage: expect.stringContaining('broke off') });
  });

  it('aborts the upstream when the client leaves mid-stream and records the cancellation', async () => {
    const before = gatewayOf(genchi.app).stats().calls.cancelled;
    const controller = new AbortController();
    const started = Date.now();
    const { data: stream, response } = await client.chat.completions
      .create({ ...chat(), stream: true }, { signal: controller.signal, headers: { 'x-sim-latency': '0,100', 'x-sim-reply': JSON.stringify({ outputTokens: 200 }) } })
      .withResponse();
    try {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) {
          controller.abort();
          break;
        }
      }
    } catch {
      // The client may report the abort as an error; either way it has left.
    }
    const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
    expect(span).toMatchObject({ status: 'cancelled', errorType: 'cancelled' });
    expect(span.latencyMs).toBeLessThan(2_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(gatewayOf(genchi.app).stats().calls.cancelled).toBe(before + 1);
    // The upstream request was aborted, not left streaming into nothing.
    const pool = gatewayOf(genchi.app).providers.list()[0]?.pool;
    await waitFor(() => pool?.stats.running === 0);
  });

  it('answers 504 when the upstream does not answer in time and 502 when it cannot be reached', async () => {
    const slow = await post(chat('hasty/sim-small'), { 'x-sim-fault': 'timeout' });
    expect(slow.status).toBe(504);
    expect((await slow.json()) as unknown).toMatchObject({ error: { type: 'timeout_error', code: 'upstream_timeout', message: 'upstream hasty did not answer within 300 ms' } });
    const gone = await post(chat('gone/gpt-4o'));
    expect(gone.status).toBe(502);
    expect(((await gone.json()) as { error: unknown }).error).toMatchObject({ type: 'upstream_error', code: 'upstream_unreachable', message: expect.stringMatching(/^upstream gone could not be reached/) });
    const span = await storedSpan(genchi, genchi.projectId, gone.headers.get('x-genchi-span-id'));
    expect(span).toMatchObject({ status: 'error', provider: 'gone', model: 'gpt-4o', metadata: { upstreamStatus: 502 } });
  });

  it('refuses bad input in OpenAI error shape, naming the problem, and sends nothing upstream', async () => {
    sim.clearRequests();
    const cases: Array<[unknown, Record<string, string>, number, Record<string, unknown>]> = [
      ['{"model": "sim/sim-small", "messages": [', {}, 400, { param: 'body', message: expect.stringMatching(/^body: not valid JSON/) }],
      [{ messages: [] }, {}, 400, { param: 'model', message: 'body.model: expected the name of a model' }],
      [{ model: 'sim/sim-small', messages: 'hi' }, {}, 400, { param: 'messages', message: 'body.messages: expected an array of messages, got string' }],
      [{ model: 'sim/sim-small' }, {}, 400, { param: 'messages', message: 'body.messages: required' }],
      [chat('sim-small'), {}, 404, { code: 'model_not_found', message: expect.stringContaining('names no provider; write <provider>/sim-small with one of: sim, gone, keyless, hasty, listed') }],
      [chat('azure/gpt-4o'), {}, 404, { code: 'model_not_found', message: expect.stringContaining('unknown provider azure') }],
      [chat('listed/sim-small'), {}, 404, { code: 'model_not_found', message: 'provider listed offers no model sim-small; it offers: sim-large' }],
      [chat('keyless/sim-small'), {}, 401, { type: 'authentication_error', code: 'upstream_key_missing', message: expect.stringContaining('set GENCHI_TEST_UNSET_KEY') }],
      [chat(), { 'x-genchi-environment': 'not ok!' }, 400, { param: 'x-genchi-environment' }],
      [chat(), { 'x-genchi-prompt': 'summary@' }, 400, { param: 'x-genchi-prompt' }],
    ];
    for (const [body, headers, status, error] of cases) {
      const response = await post(body, headers);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject(error);
      expect(response.headers.get('x-should-retry')).toBe('false');
    }
    expect((await post(chat(), { authorization: 'Bearer nope' })).status).toBe(401);
    await expect(client.chat.completions.create(chat('azure/gpt-4o'))).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    expect(sim.requests).toEqual([]);
    expect(gatewayOf(genchi.app).stats().calls.refused).toBeGreaterThanOrEqual(cases.length - 1);
  });
});

describe('gateway: retries and pass-through keys, when configured', () => {
  it('retries a failed upstream call once before anything reached the caller, and passes the caller key through', async () => {
    const sim = await startSimLlm();
    const genchi = await startTestGenchi({ config: { providers: { sim: { baseUrl: sim.url, apiKeyEnv: 'GENCHI_TEST_UNSET_KEY' } }, gateway: { retries: 1, passthroughUpstreamAuthorization: true } } });
    try {
      sim.addRule({ match: { contains: 'flaky' }, reply: { fault: 'http-503' }, times: 1 });
      const client = new OpenAI({ baseURL: `${genchi.url}/v1`, apiKey: genchi.apiKey, maxRetries: 0, defaultHeaders: { 'x-upstream-authorization': 'sk-callers-own' } });
      const { data, response } = await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: 'flaky' }] }).withResponse();
      expect(data.choices[0]?.message.content).toBe('Simulated answer to: flaky');
      expect(sim.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-callers-own', 'Bearer sk-callers-own']);
      const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
      expect(span).toMatchObject({ status: 'ok', metadata: { attempts: 2 } });
      expect(gatewayOf(genchi.app).stats().calls.retries).toBe(1);
      expect(normalizeAnswer(JSON.stringify(data))).toContain('chatcmpl-sim');
    } finally {
      await genchi.close();
      await sim.close();
    }
  });
});
