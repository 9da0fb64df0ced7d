import { startSimLlm, type SimLlm } from '@genchi/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { normalizeAnswer, storedSpan } from './testing/gateway-test-helpers.js';

describe('gateway: the official openai client through genchi to a simulated model', () => {
  let sim: SimLlm;
  let genchi: TestGenchi;
  let client: OpenAI;
  const spanOf = (response: Response) => storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));

  beforeAll(async () => {
    sim = await startSimLlm();
    genchi = await startTestGenchi({ config: { providers: { sim: { baseUrl: sim.url, apiKey: 'sk-upstream' } } } });
    client = new OpenAI({ baseURL: `${genchi.url}/v1`, apiKey: genchi.apiKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await genchi?.close();
    await sim?.close();
  });

  it('forwards a plain call with the upstream key and logs it as a span with the upstream usage', async () => {
    sim.clearRequests();
    const { data, response } = await client.chat.completions
      .create({ model: 'sim-small', messages: [{ role: 'user', content: 'Name a colour.' }], temperature: 0.2 }, { headers: { 'x-genchi-task': 'colours', 'x-genchi-user': 'u-1', 'x-genchi-tags': 'a, b', 'x-genchi-prompt': 'colour-prompt@3' } })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Simulated answer to: Name a colour.');
    const upstream = sim.requests[0];
    expect(upstream?.headers.authorization).toBe('Bearer sk-upstream');
    expect(Object.keys(upstream?.headers ?? {}).filter((name) => name.startsWith('x-genchi'))).toEqual([]);
    const span = await spanOf(response);
    expect(span).toMatchObject({
      kind: 'llm',
      name: 'chat.completions.create',
      task: 'colours',
      environment: 'prod',
      provider: 'sim',
      model: 'sim-small',
      resolvedModel: 'sim-small-sim-2025-01-01',
      userId: 'u-1',
      tags: ['a', 'b'],
      promptId: 'colour-prompt',
      promptVersion: '3',
      status: 'ok',
      inputTokens: data.usage?.prompt_tokens,
      outputTokens: data.usage?.completion_tokens,
      inputTokensEstimated: false,
      params: { temperature: 0.2 },
      input: [{ role: 'user', content: 'Name a colour.' }],
      output: [{ role: 'assistant', content: 'Simulated answer to: Name a colour.', finishReason: 'stop' }],
    });
    expect(span.ttftMs).toBeNull();
    expect(span.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('streams without usage: the caller sees no usage chunk, the span has the usage genchi asked for', async () => {
    sim.clearRequests();
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'sim-small', stream: true, messages: [{ role: 'user', content: 'Count to three.' }] })
      .withResponse();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Simulated answer to: Count to three.');
    expect(sim.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const span = await spanOf(response);
    expect(span).toMatchObject({ status: 'ok', inputTokensEstimated: false, outputTokensEstimated: false, metadata: { usageInjected: true } });
    expect(span.outputTokens).toBeGreaterThan(5);
    expect(span.ttftMs).not.toBeNull();
    expect(span.output).toEqual([{ role: 'assistant', content: 'Simulated answer to: Count to three.', finishReason: 'stop' }]);
  });

  it('streams with usage when the caller asks: the caller gets the usage chunk, nothing is injected', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'sim-small', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    const span = await spanOf(response);
    expect(span.outputTokens).toBe(usage?.completion_tokens);
    expect(span.metadata.usageInjected).toBeUndefined();
  });

  it('passes bodies and stream frames through byte for byte (same script, direct and through genchi)', async () => {
    sim.addRule({ match: { contains: 'byte for byte' }, reply: { content: 'Ünïcödé – and "quotes" {json} 🙂', toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] } });
    const script = { 'x-sim-latency': '0,0' };
    const body = (stream: boolean) => JSON.stringify({ model: 'sim-large', stream, messages: [{ role: 'user', content: 'byte for byte' }] });
    for (const stream of [false, true]) {
      const direct = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...script }, body: body(stream) });
      const viaGenchi = await fetch(`${genchi.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...genchi.headers(), ...script }, body: body(stream) });
      expect(viaGenchi.status).toBe(direct.status);
      expect(viaGenchi.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      expect(viaGenchi.headers.get('x-simulated')).toBe('sim-llm');
      const [directText, viaText] = [await direct.text(), await viaGenchi.text()];
      expect(normalizeAnswer(viaText)).toBe(normalizeAnswer(directText));
    }
  });

  it('passes json_schema answers and tool calls, and records the tool calls on the span', async () => {
    const schema = { type: 'object', properties: { category: { type: 'string', enum: ['shoes', 'hats'] } }, required: ['category'], additionalProperties: false };
    const json = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'Red sneakers' }],
      response_format: { type: 'json_schema', json_schema: { name: 'category', schema, strict: true } },
    });
    expect(JSON.parse(json.choices[0]?.message.content ?? '')).toEqual({ category: 'shoes' });
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    for (const stream of [false, true] as const) {
      const request = { model: 'sim-small', messages: [{ role: 'user' as const, content: 'Weather in Oslo?' }], tools, tool_choice: 'required' as const };
      const response = stream
        ? (await client.chat.completions.create({ ...request, stream: true }).withResponse()).response
        : (await client.chat.completions.create(request).withResponse()).response;
      if (stream) await response.text();
      const span = await spanOf(response);
      expect(span.toolCalls).toEqual([{ id: expect.stringMatching(/^call_sim/), name: 'get_weather', arguments: '{"city":"simulated"}' }]);
      expect(span.params).toMatchObject({ tool_choice: 'required', tools });
    }
  });

  it('forwards the Responses API, streamed or not, and embeddings', async () => {
    const { data: answer, response } = await client.responses.create({ model: 'sim-small', instructions: 'Be brief.', input: 'What is genchi?' }).withResponse();
    expect(answer.output_text).toBe('Simulated answer to: What is genchi?');
    const span = await spanOf(response);
    expect(span).toMatchObject({ name: 'responses.create', resolvedModel: 'sim-small-sim-2025-01-01', outputTokensEstimated: false, input: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is genchi?' }] });
    const streamed = await client.responses.create({ model: 'sim-small', input: 'Stream it', stream: true }).withResponse();
    let text = '';
    for await (const event of streamed.data) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('Simulated answer to: Stream it');
    expect((await spanOf(streamed.response)).output).toEqual([{ role: 'assistant', content: 'Simulated answer to: Stream it' }]);
    const embedded = await client.embeddings.create({ model: 'sim-embedding', input: ['one', 'two'] }).withResponse();
    expect(embedded.data.data).toHaveLength(2);
    expect(await spanOf(embedded.response)).toMatchObject({ kind: 'embedding', name: 'embeddings.create', output: { embeddings: 2, dimensions: 256 }, outputTokens: 0 });
  });

  it('lists and retrieves models as the upstream answers them', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(expect.arrayContaining(['sim-small', 'sim-large', 'sim-embedding']));
    expect(await client.models.retrieve('sim-small')).toMatchObject({ id: 'sim-small', owned_by: 'sim-llm' });
  });
});

describe('gateway: usage injection switched off', () => {
  it('leaves the stream alone and has the tokenizer estimate the usage for the span', async () => {
    const sim = await startSimLlm();
    const genchi = await startTestGenchi({ config: { providers: { sim: { baseUrl: sim.url } }, gateway: { allowUsageInjection: false } } });
    try {
      const client = new OpenAI({ baseURL: `${genchi.url}/v1`, apiKey: genchi.apiKey, maxRetries: 0 });
      const { data: stream, response } = await client.chat.completions.create({ model: 'sim-small', stream: true, messages: [{ role: 'user', content: 'Tell me a short story.' }] }).withResponse();
      for await (const chunk of stream) expect(chunk.usage).toBeUndefined();
      expect(sim.requests[0]?.body).not.toHaveProperty('stream_options');
      const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
      expect(span).toMatchObject({ inputTokensEstimated: true, outputTokensEstimated: true });
      expect(span.outputTokens).toBeGreaterThan(3);
      expect(span.metadata.usageInjected).toBeUndefined();
    } finally {
      await genchi.close();
      await sim.close();
    }
  });
});
