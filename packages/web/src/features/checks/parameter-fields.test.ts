import { describeAssertionTypes } from '@genchi/core';
import { describe, expect, it } from 'vitest';
import { fieldHint, kindOf, missingParameters, parameterFields, type ParameterField } from './parameter-fields.js';

const types = describeAssertionTypes();
const fieldsOf = (id: string) => parameterFields(types.find((type) => type.id === id)?.parameters);
const kinds = (id: string) => Object.fromEntries(fieldsOf(id).map((field) => [field.name, field.kind]));

describe('the parameter form read from the registry’s JSON Schemas', () => {
  it('gives every parameter of every registered type an editor, and JSON only where no other fits', () => {
    const json = types.flatMap((type) => parameterFields(type.parameters).filter((field) => field.kind === 'json').map((field) => `${type.id}.${field.name}`));
    expect(json.sort()).toEqual(['json-schema.schema', 'json-shape.example', 'json-shape.shape']);
  });

  it('reads each kind of parameter', () => {
    expect(kinds('regex')).toEqual({ pattern: 'text', flags: 'text', shouldMatch: 'flag' });
    expect(kinds('contains')).toEqual({ values: 'lines', mode: 'choice', caseSensitive: 'flag' });
    expect(kinds('length')).toEqual({ unit: 'choice', min: 'number', max: 'number' });
    expect(kinds('pii')).toEqual({ kinds: 'multi-choice' });
    expect(kinds('llm-judge')).toMatchObject({ rubric: 'long-text', model: 'text', scale: 'choice', votes: 'choice', temperature: 'number', includeInput: 'flag' });
    expect(kinds('custom-js')).toMatchObject({ code: 'long-text', form: 'choice' });
    expect(fieldsOf('llm-judge').find((field) => field.name === 'votes')?.options).toEqual([1, 3, 5, 7, 9]);
  });

  it('puts required parameters first and says so', () => {
    const fields = fieldsOf('length');
    expect(fields[0]).toMatchObject({ name: 'unit', required: false, defaultValue: 'chars' });
    expect(fieldsOf('casing')[0]).toMatchObject({ name: 'style', required: true });
    expect(fieldHint(fieldsOf('casing')[0] as ParameterField)).toBe('required');
    expect(fieldHint(fieldsOf('similarity').find((field) => field.name === 'threshold') as ParameterField)).toBe('0 to 1 · default 0.8');
  });

  it('reads typed text back into values, leaves empty text out, and names what does not read', () => {
    const field = (name: string, id: string) => fieldsOf(id).find((entry) => entry.name === name) as ParameterField;
    const read = (name: string, id: string, text: string) => kindOf(field(name, id).kind).fromText?.(text, field(name, id));
    expect(read('values', 'contains', 'today\n\n tomorrow\n')).toEqual({ value: ['today', ' tomorrow'] });
    expect(read('values', 'contains', '\n')).toEqual({ omitted: true });
    expect(read('max', 'length', '12')).toEqual({ value: 12 });
    expect(read('max', 'length', '1.5')).toEqual({ problem: 'max: a whole number' });
    expect(read('max', 'length', '')).toEqual({ omitted: true });
    expect(read('example', 'json-shape', '{"items": []}')).toEqual({ value: { items: [] } });
    expect(read('example', 'json-shape', '{items')).toMatchObject({ problem: expect.stringMatching(/^example: not valid JSON/) });
    expect(kindOf('json').toText?.({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(kindOf('lines').toText?.(['a', 'b'])).toBe('a\nb');
  });

  it('names the required parameters left out', () => {
    const schema = types.find((type) => type.id === 'regex')?.parameters;
    expect(missingParameters(schema, {})).toEqual(['pattern']);
    expect(missingParameters(schema, { pattern: 'x' })).toEqual([]);
    expect(missingParameters(types.find((type) => type.id === 'length')?.parameters, {})).toEqual([]);
  });

  it('has no fields for a type without parameters', () => {
    expect(fieldsOf('is-xml')).toEqual([]);
    expect(parameterFields(undefined)).toEqual([]);
  });
});
