import { expect, it } from 'vitest';
import { formatCountOf, formatTokens } from './format.js';

it('shows a span’s tokens as the total, the known side when the total is unknown, and marks counted ones', () => {
  const usage = { inputTokens: 240, outputTokens: 18, totalTokens: 258, estimated: false };
  expect(formatTokens(usage)).toBe('258');
  expect(formatTokens({ ...usage, totalTokens: 1_200 })).toBe('1,200');
  expect(formatTokens({ ...usage, estimated: true })).toBe('≈258');
  expect(formatTokens({ inputTokens: null, outputTokens: 4, totalTokens: null, estimated: false })).toBe('— + 4');
  expect(formatTokens({ inputTokens: 12, outputTokens: null, totalTokens: null, estimated: true })).toBe('≈12 + —');
  expect(formatTokens({ inputTokens: null, outputTokens: null, totalTokens: null, estimated: false })).toBe('—');
});

it('names one of a thing in the singular and any other count in the plural', () => {
  expect(formatCountOf(1, 'span')).toBe('1 span');
  expect(formatCountOf(0, 'span')).toBe('0 spans');
  expect(formatCountOf(1_200, 'span')).toBe('1,200 spans');
});
