import { expect, it } from 'vitest';
import { formatCountOf } from './format.js';

it('names one of a thing in the singular and any other count in the plural', () => {
  expect(formatCountOf(1, 'span')).toBe('1 span');
  expect(formatCountOf(0, 'span')).toBe('0 spans');
  expect(formatCountOf(1_200, 'span')).toBe('1,200 spans');
});
