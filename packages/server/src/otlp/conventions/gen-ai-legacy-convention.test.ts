import { describe, expect, it } from 'vitest';
import { mapOneSketch as mapOne } from '../map-one-sketch.js';

const older = { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.prompt_tokens': 40, 'gen_ai.usage.completion_tokens': 12 };

describe('OpenTelemetry GenAI (older names and events)', () => {
  it('reads the message events as input and the choice event as output', () => {
    const body = mapOne({
      attributes: older,
      events: [
        { name: 'gen_ai.system.message', attributes: { 'gen_ai.system': 'openai', content: 'You are terse.' } },
        { name: 'gen_ai.user.message', attributes: { content: 'Weather in Paris?' } },
        {
          name: 'gen_ai.assistant.message',
          attributes: { tool_calls: JSON.stringify([{ id: 'call_7', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]) },
        },
        { name: 'gen_ai.tool.message', attributes: { content: '21°C', id: 'call_7' } },
        { name: 'gen_ai.choice', attributes: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Sunny, 21°C.' } } },
        { name: 'cache.lookup', attributes: { hit: false } },
      ],
    });
    expect(body).toMatchObject({ kind: 'llm', provider: 'openai', model: 'gpt-4o-mini', usage: { inputTokens: 40, outputTokens: 12 } });
    expect(body.input).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_7', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: '21°C', toolCallId: 'call_7' },
    ]);
    expect(body.output).toEqual([{ role: 'assistant', content: 'Sunny, 21°C.', finishReason: 'stop' }]);
    expect(body.raw).toEqual({ events: [{ name: 'cache.lookup', attributes: { hit: false } }] });
  });

  it('reads event bodies recorded as gen_ai.event.content JSON, and choices with tool calls', () => {
    const body = mapOne({
      attributes: older,
      events: [
        { name: 'gen_ai.user.message', attributes: { 'gen_ai.event.content': JSON.stringify({ content: 'Call the tool' }) } },
        {
          name: 'gen_ai.choice',
          attributes: {
            'gen_ai.event.content': JSON.stringify({
              index: 0,
              finish_reason: 'tool_calls',
              message: { tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
            }),
          },
        },
      ],
    });
    expect(body.input).toEqual([{ role: 'user', content: 'Call the tool' }]);
    expect(body.output).toEqual([{ role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }], finishReason: 'tool_calls' }]);
    expect(body.toolCalls).toEqual([{ id: 'c1', name: 'lookup', arguments: '{}' }]);
  });

  it('reads indexed prompt and completion attributes and keeps the parts it does not know', () => {
    const body = mapOne({
      attributes: {
        ...older,
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': 'Name a color.',
        'gen_ai.prompt.0.custom': 'kept',
        'gen_ai.prompt.1.role': 'assistant',
        'gen_ai.prompt.1.tool_calls.0.id': 'c1',
        'gen_ai.prompt.1.tool_calls.0.name': 'palette',
        'gen_ai.prompt.1.tool_calls.0.arguments': '{}',
        'gen_ai.prompt.2.role': 'tool',
        'gen_ai.prompt.2.tool_call_id': 'c1',
        'gen_ai.prompt.2.content': '["teal"]',
        'gen_ai.prompt.3.role': 'user',
        'gen_ai.prompt.3.content': JSON.stringify([{ type: 'text', text: 'Thanks' }]),
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'Teal.',
        'gen_ai.completion.0.finish_reason': 'stop',
      },
    });
    expect(body.input).toEqual([
      { role: 'user', content: 'Name a color.' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'palette', arguments: '{}' }] },
      { role: 'tool', content: '["teal"]', toolCallId: 'c1' },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(body.output).toEqual([{ role: 'assistant', content: 'Teal.', finishReason: 'stop' }]);
    expect(body.attributes).toMatchObject({ 'gen_ai.prompt.0.custom': 'kept' });
    expect(Object.keys(body.attributes ?? {}).filter((key) => key.startsWith('gen_ai.completion'))).toEqual([]);
  });

  it('reads gen_ai.prompt and gen_ai.completion as JSON: messages, or choices with a message', () => {
    const body = mapOne({
      attributes: {
        'gen_ai.system': 'anthropic',
        'gen_ai.prompt': JSON.stringify([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]),
        'gen_ai.completion': JSON.stringify([{ index: 0, finish_reason: 'end_turn', message: { role: 'assistant', content: 'Hello!' } }]),
      },
    });
    expect(body).toMatchObject({ kind: 'llm', provider: 'anthropic' });
    expect(body.input).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(body.output).toEqual([{ role: 'assistant', content: 'Hello!', finishReason: 'end_turn' }]);
  });

  it('reads content events, and keeps one whose text is not JSON', () => {
    const body = mapOne({
      attributes: { 'gen_ai.system': 'openai' },
      events: [
        { name: 'gen_ai.content.prompt', attributes: { 'gen_ai.prompt': JSON.stringify([{ role: 'user', content: 'Say hi.' }]) } },
        { name: 'gen_ai.content.completion', attributes: { 'gen_ai.completion': "[{'role': 'assistant', 'content': 'Hi!'}]" } },
      ],
    });
    expect(body.input).toEqual([{ role: 'user', content: 'Say hi.' }]);
    expect(body).not.toHaveProperty('output');
    expect(body.raw).toMatchObject({ events: [{ name: 'gen_ai.content.completion' }] });
  });

  it('lets the current names win over the older ones', () => {
    const body = mapOne({ attributes: { 'gen_ai.provider.name': 'azure.ai.openai', 'gen_ai.system': 'openai', 'gen_ai.usage.input_tokens': 5, 'gen_ai.usage.prompt_tokens': 5 } });
    expect(body.provider).toBe('azure.ai.openai');
    expect(body.usage).toEqual({ inputTokens: 5 });
    expect(body.attributes).toMatchObject({ 'gen_ai.system': 'openai' });
    expect(body.attributes).not.toHaveProperty('gen_ai.usage.prompt_tokens');
  });
});
