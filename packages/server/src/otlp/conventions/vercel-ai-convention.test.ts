import { describe, expect, it } from 'vitest';
import { mapOneSketch as mapOne } from '../map-one-sketch.js';

const telemetry = {
  'ai.telemetry.functionId': 'weather-agent',
  'ai.telemetry.metadata.task': 'answer-weather',
  'ai.telemetry.metadata.userId': 'user-42',
  'ai.telemetry.metadata.sessionId': 'session-7',
  'ai.telemetry.metadata.plan': 'pro',
  'ai.model.provider': 'openai.chat',
  'ai.model.id': 'gpt-4o-mini',
  'ai.settings.temperature': 0.3,
  'ai.settings.maxOutputTokens': 200,
  'ai.settings.topP': 0.9,
  'ai.settings.maxRetries': 2,
};

describe('Vercel AI SDK', () => {
  it('maps a doGenerate span (AI SDK 5 and later)', () => {
    const body = mapOne({
      name: 'ai.generateText.doGenerate',
      attributes: {
        ...telemetry,
        'ai.operationId': 'ai.generateText.doGenerate',
        'ai.prompt.messages': JSON.stringify([
          { role: 'system', content: 'You answer weather questions.' },
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Paris' } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { temperature: 21 } } }] },
        ]),
        'ai.response.text': 'It is 21°C.',
        'ai.response.finishReason': 'stop',
        'ai.response.model': 'gpt-4o-mini-2024-07-18',
        'ai.response.msToFirstChunk': 120.5,
        'ai.usage.inputTokens': 30,
        'ai.usage.outputTokens': 8,
        'ai.usage.totalTokens': 38,
        'ai.usage.cachedInputTokens': 0,
        'ai.usage.reasoningTokens': 0,
        'gen_ai.system': 'openai.chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 30,
      },
      events: [{ name: 'ai.stream.firstChunk', attributes: { 'ai.response.msToFirstChunk': 120.5 } }],
    });
    expect(body).toMatchObject({
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      resolvedModel: 'gpt-4o-mini-2024-07-18',
      task: 'answer-weather',
      userId: 'user-42',
      sessionId: 'session-7',
      metadata: { plan: 'pro' },
      params: { temperature: 0.3, max_tokens: 200, top_p: 0.9, maxRetries: 2 },
      usage: { inputTokens: 30, outputTokens: 8, totalTokens: 38, cachedInputTokens: 0, reasoningTokens: 0 },
      ttftMs: 120.5,
    });
    expect(body.input).toEqual([
      { role: 'system', content: 'You answer weather questions.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', content: { temperature: 21 }, toolCallId: 'c1', name: 'weather' },
    ]);
    expect(body.output).toEqual([{ role: 'assistant', content: 'It is 21°C.', finishReason: 'stop' }]);
    expect(body).not.toHaveProperty('raw');
    expect(body.attributes).toMatchObject({ 'ai.telemetry.functionId': 'weather-agent', 'gen_ai.system': 'openai.chat' });
  });

  it('maps AI SDK 4 names: promptTokens, args and result', () => {
    const body = mapOne({
      name: 'ai.generateText.doGenerate',
      attributes: {
        'ai.operationId': 'ai.generateText.doGenerate',
        'ai.model.id': 'gpt-4o',
        'ai.usage.promptTokens': 11,
        'ai.usage.completionTokens': 4,
        'ai.prompt.messages': JSON.stringify([
          { role: 'assistant', content: [{ type: 'text', text: 'Checking' }, { type: 'tool-call', toolCallId: 'c1', toolName: 'lookup', args: { q: 'x' } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'lookup', result: ['found'] }] },
        ]),
        'ai.response.toolCalls': JSON.stringify([{ toolCallType: 'function', toolCallId: 'c2', toolName: 'lookup', args: '{"q":"y"}' }]),
        'ai.response.finishReason': 'tool-calls',
      },
    });
    expect(body.usage).toEqual({ inputTokens: 11, outputTokens: 4 });
    expect(body.input).toEqual([
      { role: 'assistant', content: 'Checking', toolCalls: [{ id: 'c1', name: 'lookup', arguments: { q: 'x' } }] },
      { role: 'tool', content: ['found'], toolCallId: 'c1', name: 'lookup' },
    ]);
    expect(body.output).toEqual([{ role: 'assistant', content: null, toolCalls: [{ id: 'c2', name: 'lookup', arguments: '{"q":"y"}' }], finishReason: 'tool-calls' }]);
    expect(body.toolCalls).toEqual([{ id: 'c2', name: 'lookup', arguments: '{"q":"y"}' }]);
  });

  it('maps an outer ai.generateText span as a chain, leaving its summed token counts in the attributes', () => {
    const body = mapOne({
      name: 'ai.generateText',
      attributes: {
        ...telemetry,
        'ai.operationId': 'ai.generateText',
        'ai.prompt': JSON.stringify({ system: 'Be brief.', prompt: 'Hi', messages: [{ role: 'user', content: 'And more' }] }),
        'ai.response.text': 'Hello',
        'ai.usage.inputTokens': 42,
      },
    });
    expect(body).toMatchObject({ kind: 'chain', model: 'gpt-4o-mini', task: 'answer-weather' });
    expect(body.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'user', content: 'And more' },
    ]);
    expect(body).not.toHaveProperty('usage');
    expect(body.attributes).toMatchObject({ 'ai.usage.inputTokens': 42 });
  });

  it('uses the function id as the task when the metadata names none', () => {
    expect(mapOne({ attributes: { 'ai.operationId': 'ai.streamText', 'ai.telemetry.functionId': 'poem-writer' } }).task).toBe('poem-writer');
  });

  it.each([
    ['ai.generateText', 'chain'],
    ['ai.streamText.doStream', 'llm'],
    ['ai.generateObject.doGenerate', 'llm'],
    ['ai.streamObject.doStream', 'llm'],
    ['ai.embed.doEmbed', 'embedding'],
    ['ai.embedMany.doEmbed', 'embedding'],
    ['ai.toolCall', 'tool'],
    ['ai.rerank.doRerank', 'reranker'],
  ])('gives operation %s the kind %s, from the span name when ai.operationId is missing', (operation, kind) => {
    expect(mapOne({ attributes: { 'ai.operationId': operation } }).kind).toBe(kind);
    expect(mapOne({ name: operation, attributes: { 'ai.model.id': 'm' } }).kind).toBe(kind);
  });

  it('maps tool calls, embeddings and generated objects', () => {
    const toolCall = mapOne({
      name: 'ai.toolCall',
      attributes: { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'weather', 'ai.toolCall.id': 'c1', 'ai.toolCall.args': '{"city":"Paris"}', 'ai.toolCall.result': '{"temperature":21}' },
    });
    expect(toolCall).toMatchObject({ kind: 'tool', input: { city: 'Paris' }, output: { temperature: 21 } });
    expect(toolCall.attributes).toMatchObject({ 'ai.toolCall.name': 'weather', 'ai.toolCall.id': 'c1' });

    const embed = mapOne({ attributes: { 'ai.operationId': 'ai.embed.doEmbed', 'ai.model.id': 'e', 'ai.values': ['"hello"'], 'ai.embeddings': ['[0.5,0.25]'], 'ai.usage.tokens': 2 } });
    expect(embed).toMatchObject({ kind: 'embedding', input: ['hello'], output: [[0.5, 0.25]], usage: { inputTokens: 2 } });

    const object = mapOne({ attributes: { 'ai.operationId': 'ai.generateObject', 'ai.response.object': '{"category":"shoes"}' } });
    expect(object.output).toEqual([{ role: 'assistant', content: '{"category":"shoes"}' }]);
  });
});
