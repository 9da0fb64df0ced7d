import { describe, expect, it } from 'vitest';
import { outcomeOfReturn } from './custom-code.js';
import { findPii, passesLuhn } from './pii.js';
import { characterSimilarity, wordCosine } from './similarity.js';
import { problemOf, runOn, word } from './assertion-test-support.js';

describe('length, casing, similarity, bounds, refusal and PII', () => {
  it.each([
    ['length', { max: 5 }, 'hello', 'pass'],
    ['length', { max: 4 }, 'hello', 'fail'],
    ['length', { min: 1 }, '', 'fail'],
    ['length', { max: 2 }, '🙂🙂', 'pass'],
    ['length', { unit: 'words', max: 3 }, '  one two   three ', 'pass'],
    ['length', { unit: 'words', min: 1 }, '   ', 'fail'],
    ['length', { unit: 'words', min: 2, max: 2 }, 'one two three', 'fail'],
    ['length', { unit: 'tokens', max: 3 }, 'hello world', 'pass'],
    ['length', { unit: 'tokens', max: 3 }, 'hello world, this sentence has more tokens', 'fail'],
    ['casing', { style: 'lower' }, 'all lower 123', 'pass'],
    ['casing', { style: 'lower' }, 'Not lower', 'fail'],
    ['casing', { style: 'upper' }, 'ALL UPPER!', 'pass'],
    ['casing', { style: 'sentence' }, 'First one. Second one! Third?', 'pass'],
    ['casing', { style: 'sentence' }, 'First one. second one.', 'fail'],
    ['casing', { style: 'title' }, 'The Quick Brown Fox', 'pass'],
    ['casing', { style: 'title' }, 'The quick Brown Fox', 'fail'],
    ['casing', { style: 'not-shouting' }, 'THIS IS A VERY LOUD ANSWER INDEED', 'fail'],
    ['casing', { style: 'not-shouting' }, 'OK', 'pass'],
    ['casing', { style: 'not-shouting' }, 'A calm answer with NASA in it, fine.', 'pass'],
    ['similarity', { expected: 'the order ships today' }, 'The order ships today.', 'pass'],
    ['similarity', { expected: 'the order ships today' }, 'Refunds take five days', 'fail'],
    ['similarity', { expected: 'kitten', method: 'characters', threshold: 0.5 }, 'sitting', 'pass'],
    ['similarity', { expected: 'kitten', method: 'characters', threshold: 0.6 }, 'sitting', 'fail'],
    ['similarity', { expected: '' }, '', 'pass'],
    ['similarity', {}, 'anything', 'error'],
    ['latency', { maxMs: 1000 }, 'x', 'error'],
    ['cost', { maxUsd: 0.01 }, 'x', 'error'],
    ['refusal', {}, "I'm sorry, but I can't help with that request.", 'fail'],
    ['refusal', {}, 'As an AI language model, I cannot browse the web.', 'fail'],
    ['refusal', {}, 'Your order ships today.', 'pass'],
    ['refusal', {}, `${'Here is the full policy text. '.repeat(20)} It says: I cannot help with refunds after 30 days.`, 'pass'],
    ['refusal', { expect: 'refusal' }, 'I cannot assist with that.', 'pass'],
    ['refusal', { expect: 'refusal' }, 'Sure, here is how.', 'fail'],
    ['pii', {}, 'Write to ann@example.com', 'fail'],
    ['pii', {}, 'Call +1 415-555-0132 today', 'fail'],
    ['pii', {}, 'Card 4111 1111 1111 1111 on file', 'fail'],
    ['pii', {}, 'Order 4111 1111 1111 1112 shipped', 'pass'],
    ['pii', {}, 'key sk-proj-abcdefghijklmnopqrstuvwx1234', 'fail'],
    ['pii', {}, 'AWS AKIAIOSFODNN7EXAMPLE leaked', 'fail'],
    ['pii', {}, 'Your order 12345 ships on 2024-05-01.', 'pass'],
    ['pii', { kinds: ['api-key'] }, 'Write to ann@example.com', 'pass'],
    ['pii', {}, '', 'pass'],
  ])('%s %j on %j: %s', async (type, parameters, output, expected) => {
    expect(word(await runOn(type, parameters, output))).toBe(expected);
  });

  it('uses the subject expected output, latency and cost', async () => {
    expect(word(await runOn('similarity', {}, 'ships today', { expected: 'ships today' }))).toBe('pass');
    expect(await runOn('latency', { maxMs: 500 }, 'x', { latencyMs: 800 })).toMatchObject({ status: 'ok', pass: false, measured: 800, reason: '800 ms, above 500' });
    expect(word(await runOn('latency', { maxMs: 500 }, 'x', { latencyMs: 500 }))).toBe('pass');
    expect(word(await runOn('cost', { maxUsd: 0.001 }, 'x', { costUsd: 0.002 }))).toBe('fail');
    expect(word(await runOn('cost', { maxUsd: 0 }, 'x', { costUsd: 0 }))).toBe('pass');
    expect(await runOn('length', { unit: 'words', max: 10 }, 'one two')).toMatchObject({ measured: 2 });
  });

  it('measures similarity by hand-checked values', () => {
    expect(characterSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
    expect(wordCosine('a b', 'a c')).toBeCloseTo(0.5, 10);
    expect(wordCosine('', 'a')).toBe(0);
  });

  it('finds personal data kinds and checks card numbers', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(findPii('ann@example.com, ghp_abcdefghijklmnopqrstuvwxyz0123456789AB')).toEqual(['email', 'api-key']);
  });

  it('refuses bad bounds', () => {
    expect(problemOf('length', {})).toMatch(/give min, max or both/);
    expect(problemOf('length', { min: 5, max: 2 })).toMatch(/min is above max/);
    expect(problemOf('latency', { maxMs: -1 })).toMatch(/maxMs/);
    expect(problemOf('pii', { kinds: ['ssn'] })).toMatch(/kinds/);
  });

  it.each([
    [true, 'pass'],
    [false, 'fail'],
    [{ pass: false, reason: 'too long' }, 'fail'],
    [{ pass: 'yes' }, 'error'],
    ['true', 'error'],
    [1, 'error'],
    [undefined, 'error'],
    [null, 'error'],
  ])('reads custom code returning %j as %s', (returned, expected) => {
    expect(word(outcomeOfReturn(returned))).toBe(expected);
  });

  it('reports custom code without a sandbox as an error', async () => {
    expect(await runOn('custom-js', { code: 'true' }, 'x')).toMatchObject({ status: 'error', reason: expect.stringContaining('no sandbox') });
  });
});
