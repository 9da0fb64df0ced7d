import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSdkHarness, type SdkHarness } from '../testing/sdk-harness.js';

describe('wrapOpenAI with the official client against sim-llm (simulated), exporting to a real genchi', () => {
  let h: SdkHarness;
  let client: OpenAI;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    h = await startSdkHarness();
    h.sim.setResolvedModel('gpt-4o-mini', 'gpt-4o-mini-2024-07-18');
    client = h.sdk.wrapOpenAI(h.openai, { task: 'categorize-product', tags: ['catalog'] });
  });
  afterEach(() => expect(unhandled).toEqual([]));
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h.close();
  });

  it('keeps the client type and identity checks, and leaves the original client unrecorded', async () => {
    expect(client).toBeInstanceOf(OpenAI);
    expect(client.baseURL).toBe(h.sim.url);
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(0);
    await h.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'not recorded' }] });
    await h.sdk.flush();
    expect(h.sdk.stats().sent).toBe(0);
  });

  it('records a call: input, output, params, requested and resolved model, usage, latency, context', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'Name the product category.' },
      { role: 'user', content: 'red running shoes' },
    ];
    const completion = await h.sdk.withContext({ userId: 'user-7', sessionId: 'session-3', promptId: 'categorize', promptVersion: '4', metadata: { shop: 'eu' } }, () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages, temperature: 0.2, max_tokens: 50 }),
    );
    messages.push({ role: 'assistant', content: 'pushed after the call' });
    const ref = h.sdk.spanOf(completion);
    expect(ref?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(ref?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const span = await h.span(ref?.spanId ?? '');
    expect(span).toMatchObject({
      kind: 'llm',
      name: 'chat.completions.create',
      task: 'categorize-product',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      provider: 'openai-compatible',
      userId: 'user-7',
      sessionId: 'session-3',
      promptId: 'categorize',
      promptVersion: '4',
      tags: ['catalog'],
      metadata: { shop: 'eu' },
      status: 'ok',
      params: { temperature: 0.2, max_tokens: 50 },
      usage: { inputTokens: completion.usage?.prompt_tokens, outputTokens: completion.usage?.completion_tokens, estimated: false },
      output: [{ role: 'assistant', content: completion.choices[0]?.message.content, finishReason: 'stop' }],
    });
    expect(span.input).toHaveLength(2);
    expect(span.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('passes a stream through chunk by chunk, the same objects as the plain client would give, and records TTFT and the assembled output', async () => {
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'describe blue sandals' }], stream: true as const, stream_options: { include_usage: true } };
    const plain: string[] = [];
    for await (const chunk of await h.openai.chat.completions.create(request)) plain.push(JSON.stringify({ ...chunk, id: '', created: 0 }));
    const stream = await client.chat.completions.create(request);
    expect(stream).toBeInstanceOf(Stream);
    const seen: string[] = [];
    let text = '';
    for await (const chunk of stream) {
      seen.push(JSON.stringify({ ...chunk, id: '', created: 0 }));
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(seen).toEqual(plain);
    const span = await h.span(h.sdk.spanOf(stream)?.spanId ?? '');
    expect(span.output).toEqual([{ role: 'assistant', content: text, finishReason: 'stop' }]);
    expect(span.ttftMs).toBeGreaterThanOrEqual(0);
    expect(span.usage.estimated).toBe(false);
    expect(span.params).toMatchObject({ stream: true });
  });

  it('records tool calls, streamed and not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup_sku', parameters: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } } }];
    h.sim.addRule({ match: { contains: 'sku' }, reply: { toolCalls: [{ name: 'lookup_sku', arguments: { sku: 'A-17' } }] } });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'find sku A-17' }], tools });
    const whole = await h.span(h.sdk.spanOf(completion)?.spanId ?? '');
    expect(whole.toolCalls).toEqual([{ id: completion.choices[0]?.message.tool_calls?.[0]?.id, name: 'lookup_sku', arguments: '{"sku":"A-17"}' }]);
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'find sku A-17' }], tools, stream: true });
    for await (const _chunk of stream) void _chunk;
    const streamed = await h.span(h.sdk.spanOf(stream)?.spanId ?? '');
    expect(streamed.toolCalls).toEqual([expect.objectContaining({ name: 'lookup_sku', arguments: '{"sku":"A-17"}' })]);
    expect(streamed.output[0]).toMatchObject({ finishReason: 'tool_calls' });
    h.sim.setRules([]);
  });

  it('records a json_schema request with its response format', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'categorize: trail shoes' }],
      response_format: { type: 'json_schema', json_schema: { name: 'category', schema: { type: 'object', properties: { category: { type: 'string', enum: ['Footwear', 'Toys'] } }, required: ['category'] } } },
    });
    const span = await h.span(h.sdk.spanOf(completion)?.spanId ?? '');
    expect(span.params.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'category' } });
    expect(JSON.parse(span.output[0].content)).toEqual({ category: 'Footwear' });
  });

  it('hands an error mid-stream to the caller unchanged and records the span as failed, with what arrived', async () => {
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'a long answer please' }], stream: true },
      { headers: { 'x-sim-fault': 'mid-stream-error' } },
    );
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow();
    const span = await h.span(h.sdk.spanOf(stream)?.spanId ?? '');
    expect(span).toMatchObject({ status: 'error', output: [{ role: 'assistant', content: received.join('') }] });
    expect(span.errorMessage).toBeTruthy();
  });

  it('records a refused call as an error while the caller gets the client error', async () => {
    const call = client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-sim-fault': 'http-400' } });
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    await h.sdk.flush();
    const page = await h.query<{ data: Array<{ status: string; errorMessage: string }> }>('/v1/spans?status=error&limit=5');
    expect(page.data.some((row) => /rejected as invalid/.test(row.errorMessage))).toBe(true);
  });

  it('keeps withResponse, asResponse and tee working', async () => {
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hello' }] };
    const { data, response } = await client.chat.completions.create(request).withResponse();
    expect(response.status).toBe(200);
    expect((await h.span(h.sdk.spanOf(data)?.spanId ?? '')).output[0].content).toBe(data.choices[0]?.message.content);
    const raw = await client.chat.completions.create(request).asResponse();
    expect(((await raw.json()) as OpenAI.ChatCompletion).choices[0]?.message.content).toBe(data.choices[0]?.message.content);
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const [left, right] = stream.tee();
    const read = async (side: typeof left) => {
      let text = '';
      for await (const chunk of side) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    const [a, b] = await Promise.all([read(left), read(right)]);
    expect(a).toBe(b);
    expect((await h.span(h.sdk.spanOf(stream)?.spanId ?? '')).output[0].content).toBe(a);
  });

  it('records the helpers built on create: chat.completions.parse and chat.completions.stream', async () => {
    const helpers = h.sdk.wrapOpenAI(client, { task: 'helpers' });
    const parsed = await helpers.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'categorize: sandals' }],
      response_format: { type: 'json_schema', json_schema: { name: 'category', schema: { type: 'object', properties: { category: { type: 'string' } }, required: ['category'] } } },
    });
    const runner = helpers.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'stream through the helper' }] });
    const final = await runner.finalChatCompletion();
    await h.sdk.flush();
    const page = await h.query<{ data: Array<{ task: string; tags: string[]; outputPreview: string }> }>('/v1/spans?task=helpers&limit=10');
    expect(page.data.map((row) => row.outputPreview).sort()).toEqual([parsed.choices[0]?.message.content, final.choices[0]?.message.content].sort());
    expect(page.data.every((row) => row.tags.includes('catalog'))).toBe(true);
  });

  it('records the Responses API, plain and streamed, and embeddings without their vectors', async () => {
    const response = await client.responses.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'what is genchi?' });
    const plain = await h.span(h.sdk.spanOf(response)?.spanId ?? '');
    expect(plain).toMatchObject({ name: 'responses.create', output: [{ role: 'assistant', content: response.output_text }], usage: { inputTokens: response.usage?.input_tokens } });
    expect(plain.input).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'what is genchi?' }]);
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'stream it', stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    const streamed = await h.span(h.sdk.spanOf(stream)?.spanId ?? '');
    expect(streamed).toMatchObject({ output: [{ role: 'assistant', content: text }], resolvedModel: 'gpt-4o-mini-2024-07-18' });
    expect(streamed.ttftMs).toBeGreaterThanOrEqual(0);
    const embedded = await client.embeddings.create({ model: 'sim-embedding', input: ['red shoes', 'blue shoes'] });
    const embedding = await h.span(h.sdk.spanOf(embedded)?.spanId ?? '');
    expect(embedding).toMatchObject({ kind: 'embedding', input: ['red shoes', 'blue shoes'], output: { embeddings: 2, dimensions: 256 } });
  });
});
