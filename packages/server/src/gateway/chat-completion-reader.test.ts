import { describe, expect, it } from 'vitest';
import { readChatCompletion } from './chat-completion-reader.js';
import { sseDataPayloads } from './sse-events.js';

const event = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;

describe('reading chat completions for the span', () => {
  it('puts a stream back together: choices by index, tool call fragments, refusal, usage', () => {
    const text = [
      event({ id: 'c1', model: 'gpt-4o-2024-08-06', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }, { index: 1, delta: { role: 'assistant', refusal: 'No' } }] }),
      event({ id: 'c1', model: 'gpt-4o-2024-08-06', choices: [{ index: 0, delta: { content: 'Hel' } }, { index: 1, delta: { refusal: ', sorry.' } }] }),
      event({ id: 'c1', choices: [{ index: 0, delta: { content: 'lo', tool_calls: [{ index: 0, id: 'call_1', function: { name: 'look', arguments: '{"q":' } }] } }] }),
      event({ id: 'c1', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }, finish_reason: 'tool_calls' }, { index: 1, delta: {}, finish_reason: 'stop' }] }),
      event({ id: 'c1', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 1 } } }),
      'data: [DONE]\n\n',
    ].join('');
    expect(readChatCompletion(text, true, 200)).toEqual({
      resolvedModel: 'gpt-4o-2024-08-06',
      responseId: 'c1',
      usage: { inputTokens: 9, outputTokens: 4, totalTokens: 13, cachedInputTokens: 2, reasoningTokens: 1 },
      output: [
        { role: 'assistant', content: 'Hello', toolCalls: [{ id: 'call_1', name: 'look', arguments: '{"q":"x"}' }], finishReason: 'tool_calls' },
        { role: 'assistant', content: 'No, sorry.', finishReason: 'stop' },
      ],
      toolCalls: [{ id: 'call_1', name: 'look', arguments: '{"q":"x"}' }],
      finishReason: 'tool_calls',
    });
  });

  it('notes a stream that ends without [DONE] and an error event inside a stream', () => {
    const cut = readChatCompletion(event({ choices: [{ index: 0, delta: { content: 'Hi' } }] }), true, 200);
    expect(cut).toMatchObject({ incomplete: true, output: [{ content: 'Hi' }] });
    const failed = readChatCompletion(`${event({ error: { message: 'overloaded', type: 'server_error' } })}data: [DONE]\n\n`, true, 200);
    expect(failed.error).toEqual({ type: 'server_error', message: 'overloaded' });
  });

  it('reads a whole body, an error body, and a body that is not JSON', () => {
    const body = { id: 'c2', model: 'm-1', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 2 } };
    expect(readChatCompletion(JSON.stringify(body), false, 200)).toMatchObject({
      resolvedModel: 'm-1',
      output: [{ role: 'assistant', content: null, toolCalls: [{ id: 't', name: 'f', arguments: '{}' }], finishReason: 'tool_calls' }],
      usage: { inputTokens: 1, outputTokens: 2 },
    });
    expect(readChatCompletion('{"error":{"message":"bad key","type":"invalid_request_error"}}', true, 401)).toEqual({ error: { type: 'invalid_request_error', message: 'bad key' } });
    expect(readChatCompletion('<html>gateway timeout</html>', false, 504).error?.message).toBe('upstream answered 504: <html>gateway timeout</html>');
    expect(readChatCompletion('not json', false, 200).error?.type).toBe('malformed_response');
  });
});

describe('server-sent events', () => {
  it('joins multi-line data, skips comments and other fields, and accepts CRLF', () => {
    expect(sseDataPayloads(': keep-alive\r\nevent: x\r\ndata: a\r\ndata: b\r\n\r\ndata:c\n\n')).toEqual({ payloads: ['a\nb', 'c'], complete: true });
    expect(sseDataPayloads('data: a\n\ndata: part')).toEqual({ payloads: ['a', 'part'], complete: false });
  });
});
