import { readdirSync, readFileSync } from 'node:fs';
import { spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { decodeOtlpProtobuf, mapOtlpTraces } from './index.js';

// Bodies recorded by scripts/record-otlp-fixtures.ts from real instrumentations and exporters.
const directory = new URL('./fixtures/', import.meta.url);
const names = readdirSync(directory)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

const fromJson = (name: string): SpanInputBody[] => {
  const result = mapOtlpTraces(JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')));
  expect(result.rejected).toEqual([]);
  return result.spans;
};
const fromProtobuf = (name: string): SpanInputBody[] => {
  const result = mapOtlpTraces(decodeOtlpProtobuf(readFileSync(new URL(`${name}.pb`, directory))));
  expect(result.rejected).toEqual([]);
  return result.spans;
};
const named = (spans: SpanInputBody[], name: string): SpanInputBody[] => spans.filter((span) => span.name === name);
const only = (spans: SpanInputBody[], name: string): SpanInputBody => {
  const found = named(spans, name);
  expect(found).toHaveLength(1);
  return found[0] as SpanInputBody;
};

describe.each(names)('fixture %s', (name) => {
  it('maps the JSON and the protobuf export of the same run to equal bodies, each valid', () => {
    const json = fromJson(name);
    expect(json.length).toBeGreaterThan(0);
    expect(fromProtobuf(name)).toEqual(json);
    for (const body of json) {
      const parsed = spanInputSchema.safeParse(body);
      expect(parsed.error).toBeUndefined();
      expect(parsed.data).toEqual(body);
      expect(body).toMatchObject({ environment: 'dev', attributes: { 'resource.service.name': 'genchi-fixtures' } });
      expect(body.endTime).toBeGreaterThanOrEqual(body.startTime as number);
    }
  });
});

describe('recorded OpenInference spans (openai client)', () => {
  it('chat: messages, models, usage, and the context attributes', () => {
    const span = only(fromJson('openinference-chat'), 'OpenAI Chat Completions');
    expect(span).toMatchObject({
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      params: { temperature: 0.2, max_tokens: 50 },
      usage: { inputTokens: expect.any(Number) as number, outputTokens: expect.any(Number) as number },
      task: 'categorize-product',
      userId: 'user-1',
      sessionId: 'session-1',
      tags: ['catalog', 'nightly'],
      metadata: { tier: 'gold' },
      promptVersion: 'v3',
      status: 'ok',
      input: [
        { role: 'system', content: 'You categorize products.' },
        { role: 'user', content: 'Categorize: red running shoes' },
      ],
      output: [{ role: 'assistant', content: 'Footwear > Running', finishReason: 'stop' }],
    });
    expect(span.attributes).toMatchObject({ 'llm.prompt_template.template': 'Categorize: {product}', 'otel.scope.name': '@arizeai/openinference-instrumentation-openai' });
    expect(span.attributes).not.toHaveProperty('input.value');
  });

  it('stream: the text gathered from the chunks, and no answered model', () => {
    const span = only(fromJson('openinference-stream'), 'OpenAI Chat Completions');
    expect(span).toMatchObject({ kind: 'llm', model: 'gpt-4o-mini', params: { stream: true }, output: [{ role: 'assistant', content: 'Once upon a time, a lighthouse kept watch.' }] });
    expect(span).not.toHaveProperty('resolvedModel');
  });

  it('tools: the tool call asked for, then the tool result sent back', () => {
    const [first, second] = named(fromJson('openinference-tools'), 'OpenAI Chat Completions').sort((left, right) => (left.startTime as number) - (right.startTime as number));
    const call = { id: expect.any(String) as string, name: 'get_weather', arguments: '{"city":"Paris"}' };
    expect(first).toMatchObject({ toolCalls: [call], output: [{ role: 'assistant', content: null, toolCalls: [call], finishReason: 'tool_calls' }] });
    expect(first?.params).toBeUndefined();
    expect(first?.attributes).toHaveProperty('llm.tools.0.tool.json_schema');
    expect(second?.input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, toolCalls: [call] },
      { role: 'tool', content: '{"temperature":21,"sky":"sunny"}', toolCallId: first?.toolCalls?.[0]?.id },
    ]);
    expect(second?.output).toEqual([{ role: 'assistant', content: 'It is 21°C and sunny in Paris.', finishReason: 'stop' }]);
  });

  it('embeddings: the texts in, the vectors out', () => {
    const span = only(fromJson('openinference-embeddings'), 'OpenAI Embeddings');
    expect(span).toMatchObject({ kind: 'embedding', model: 'text-embedding-3-small', input: ['red running shoes', 'blue sandals'] });
    expect(span.output).toHaveLength(2);
  });
});

describe('recorded Vercel AI SDK spans', () => {
  it('generateText with a tool: a chain over two model calls and a tool call', () => {
    const spans = fromJson('vercel-generate-text');
    const root = only(spans, 'ai.generateText');
    const calls = named(spans, 'ai.generateText.doGenerate').sort((left, right) => (left.startTime as number) - (right.startTime as number));
    const tool = only(spans, 'ai.toolCall');
    expect(root).toMatchObject({ kind: 'chain', task: 'answer-weather', userId: 'user-42', sessionId: 'session-7', metadata: { plan: 'pro' } });
    expect(root).not.toHaveProperty('parentId');
    expect(root).not.toHaveProperty('usage');
    for (const child of [...calls, tool]) expect(child).toMatchObject({ traceId: root.traceId, parentId: root.id });
    expect(calls[0]).toMatchObject({
      kind: 'llm',
      provider: 'sim',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      params: { temperature: 0.3, max_tokens: 200 },
      input: [
        { role: 'system', content: 'You answer weather questions.' },
        { role: 'user', content: 'What is the weather in Paris?' },
      ],
      toolCalls: [{ name: 'weather', arguments: '{"city":"Paris"}' }],
    });
    expect(calls[0]?.usage?.inputTokens).toBeGreaterThan(0);
    expect(tool).toMatchObject({ kind: 'tool', input: { city: 'Paris' }, output: { city: 'Paris', temperature: 21, sky: 'sunny' } });
    expect(calls[1]?.input).toContainEqual(expect.objectContaining({ role: 'tool', name: 'weather', content: { city: 'Paris', temperature: 21, sky: 'sunny' } }));
    expect(calls[1]?.output).toEqual([{ role: 'assistant', content: 'It is 21°C and sunny in Paris.', finishReason: 'stop' }]);
    expect(root.output).toEqual(calls[1]?.output);
  });

  it('streamText: time to first chunk on the model call', () => {
    const call = only(fromJson('vercel-stream-text'), 'ai.streamText.doStream');
    expect(call).toMatchObject({ kind: 'llm', task: 'answer-weather', output: [{ role: 'assistant', content: 'Roses are red, the sky is blue.', finishReason: 'stop' }] });
    expect(call.ttftMs).toBeGreaterThan(0);
    expect(call.raw).toEqual({ events: [{ name: 'ai.stream.finish', time: expect.any(Number) as number }] });
  });

  it('generateObject: the object as the answer, the function id as the task', () => {
    const spans = fromJson('vercel-generate-object');
    const call = only(spans, 'ai.generateObject.doGenerate');
    expect(call).toMatchObject({ kind: 'llm', task: 'categorize-product', input: [{ role: 'user', content: 'Categorize: red running shoes' }] });
    const answer = (call.output as Array<{ content: string }>)[0]?.content ?? '';
    expect(JSON.parse(answer)).toEqual({ category: expect.any(String) as string, confidence: expect.any(Number) as number });
    expect(only(spans, 'ai.generateObject').attributes).toHaveProperty('ai.schema');
  });

  it('embedMany: values in and vectors out', () => {
    const call = only(fromJson('vercel-embed-many'), 'ai.embedMany.doEmbed');
    expect(call).toMatchObject({ kind: 'embedding', model: 'text-embedding-3-small', task: 'embed-catalog', input: ['red running shoes', 'blue sandals'] });
    expect(call.output).toHaveLength(2);
  });

  it('a failed call: error status and the exception on both spans', () => {
    const spans = fromJson('vercel-error');
    for (const span of spans) {
      expect(span).toMatchObject({ status: 'error', error: { type: 'AI_APICallError', message: expect.stringContaining('simulated fault') as string } });
      expect(span.raw).toMatchObject({ events: [{ name: 'exception', attributes: { 'exception.stacktrace': expect.any(String) as string } }] });
    }
  });
});

describe('recorded GenAI spans (OpenTelemetry API)', () => {
  it('current names: an agent run with a tool call, an embedding and a failure', () => {
    const spans = fromJson('genai-current');
    const agent = only(spans, 'invoke_agent Support');
    const chats = named(spans, 'chat gpt-4o-mini');
    const tool = only(spans, 'execute_tool get_weather');
    expect(agent).toMatchObject({ kind: 'agent', task: 'support-agent', sessionId: 'conv-9', userId: 'user-3', provider: 'openai' });
    for (const child of [...chats, tool]) expect(child.parentId).toBe(agent.id);
    expect(chats[0]).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      ttftMs: 250,
      usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
      params: { temperature: 0.5, max_tokens: 300, stop: ['END'], seed: 7 },
      input: [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    expect(chats[1]?.input).toContainEqual({ role: 'tool', content: { temperature: 21 }, toolCallId: 'call_1' });
    expect(tool).toMatchObject({ kind: 'tool', input: { city: 'Paris' }, output: { temperature: 21 } });
    expect(only(spans, 'embeddings text-embedding-3-small')).toMatchObject({ kind: 'embedding', usage: { inputTokens: 8 } });
    expect(chats[2]).toMatchObject({ status: 'error', error: { type: 'RateLimitError', message: 'Rate limit reached for gpt-4o-mini' } });
    expect(chats[2]).not.toHaveProperty('raw');
  });

  it('older names: message events, indexed attributes and content events', () => {
    const spans = fromJson('genai-legacy');
    const [withEvents, withContentEvents] = named(spans, 'chat gpt-4o-mini');
    expect(withEvents).toMatchObject({ provider: 'openai', usage: { inputTokens: 40, outputTokens: 12 }, output: [{ role: 'assistant', content: 'Sunny, 21°C.', finishReason: 'stop' }] });
    expect(withEvents?.input).toHaveLength(4);
    expect(withEvents?.raw).toMatchObject({ events: [{ name: 'progress', attributes: { step: 1 } }] });
    expect(only(spans, 'openai.chat')).toMatchObject({ input: [{ role: 'user', content: 'Name a color.' }], output: [{ role: 'assistant', content: 'Teal.', finishReason: 'stop' }] });
    expect(withContentEvents).toMatchObject({ input: [{ role: 'user', content: 'Say hi.' }], output: [{ role: 'assistant', content: 'Hi!' }] });
    expect(withContentEvents).not.toHaveProperty('raw');
  });
});
