import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import type { XMLValidator as XmlValidator } from 'fast-xml-parser';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { defineAssertion, verdict } from './assertion-definition.js';

const noParameters = z.strictObject({});

/** Passes when the output is JSON (optionally of a given top-level type). */
export const isJsonAssertion = defineAssertion({
  id: 'is-json',
  label: 'Is JSON',
  description: 'The output parses as JSON (optionally: its top level is an object or a list).',
  parametersSchema: z.strictObject({ topLevel: z.enum(['any', 'object', 'array']).default('any') }),
  valueType: 'boolean',
  needsModel: false,
  run(subject, { topLevel }) {
    const json = subject.outputJson;
    if (!json.ok) return verdict(false, `not JSON: ${json.error}`);
    if (topLevel === 'any') return verdict(true);
    const actual = Array.isArray(json.value) ? 'array' : json.value !== null && typeof json.value === 'object' ? 'object' : typeof json.value;
    return actual === topLevel ? verdict(true) : verdict(false, `JSON ${actual}, expected ${topLevel}`);
  },
});

// Loaded on first use: only a json-schema or is-xml assertion needs them, and every process importing core would pay for them.
const require = createRequire(import.meta.url);
let ajv: AjvInstance | undefined;
const schemaCompiler = (): AjvInstance => {
  if (ajv === undefined) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });
  }
  return ajv;
};
let xmlValidator: typeof XmlValidator | undefined;
const validateXml = (text: string) => (xmlValidator ??= (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLValidator).validate(text);

/** A JSON Schema, compiled once when the parameters are parsed. */
const schemaParameters = z.strictObject({ schema: z.record(z.string(), z.unknown()) }).transform((parameters, context) => {
  try {
    return { ...parameters, validate: schemaCompiler().compile(parameters.schema) as ValidateFunction };
  } catch (error) {
    context.addIssue({ code: 'custom', path: ['schema'], message: `not a valid JSON Schema: ${(error as Error).message}` });
    return z.NEVER;
  }
});

/** Passes when the output is JSON valid against a JSON Schema. */
export const jsonSchemaAssertion = defineAssertion({
  id: 'json-schema',
  label: 'JSON Schema',
  description: 'The output is JSON that a JSON Schema accepts.',
  parametersSchema: schemaParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, { validate }) {
    const json = subject.outputJson;
    if (!json.ok) return verdict(false, `not JSON: ${json.error}`);
    if (validate(json.value)) return verdict(true);
    const first = validate.errors?.[0];
    return verdict(false, first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'does not match the schema');
  },
});

/** Passes when the output is well-formed XML. */
export const isXmlAssertion = defineAssertion({
  id: 'is-xml',
  label: 'Is XML',
  description: 'The output is well-formed XML (one root element, every tag closed).',
  parametersSchema: noParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject) {
    const text = subject.outputText.trim();
    if (!text.startsWith('<')) return verdict(false, 'does not start with a tag');
    const result = validateXml(text);
    return result === true ? verdict(true) : verdict(false, `line ${result.err.line}: ${result.err.msg}`);
  },
});

/** Passes when the output is YAML (a bare scalar counts only when `allowScalar` is true). */
export const isYamlAssertion = defineAssertion({
  id: 'is-yaml',
  label: 'Is YAML',
  description: 'The output parses as YAML holding a mapping or a list (or any value, with allowScalar).',
  parametersSchema: z.strictObject({ allowScalar: z.boolean().default(false) }),
  valueType: 'boolean',
  needsModel: false,
  run(subject, { allowScalar }) {
    const document = parseDocument(subject.outputText, { prettyErrors: false });
    const error = document.errors[0];
    if (error !== undefined) return verdict(false, `not YAML: ${error.message.split('\n')[0] ?? ''}`);
    const value: unknown = document.toJS();
    if (allowScalar || (value !== null && typeof value === 'object')) return verdict(true);
    return verdict(false, 'YAML holds a single scalar, not a mapping or a list');
  },
});
