import { describe, expect, it } from 'vitest';
import { problemOf, runOn, word } from './assertion-test-support.js';

const message = (content: string) => [{ role: 'assistant', content }];

describe('text assertions', () => {
  it.each([
    ['regex', { pattern: 'order \\d+' }, 'Your order 42 ships', 'pass'],
    ['regex', { pattern: 'order \\d+' }, 'Your ORDER 42 ships', 'fail'],
    ['regex', { pattern: 'order \\d+', flags: 'i' }, 'Your ORDER 42 ships', 'pass'],
    ['regex', { pattern: 'sorry', shouldMatch: false }, 'All good', 'pass'],
    ['regex', { pattern: 'sorry', shouldMatch: false }, 'So sorry', 'fail'],
    ['regex', { pattern: '^$' }, '', 'pass'],
    ['contains', { values: ['refund'] }, 'A REFUND is due', 'pass'],
    ['contains', { values: ['refund'], caseSensitive: true }, 'A REFUND is due', 'fail'],
    ['contains', { values: ['refund', 'days'], mode: 'all' }, 'refund within 5 days', 'pass'],
    ['contains', { values: ['refund', 'weeks'], mode: 'all' }, 'refund within 5 days', 'fail'],
    ['contains', { values: ['x', 'y'] }, '', 'fail'],
    ['not-contains', { values: ['as an ai', 'lorem'] }, 'As an AI, I think', 'fail'],
    ['not-contains', { values: ['as an ai'] }, 'Plain answer', 'pass'],
    ['not-contains', { values: ['a', 'b'], mode: 'all' }, 'a only', 'pass'],
    ['not-contains', { values: ['a', 'b'], mode: 'all' }, 'a and b', 'fail'],
    ['equals', { value: 'yes' }, '  yes\n', 'pass'],
    ['equals', { value: 'yes', trim: false }, ' yes', 'fail'],
    ['equals', { value: 'YES', caseSensitive: false }, 'yes', 'pass'],
    ['equals', { value: '{"a":1,"b":[1,2]}' }, '{ "b": [1, 2], "a": 1 }', 'pass'],
    ['equals', { value: '{"a":1}' }, '{"a":2}', 'fail'],
    ['equals', { value: '' }, '', 'pass'],
    ['starts-with', { value: 'Dear' }, '  Dear customer', 'pass'],
    ['starts-with', { value: 'Dear', trim: false }, '  Dear customer', 'fail'],
    ['starts-with', { value: 'dear', caseSensitive: false }, 'Dear customer', 'pass'],
    ['starts-with', { value: 'Dear customer, we' }, 'Dear', 'fail'],
  ])('%s %j on %j: %s', async (type, parameters, output, expected) => {
    expect(word(await runOn(type, parameters, output))).toBe(expected);
  });

  it('reads the assistant text of chat messages', async () => {
    expect(word(await runOn('contains', { values: ['ships'] }, message('It ships today')))).toBe('pass');
  });

  it('names the reason of a failure', async () => {
    expect(await runOn('contains', { values: ['a', 'zz'], mode: 'all' }, 'a')).toMatchObject({ reason: 'missing: "zz"' });
    expect(await runOn('regex', { pattern: 'bad', shouldMatch: false }, 'so bad')).toMatchObject({ reason: expect.stringContaining('matched /bad/') });
  });

  it.each([
    ['regex', { pattern: '(' }, /parameters.pattern: not a valid regular expression/],
    ['regex', { pattern: 'a', flags: 'g' }, /parameters.flags/],
    ['contains', { values: [] }, /parameters.values/],
    ['contains', {}, /parameters.values/],
    ['equals', { value: 'a', extra: 1 }, /extra/],
    ['nope', {}, /unknown assertion type nope/],
  ])('refuses %s %j', (type, parameters, problem) => {
    expect(problemOf(type, parameters)).toMatch(problem);
  });
});
