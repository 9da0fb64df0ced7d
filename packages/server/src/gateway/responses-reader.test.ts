import { describe, expect, it } from 'vitest';
import { readEmbeddings } from './embeddings-reader.js';
import { readResponses } from './responses-reader.js';

const response = {
  id: 'resp_1',
  model: 'gpt-4.1-2025-04-14',
  status: 'completed',
  output: [
    { type: 'reasoning', summary: [] },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
    { type: 'function_call', call_id: 'call_9', name: 'search', arguments: '{"q":"genchi"}' },
  ],
  usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 3 } },
};

describe('reading the Responses API for the span', () => {
  it('reads a whole response: text, function calls and usage', () => {
    expect(readResponses(JSON.stringify(response), false, 200)).toEqual({
      resolvedModel: 'gpt-4.1-2025-04-14',
      responseId: 'resp_1',
      finishReason: 'completed',
      output: [
        { role: 'assistant', content: 'Let me look.' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_9', name: 'search', arguments: '{"q":"genchi"}' }] },
      ],
      toolCalls: [{ id: 'call_9', name: 'search', arguments: '{"q":"genchi"}' }],
      usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19, cachedInputTokens: 0, reasoningTokens: 3 },
    });
  });

  it('reads a stream by its final event, and a cut stream by its deltas', () => {
    const events = [
      { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
      { type: 'response.output_text.delta', delta: 'Let me ' },
      { type: 'response.output_text.delta', delta: 'look.' },
    ].map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    const completed = `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', response })}\n\n`;
    expect(readResponses(events.join('') + completed, true, 200)).toMatchObject({ usage: { inputTokens: 12 }, toolCalls: [{ name: 'search' }] });
    expect(readResponses(events.join(''), true, 200)).toEqual({ resolvedModel: 'gpt-4.1-2025-04-14', output: [{ role: 'assistant', content: 'Let me look.' }], incomplete: true });
    expect(readResponses('{"error":{"message":"nope"}}', true, 400)).toEqual({ error: { message: 'nope' } });
  });
});

describe('reading embeddings for the span', () => {
  it('counts vectors and dimensions (floats or base64), never keeping the vectors', () => {
    const floats = { model: 'text-embedding-3-small', data: [{ embedding: [0.1, 0.2, 0.3] }, { embedding: [0.4, 0.5, 0.6] }], usage: { prompt_tokens: 4, total_tokens: 4 } };
    expect(readEmbeddings(JSON.stringify(floats), false, 200)).toEqual({ resolvedModel: 'text-embedding-3-small', output: { embeddings: 2, dimensions: 3 }, usage: { inputTokens: 4, totalTokens: 4, outputTokens: 0 } });
    const base64 = { model: 'm', data: [{ embedding: Buffer.from(new Float32Array([1, 2, 3, 4]).buffer).toString('base64') }] };
    expect(readEmbeddings(JSON.stringify(base64), false, 200).output).toEqual({ embeddings: 1, dimensions: 4 });
  });
});
