import { describe, expect, it } from 'vitest';
import { outputText } from './output-text.js';

describe('output text', () => {
  it('takes the assistant’s words from chat messages and content parts', () => {
    expect(outputText([{ role: 'assistant', content: 'Hello!' }])).toBe('Hello!');
    expect(outputText({ role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] })).toBe('a\nb');
    expect(outputText('plain')).toBe('plain');
  });

  it('shows structured outputs and tool calls as pretty JSON', () => {
    expect(outputText({ category: 'shoes' })).toBe('{\n  "category": "shoes"\n}');
    expect(outputText([{ role: 'assistant', content: null, toolCalls: [{ name: 'lookup', arguments: { id: 1 } }] }])).toContain('"name": "lookup"');
    expect(outputText(undefined, [{ name: 'x' }])).toContain('"name": "x"');
    expect(outputText(null)).toBe('');
    expect(outputText([{ role: 'assistant', content: '{"category":"shoes","confidence":0.9}' }])).toBe('{\n  "category": "shoes",\n  "confidence": 0.9\n}');
    expect(outputText('{not json}')).toBe('{not json}');
  });
});
