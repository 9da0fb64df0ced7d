import { describe, expect, it } from 'vitest';
import { inferJsonShape, jsonShapeMismatch } from './json-shape.js';
import { problemOf, runOn, word } from './assertion-test-support.js';

const schema = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'string' } } } };

describe('structure assertions', () => {
  it.each([
    ['is-json', {}, '{"a":1}', 'pass'],
    ['is-json', {}, '[1,2]', 'pass'],
    ['is-json', {}, '"text"', 'pass'],
    ['is-json', {}, '```json\n{"a":1}\n```', 'fail'],
    ['is-json', {}, '{"a":1', 'fail'],
    ['is-json', {}, '', 'fail'],
    ['is-json', { topLevel: 'object' }, '[1]', 'fail'],
    ['is-json', { topLevel: 'array' }, '[1]', 'pass'],
    ['is-json', {}, { already: 'parsed' }, 'pass'],
    ['json-schema', { schema }, '{"items":["a","b"]}', 'pass'],
    ['json-schema', { schema }, '{"items":["a",2]}', 'fail'],
    ['json-schema', { schema }, '["a"]', 'fail'],
    ['json-schema', { schema }, 'not json', 'fail'],
    ['json-shape', { example: { items: ['x'] } }, '{"items":["a","b"],"extra":true}', 'pass'],
    ['json-shape', { example: { items: ['x'] } }, '["a","b"]', 'fail'],
    ['json-shape', { example: { items: ['x'] } }, '{"items":"a"}', 'fail'],
    ['json-shape', { example: { items: [] } }, '{"items":[1,"a",null]}', 'pass'],
    ['json-shape', { shape: { type: 'object', properties: { a: { type: 'number' } }, additional: false } }, '{"a":1,"b":2}', 'fail'],
    ['json-shape', { shape: { type: 'array', items: { type: 'number' } } }, '[]', 'pass'],
    ['is-xml', {}, '<order id="1"><item>pen</item></order>', 'pass'],
    ['is-xml', {}, '<?xml version="1.0"?><a/>', 'pass'],
    ['is-xml', {}, '<a><b></a>', 'fail'],
    ['is-xml', {}, 'plain text', 'fail'],
    ['is-xml', {}, '', 'fail'],
    ['is-yaml', {}, 'name: pen\nprice: 2', 'pass'],
    ['is-yaml', {}, '- a\n- b', 'pass'],
    ['is-yaml', {}, 'just words', 'fail'],
    ['is-yaml', { allowScalar: true }, 'just words', 'pass'],
    ['is-yaml', {}, 'a: [1, 2', 'fail'],
    ['is-yaml', {}, 'a: 1\n  b: 2', 'fail'],
  ])('%s %j on %j: %s', async (type, parameters, output, expected) => {
    expect(word(await runOn(type, parameters, output))).toBe(expected);
  });

  it('names where the JSON departs from its shape or schema', async () => {
    expect(await runOn('json-shape', { example: { items: [{ price: 1 }] } }, '{"items":[{"price":1},{"price":"2"}]}')).toMatchObject({ reason: '$.items[1].price: expected number, got string' });
    expect(await runOn('json-shape', { example: { items: [] } }, '{}')).toMatchObject({ reason: '$: missing key items' });
    expect(await runOn('json-schema', { schema }, '{"items":[1]}')).toMatchObject({ reason: '/items/0 must be string' });
  });

  it('infers a shape from an example', () => {
    expect(inferJsonShape({ items: [{ n: 1 }], ok: true, note: null })).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } }, ok: { type: 'boolean' }, note: { type: 'null' } },
    });
    expect(jsonShapeMismatch({ type: 'any' }, undefined)).toBeNull();
  });

  it('refuses bad parameters', () => {
    expect(problemOf('json-shape', {})).toMatch(/give shape or example/);
    expect(problemOf('json-schema', { schema: { type: 'nonsense' } })).toMatch(/not a valid JSON Schema/);
    expect(problemOf('is-json', { topLevel: 'string' })).toMatch(/topLevel/);
  });
});
