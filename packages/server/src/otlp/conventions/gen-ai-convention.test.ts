import { describe, expect, it } from 'vitest';
import { buildOtlpRequest } from '../build-otlp-request.js';
import { mapOtlpTraces } from '../map-otlp-traces.js';
import { mapOneSketch as mapOne } from '../map-one-sketch.js';

const chatAttributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.request.temperature': 0.2,
  'gen_ai.request.top_p': 0.9,
  'gen_ai.request.max_tokens': 256,
  'gen_ai.request.frequency_penalty': 0.1,
  'gen_ai.request.presence_penalty': 0.3,
  'gen_ai.request.stop_sequences': ['END', 'STOP'],
  'gen_ai.request.seed': 7,
  'gen_ai.usage.input_tokens': 120,
  'gen_ai.usage.output_tokens': 30,
  'gen_ai.usage.cache_read.input_tokens': 100,
  'gen_ai.usage.reasoning.output_tokens': 12,
  'gen_ai.response.time_to_first_chunk': 0.35,
  'gen_ai.conversation.id': 'conv-1',
  'gen_ai.agent.name': 'support-agent',
  'gen_ai.response.id': 'chatcmpl-1',
  'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
  'gen_ai.input.messages': JSON.stringify([
    { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
    { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 57°F' }] },
    { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_0', result: 'older field name' }] },
  ]),
  'gen_ai.output.messages': JSON.stringify([
    {
      role: 'assistant',
      parts: [
        { type: 'text', content: 'Let me check tomorrow too.' },
        { type: 'tool_call', id: 'call_2', name: 'get_forecast', arguments: '{"city":"Paris"}' },
      ],
      finish_reason: 'tool_call',
    },
  ]),
};

describe('OpenTelemetry GenAI (current names)', () => {
  it('maps a chat span to every column it can fill', () => {
    const body = mapOne({ name: 'chat gpt-4o-mini', attributes: chatAttributes });
    expect(body).toMatchObject({
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100, reasoningTokens: 12 },
      ttftMs: 350,
      params: { temperature: 0.2, top_p: 0.9, max_tokens: 256, frequency_penalty: 0.1, presence_penalty: 0.3, stop: ['END', 'STOP'], seed: 7 },
      sessionId: 'conv-1',
      task: 'support-agent',
    });
    expect(body.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', content: 'rainy, 57°F', toolCallId: 'call_1' },
      { role: 'tool', content: 'older field name', toolCallId: 'call_0' },
    ]);
    expect(body.output).toEqual([
      {
        role: 'assistant',
        content: 'Let me check tomorrow too.',
        toolCalls: [{ id: 'call_2', name: 'get_forecast', arguments: '{"city":"Paris"}' }],
        finishReason: 'tool_call',
      },
    ]);
    expect(body.toolCalls).toEqual([{ id: 'call_2', name: 'get_forecast', arguments: '{"city":"Paris"}' }]);
    expect(body.attributes).toEqual({
      'resource.service.name': 'test-service',
      'otel.scope.name': 'test-scope',
      'otel.scope.version': '1.0.0',
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.id': 'chatcmpl-1',
    });
  });

  it.each([
    ['chat', 'llm'],
    ['text_completion', 'llm'],
    ['generate_content', 'llm'],
    ['embeddings', 'embedding'],
    ['execute_tool', 'tool'],
    ['invoke_agent', 'agent'],
    ['create_agent', 'agent'],
    ['invoke_workflow', 'chain'],
    ['retrieval', 'retrieval'],
    ['constructor', 'span'],
  ])('gives operation %s the kind %s', (operation, kind) => {
    expect(mapOne({ attributes: { 'gen_ai.operation.name': operation } }).kind).toBe(kind);
  });

  it('calls a span with a model but no known operation an llm span', () => {
    expect(mapOne({ attributes: { 'gen_ai.request.model': 'm', 'gen_ai.operation.name': 'something_new' } }).kind).toBe('llm');
  });

  it('reads messages recorded as structured values rather than JSON text', () => {
    const body = mapOne({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
        'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello' }], finish_reason: 'stop' }],
      },
    });
    expect(body.input).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(body.output).toEqual([{ role: 'assistant', content: 'Hello', finishReason: 'stop' }]);
  });

  it('keeps parts that are not text as parts, and several text parts as a list', () => {
    const parts = [
      { type: 'text', content: 'What is in this picture?' },
      { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'iVBORw0KGgo=' },
    ];
    const body = mapOne({ attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts }]) } });
    expect(body.input).toEqual([{ role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, parts[1]] }]);
    const twoTexts = mapOne({
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'a' }, { type: 'text', content: 'b' }] }]) },
    });
    expect(twoTexts.input).toEqual([{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]);
  });

  it('keeps message attributes it cannot read', () => {
    const body = mapOne({ attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': '[{"role": "user", "content": "no parts"}]', 'gen_ai.output.messages': 'not json' } });
    expect(body).not.toHaveProperty('input');
    expect(body).not.toHaveProperty('output');
    expect(body.attributes).toMatchObject({ 'gen_ai.input.messages': '[{"role": "user", "content": "no parts"}]', 'gen_ai.output.messages': 'not json' });
  });

  it('maps tool spans: arguments and result as input and output', () => {
    const body = mapOne({
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"city":"Paris"}',
        'gen_ai.tool.call.result': 'sunny',
      },
    });
    expect(body).toMatchObject({ kind: 'tool', input: { city: 'Paris' }, output: 'sunny' });
    expect(body.attributes).toMatchObject({ 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_1' });
  });

  it('leaves token counts of spans that are not model calls in the attributes, so traces do not count them twice', () => {
    const body = mapOne({ attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner', 'gen_ai.usage.input_tokens': 900 } });
    expect(body).toMatchObject({ kind: 'agent', task: 'planner' });
    expect(body).not.toHaveProperty('usage');
    expect(body.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 900 });
  });

  it('reads token counts sent as intValue text, and keeps counts that are not counts', () => {
    const request = buildOtlpRequest([{ attributes: { 'gen_ai.operation.name': 'chat' } }]);
    request.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0]?.attributes?.push(
      { key: 'gen_ai.usage.input_tokens', value: { intValue: '4096' } },
      { key: 'gen_ai.usage.output_tokens', value: { doubleValue: 1.5 } },
    );
    const body = mapOtlpTraces(request).spans[0];
    expect(body?.usage).toEqual({ inputTokens: 4096 });
    expect(body?.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 1.5 });
  });
});
