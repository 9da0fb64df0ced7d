import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

const render = (before: string, after: string) =>
  wordDiff(before, after)
    .map((part) => (part.kind === 'same' ? part.text : part.kind === 'added' ? `[+${part.text}]` : `[-${part.text}]`))
    .join('');

describe('word diff', () => {
  it('marks the words a correction changed and keeps the rest', () => {
    expect(render('Your order ships today.', 'Your order ships on Monday.')).toBe('Your order ships [-today.][+on Monday.]');
    expect(render('a b c', 'a b c')).toBe('a b c');
    expect(render('', 'new text')).toBe('[+new text]');
    expect(render('old text', '')).toBe('[-old text]');
  });

  it('rebuilds both sides exactly', () => {
    const before = 'The  quick brown fox\njumps over the lazy dog';
    const after = 'The quick red fox\njumps over the dog, lazily';
    const parts = wordDiff(before, after);
    expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe(before);
    expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe(after);
  });

  it('stays fast on long texts by comparing lines', () => {
    const long = Array.from({ length: 3000 }, (_, index) => `word${index}`).join(' ');
    const started = Date.now();
    const parts = wordDiff(`${long}\nend`, `${long}\nfinish`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(parts.filter((part) => part.kind !== 'same').map((part) => part.text)).toEqual(['end', 'finish']);
  });
});
