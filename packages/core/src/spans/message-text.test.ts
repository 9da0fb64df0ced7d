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
  ])('%j at %i → %j', (text, max, expected) => {
    expect(oneLine(text, max)).toBe(expected);
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
