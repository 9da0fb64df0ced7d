import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimLlm } from './start-sim-llm.js';
import type { SimLlm, SimReply } from './types.js';

let sim: SimLlm;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimLlm({ resolvedModels: { 'gpt-4o': 'gpt-4o-2024-08-06' }, models: ['judge-small'] });
  client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setRules([]);
  sim.setLatency({});
  sim.clearRequests();
});

async function ask(content: string, options: { model?: string; headers?: Record<string, string>; system?: string } = {}) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content }];
  if (options.system !== undefined) messages.unshift({ role: 'system', content: options.system });
  const completion = await client.chat.completions.create(
    { model: options.model ?? 'sim-small', messages },
    options.headers ? { headers: options.headers } : {},
  );
  return completion;
}

async function answer(content: string, options: Parameters<typeof ask>[1] = {}): Promise<string | null | undefined> {
  return (await ask(content, options)).choices[0]?.message.content;
}

describe('rules', () => {
  it('match by contains, model, system and header; the first match wins', async () => {
    sim.setRules([
      { match: { contains: /refund/i, model: 'sim-large' }, reply: { content: 'large refund' } },
      { match: { contains: 'refund' }, reply: { content: 'refund' } },
      { match: { system: 'strict grader' }, reply: { content: 'graded' } },
      { match: { header: { 'X-Tenant': 'acme' } }, reply: { content: 'acme' } },
      { match: { model: /^judge-/ }, reply: { content: 'judge' } },
    ]);
    expect(await answer('I want a Refund', { model: 'sim-large' })).toBe('large refund');
    expect(await answer('I want a refund')).toBe('refund');
    expect(await answer('grade this', { system: 'You are a strict grader.' })).toBe('graded');
    expect(await answer('hello', { headers: { 'x-tenant': 'acme' } })).toBe('acme');
    expect(await answer('hello', { model: 'judge-small' })).toBe('judge');
    expect(await answer('hello')).toBe('Simulated answer to: hello');
  });

  it('expire after `times` uses and keep global regexes stateless', async () => {
    sim.setRules([{ match: { contains: /once/g }, reply: { content: 'first' }, times: 2 }]);
    sim.addRule({ match: { contains: /once/g }, reply: { content: 'later' } });
    expect(await answer('once')).toBe('first');
    expect(await answer('once')).toBe('first');
    expect(await answer('once')).toBe('later');
    expect(await answer('once')).toBe('later');
  });

  it('follow an x-sim-reply header ahead of every rule', async () => {
    sim.addRule({ reply: { content: 'from rule' } });
    const reply: SimReply = { content: 'from header', finishReason: 'content_filter' };
    const completion = await ask('hi', { headers: { 'x-sim-reply': JSON.stringify(reply) } });
    expect(completion.choices[0]?.message.content).toBe('from header');
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
    expect(await answer('hi')).toBe('from rule');
  });

  it('reject an x-sim-reply header that is not JSON with a 400', async () => {
    await expect(ask('hi', { headers: { 'x-sim-reply': '{nope' } })).rejects.toMatchObject({ status: 400 });
  });
});

describe('latency', () => {
  it('grows with output tokens: 100 tokens at 2 ms per token take at least 200 ms', async () => {
    sim.addRule({ reply: { outputTokens: 100, latency: { perTokenMs: 2 } } });
    const started = performance.now();
    const completion = await ask('long answer');
    expect(completion.usage?.completion_tokens).toBe(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('spaces stream chunks after the first token, from the x-sim-latency header', async () => {
    sim.addRule({ reply: { outputTokens: 40 } });
    const started = performance.now();
    const stream = await client.chat.completions.create(
      { model: 'sim-small', messages: [{ role: 'user', content: 'x' }], stream: true },
      { headers: { 'x-sim-latency': '60,2' } },
    );
    let firstContentAt: number | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) firstContentAt ??= performance.now() - started;
    }
    const total = performance.now() - started;
    expect(firstContentAt).toBeGreaterThanOrEqual(55);
    expect(total).toBeGreaterThanOrEqual(60 + 40 * 2 - 5);
  });

  it('applies the server latency from setLatency', async () => {
    sim.setLatency({ firstTokenMs: 80 });
    const started = performance.now();
    await ask('wait');
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });
});

describe('resolved model', () => {
  it('keeps dated names, pins configured aliases and suffixes the rest', async () => {
    expect((await ask('x', { model: 'gpt-4o' })).model).toBe('gpt-4o-2024-08-06');
    expect((await ask('x', { model: 'claude-3-5-sonnet-20241022' })).model).toBe('claude-3-5-sonnet-20241022');
    expect((await ask('x', { model: 'gpt-4o-mini-2024-07-18' })).model).toBe('gpt-4o-mini-2024-07-18');
    expect((await ask('x', { model: 'sim-small' })).model).toBe('sim-small-sim-2025-01-01');
  });

  it('changes silently behind an alias with setResolvedModel', async () => {
    sim.setResolvedModel('gpt-4o-mini', 'gpt-4o-mini-2024-07-18');
    expect((await ask('x', { model: 'gpt-4o-mini' })).model).toBe('gpt-4o-mini-2024-07-18');
    sim.setResolvedModel('gpt-4o-mini', 'gpt-4o-mini-2025-03-01');
    expect((await ask('x', { model: 'gpt-4o-mini' })).model).toBe('gpt-4o-mini-2025-03-01');
  });
});

describe('server', () => {
  it('lists simulated models owned by sim-llm', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.owned_by).toBe('sim-llm');
      ids.push(model.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['sim-small', 'judge-small', 'gpt-4o']));
    expect((await client.models.retrieve('anything')).owned_by).toBe('sim-llm');
  });

  it('logs requests with method, path, headers and parsed body', async () => {
    await ask('logged', { headers: { 'x-genchi-task': 'demo' } });
    const [request] = sim.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['x-genchi-task']).toBe('demo');
    expect(request?.body).toMatchObject({ model: 'sim-small', messages: [{ role: 'user', content: 'logged' }] });
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
  });

  it('keeps only the most recent requests', async () => {
    const small = await startSimLlm({ requestLogSize: 3 });
    try {
      for (const index of [1, 2, 3, 4, 5]) {
        await fetch(`${small.url}/models`, { method: 'POST', body: JSON.stringify({ index }) });
      }
      expect(small.requests.map((request) => request.body)).toEqual([{ index: 3 }, { index: 4 }, { index: 5 }]);
    } finally {
      await small.close();
    }
  });
});
