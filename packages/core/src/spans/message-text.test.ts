import { describe, expect, it } from 'vitest';
import { bodyText, oneLine, previewText } from './message-text.js';

describe('oneLine', () => {
  it.each([
    ['', 10, ''],
    ['  hello   world \n', 20, 'hello world'],
    ['a\tb\r\nc', 20, 'a b c'],
    ['exactly ten', 11, 'exactly ten'],
    ['one two three four', 9, 'one two …'],
    ['word    ', 4, 'word'],
    ['averyveryverylongword', 5, 'aver…'],
    ['one two', 7, 'one two'],
    ['one two three', 8, 'one two…'],
    ['one two  three', 8, 'one two…'],
    ['one two three', 7, 'one tw…'],
    ['one\u00a0two', 20, 'one two'],
  ])('%j at %i → %j', (text, max, expected) => {
    expect(oneLine(text, max)).toBe(expected);
  });

  it('collapses and truncates like trimming and joining the words would, for any text', () => {
    // The reference: runs of whitespace (the same characters) become one space, ends trimmed, then cut.
    const reference = (text: string, max: number) => {
      const line = text.replace(/[\t\n\v\f\r \u00a0]+/g, ' ').replace(/^ | $/g, '');
      return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
    };
    const alphabet = ['a', 'b', ' ', ' ', '\n', '\t', '\u00a0', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 20_000; round++) {
      const text = Array.from({ length: Math.floor(next() * 14) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const max = 1 + Math.floor(next() * 10);
      expect(oneLine(text, max), JSON.stringify([text, max])).toBe(reference(text, max));
    }
  });
});

describe('previewText and bodyText', () => {
  it('previews the last message of a conversation', () => {
    expect(previewText([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'What is\n genchi?' }])).toBe('What is genchi?');
  });

  it('reads text parts and falls back to JSON for other bodies', () => {
    expect(bodyText([{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }] }])).toBe('a\nb');
    expect(previewText({ query: 'shoes', k: 3 })).toBe('{"query":"shoes","k":3}');
    expect(previewText(undefined)).toBe('');
  });
});
