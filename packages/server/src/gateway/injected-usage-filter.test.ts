import { describe, expect, it } from 'vitest';
import { InjectedUsageFilter, withoutInjectedUsage } from './injected-usage-filter.js';

const chunk = (delta: string, usage: boolean) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":${delta},"finish_reason":null}]${usage ? ',"usage":null' : ''}}\n\n`;

describe('removing injected usage from a stream', () => {
  it('strips usage:null and drops the usage-only chunk, leaving the rest byte for byte', () => {
    const upstream = [chunk('{"content":"Hé"}', true), chunk('{"content":"llo"}', true), 'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\n\n', 'data: [DONE]\n\n'].join('');
    const expected = [chunk('{"content":"Hé"}', false), chunk('{"content":"llo"}', false), 'data: [DONE]\n\n'].join('');
    const bytes = Buffer.from(upstream);
    // Cut everywhere, including inside the two bytes of "é", and check the result is the same.
    for (const size of [1, 2, 3, 7, 50, bytes.length]) {
      const filter = new InjectedUsageFilter();
      const parts: Buffer[] = [];
      for (let offset = 0; offset < bytes.length; offset += size) parts.push(filter.push(bytes.subarray(offset, offset + size)));
      parts.push(filter.flush());
      expect(Buffer.concat(parts).toString('utf8')).toBe(expected);
    }
  });

  it('takes usage off a content chunk that carries it, and leaves text that mentions usage alone', () => {
    expect(withoutInjectedUsage('data: {"choices":[{"delta":{}}],"usage":{"total_tokens":5}}\n\n')).toBe('data: {"choices":[{"delta":{}}]}\n\n');
    const quoted = chunk('{"content":"\\"usage\\":null"}', false);
    expect(withoutInjectedUsage(quoted)).toBe(quoted);
    expect(withoutInjectedUsage('data: {"usage": null, "choices":[]}\n\n')).toBe('data: {"choices":[]}\n\n');
  });

  it('handles CRLF event boundaries', () => {
    const filter = new InjectedUsageFilter();
    const out = filter.push(Buffer.from('data: {"choices":[{"delta":{}}],"usage":null}\r\n\r\ndata: {"choices":[],"usage":{"total_tokens":1}}\r\n\r\n'));
    expect(out.toString() + filter.flush().toString()).toBe('data: {"choices":[{"delta":{}}]}\r\n\r\n');
  });
});
