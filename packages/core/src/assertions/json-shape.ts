import { z } from 'zod';
import { defineAssertion, verdict } from './assertion-definition.js';

/** The structure of a JSON value: its type, the shape of a list's items and of an object's keys. */
export type JsonShape =
  | { type: 'string' | 'number' | 'boolean' | 'null' | 'any' }
  | { type: 'array'; items: JsonShape }
  | { type: 'object'; properties: Record<string, JsonShape>; /** Keys beyond `properties` allowed (default true). */ additional?: boolean | undefined };

/** A JSON shape, checked. */
export const jsonShapeSchema: z.ZodType<JsonShape> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.enum(['string', 'number', 'boolean', 'null', 'any']) }),
    z.strictObject({ type: z.literal('array'), items: jsonShapeSchema }),
    z.strictObject({ type: z.literal('object'), properties: z.record(z.string(), jsonShapeSchema), additional: z.boolean().optional() }),
  ]),
);

/** The shape of an example value (a list's items take the shape of its first item; an empty list's are `any`). */
export function inferJsonShape(value: unknown): JsonShape {
  if (value === null || value === undefined) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', items: value.length === 0 ? { type: 'any' } : inferJsonShape(value[0]) };
  if (typeof value === 'object') {
    const properties: Record<string, JsonShape> = {};
    for (const [key, item] of Object.entries(value)) properties[key] = inferJsonShape(item);
    return { type: 'object', properties };
  }
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'number') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'any' };
}

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Where a value departs from a shape (`$.items[2].price: expected number, got string`), or null when it fits. */
export function jsonShapeMismatch(shape: JsonShape, value: unknown, path = '$'): string | null {
  if (shape.type === 'any') return null;
  const actual = typeName(value);
  if (actual !== shape.type) return `${path}: expected ${shape.type}, got ${actual}`;
  if (shape.type === 'array') {
    const list = value as unknown[];
    for (let index = 0; index < list.length; index++) {
      const problem = jsonShapeMismatch(shape.items, list[index], `${path}[${index}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (shape.type === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, property] of Object.entries(shape.properties)) {
      if (!Object.hasOwn(record, key)) return `${path}: missing key ${key}`;
      const problem = jsonShapeMismatch(property, record[key], `${path}.${key}`);
      if (problem !== null) return problem;
    }
    if (shape.additional === false) {
      const extra = Object.keys(record).find((key) => !Object.hasOwn(shape.properties, key));
      if (extra !== undefined) return `${path}: unexpected key ${extra}`;
    }
  }
  return null;
}

const shapeParameters = z
  .strictObject({
    /** The expected structure; or give `example`, a JSON value whose structure is expected. */
    shape: jsonShapeSchema.optional(),
    example: z.unknown().optional(),
  })
  .transform((parameters, context) => {
    if (parameters.shape !== undefined) return { shape: parameters.shape };
    if (parameters.example !== undefined) return { shape: inferJsonShape(parameters.example) };
    context.addIssue({ code: 'custom', path: ['shape'], message: 'give shape or example' });
    return z.NEVER;
  });

/** Passes when the output is JSON of the expected structure (e.g. an object whose `items` is a list, not a bare list). */
export const jsonShapeAssertion = defineAssertion({
  id: 'json-shape',
  label: 'JSON shape',
  description: 'The output is JSON with the expected structure: types of values, keys of objects, items of lists.',
  parametersSchema: shapeParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, { shape }) {
    const json = subject.outputJson;
    if (!json.ok) return verdict(false, `not JSON: ${json.error}`);
    const problem = jsonShapeMismatch(shape, json.value);
    return problem === null ? verdict(true) : verdict(false, problem);
  },
});
