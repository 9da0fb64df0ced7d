import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StructuredOutputError } from '../genchi-error.js';
import { startSdkHarness, type SdkHarness } from '../testing/sdk-harness.js';

const category = z.object({ category: z.enum(['Footwear', 'Toys']), confidence: z.number().min(0).max(1) });
const messages = [{ role: 'user' as const, content: 'categorize: red running shoes' }];

interface Row {
  id: string;
  name: string;
  tags: string[];
  resolvedModel: string | null;
  parentId: string | null;
}

/** An OpenAI-compatible endpoint that refuses `response_format: json_schema` and passes everything else to sim-llm. */
async function startRefusingProxy(target: string): Promise<{ server: Server; url: string; refusals: number }> {
  const state = { refusals: 0 };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { response_format?: { type?: string } };
    if (body.response_format?.type === 'json_schema') {
      state.refusals++;
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'response_format json_schema is not supported by this model', type: 'invalid_request_error', param: 'response_format', code: null } }));
      return;
    }
    const forwarded = await fetch(`${target}${request.url?.replace(/^\/v1/, '')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    response.writeHead(forwarded.status, { 'content-type': 'application/json' });
    response.end(await forwarded.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    get refusals() {
      return state.refusals;
    },
  };
}

describe('generateObject against sim-llm (simulated), recorded in a real genchi', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(async () => h.close());

  const rows = async (query: string) => (await h.query<{ data: Row[] }>(`/v1/spans?limit=100&${query}`)).data;

  it('asks through json_schema and returns the typed object on the first try', async () => {
    const client = h.sdk.wrapOpenAI(h.openai, { task: 'categorize-product' });
    h.sim.clearRequests();
    const result = await h.sdk.generateObject({ client, model: 'sim-small', schema: category, schemaName: 'category', messages });
    expect(result).toMatchObject({ object: { category: 'Footwear', confidence: 0 }, outcome: 'valid-first-try', attempts: 1 });
    const sent = h.sim.requests.at(-1)?.body as { response_format: unknown };
    expect(sent.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'category', schema: { type: 'object', required: ['category', 'confidence'] } } });
    const parent = await h.span(result.spanId);
    expect(parent).toMatchObject({ kind: 'chain', task: 'categorize-product', output: { category: 'Footwear', confidence: 0 }, tags: ['structured-output:valid-first-try'] });
    expect(parent.scores).toEqual([expect.objectContaining({ name: 'structured-output', value: 'valid-first-try', source: 'assertion' })]);
    const trace = await h.query<{ spanCount: number; roots: Array<{ children: Row[] }> }>(`/v1/traces/${result.traceId}`);
    expect(trace.spanCount).toBe(2);
    expect(trace.roots[0]?.children[0]).toMatchObject({ name: 'generateObject.attempt', task: 'categorize-product', tags: ['structured-output:valid'] });
  });

  it('re-asks with the validation errors and records the adherence per model version', async () => {
    h.sim.setResolvedModel('sim-large', 'sim-large-2025-03-01');
    h.sim.setRules([{ match: { model: 'sim-large' }, reply: { json: { category: 'Shoes', confidence: 2 } }, times: 1 }]);
    h.sim.clearRequests();
    const result = await h.sdk.generateObject({ client: h.openai, model: 'sim-large', schema: category, messages, task: 'categorize-reask' });
    expect(result).toMatchObject({ object: { category: 'Footwear' }, outcome: 'valid-after-reask', attempts: 2 });
    const reask = h.sim.requests.at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    expect(reask.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(reask.messages[2]?.content).toMatch(/category: Invalid option/);
    expect(reask.messages[2]?.content).toMatch(/confidence: Too big/);
    await h.sdk.flush();
    const invalid = await rows('tag=structured-output:invalid&model=sim-large-2025-03-01');
    const valid = await rows('tag=structured-output:valid&model=sim-large-2025-03-01');
    expect([invalid.length, valid.length]).toEqual([1, 1]);
    expect(invalid[0]?.parentId).toBe(result.spanId);
    expect((await rows('tag=structured-output:valid-after-reask&task=categorize-reask')).map((row) => row.id)).toEqual([result.spanId]);
    const attempt = await h.span(invalid[0]?.id ?? '');
    expect(attempt.metadata.structuredOutput).toMatchObject({ attempt: 1, valid: false, mode: 'json_schema', errors: [expect.stringMatching(/^category: /), expect.stringMatching(/^confidence: /)] });
  });

  it('asks for YAML through instructions and parses it', async () => {
    h.sim.setRules([{ match: { model: 'sim-yaml' }, reply: { content: 'Here you go:\n```yaml\ncategory: Toys\nconfidence: 0.9\n```' } }]);
    h.sim.clearRequests();
    const result = await h.sdk.generateObject({ client: h.openai, model: 'sim-yaml', schema: category, format: 'yaml', messages });
    expect(result.object).toEqual({ category: 'Toys', confidence: 0.9 });
    const sent = h.sim.requests.at(-1)?.body as { response_format?: unknown; messages: Array<{ role: string; content: string }> };
    expect(sent.response_format).toBeUndefined();
    expect(sent.messages[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/^Answer with YAML only/) });
  });

  it('throws one typed error after the last try, and records the failure', async () => {
    h.sim.setRules([{ match: { model: 'sim-broken' }, reply: { content: 'I would rather not answer in JSON.' } }]);
    const failure = await h.sdk.generateObject({ client: h.openai, model: 'sim-broken', schema: category, messages, mode: 'instructions', maxRetries: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StructuredOutputError);
    const error = failure as StructuredOutputError;
    expect(error.attempts).toHaveLength(2);
    expect(error.attempts[0]?.errors[0]).toMatch(/^the answer is not valid JSON/);
    const parent = await h.span(error.spanId);
    expect(parent).toMatchObject({ status: 'error', tags: ['structured-output:failed'], metadata: { structuredOutput: { outcome: 'failed', attempts: 2, reasks: 1 } } });
  });

  it('falls back to instructions where the endpoint refuses json_schema, and remembers it', async () => {
    const proxy = await startRefusingProxy(h.sim.url);
    try {
      h.sim.setRules([{ match: { model: 'sim-plain' }, reply: { json: { category: 'Toys', confidence: 1 } } }]);
      const client = new OpenAI({ baseURL: proxy.url, apiKey: 'sk-sim', maxRetries: 0 });
      const first = await h.sdk.generateObject({ client, model: 'sim-plain', schema: category, messages });
      const second = await h.sdk.generateObject({ client, model: 'sim-plain', schema: category, messages });
      expect([first.object, second.object]).toEqual([{ category: 'Toys', confidence: 1 }, { category: 'Toys', confidence: 1 }]);
      expect(proxy.refusals).toBe(1);
      expect((await h.span(second.spanId)).metadata.structuredOutput).toMatchObject({ mode: 'instructions', outcome: 'valid-first-try' });
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });
});
