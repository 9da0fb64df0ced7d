import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaInstance } from './json-schema-instance.js';

describe('jsonSchemaInstance', () => {
  it.each([
    ['flat object', z.object({ name: z.string(), count: z.number().int(), ok: z.boolean() })],
    ['bounds', z.object({ price: z.number().gt(10).lt(20), code: z.string().min(12).max(14), age: z.number().int().min(18) })],
    ['enums and literals', z.object({ level: z.enum(['low', 'high']), kind: z.literal('sim') })],
    ['nullable and unions', z.object({ note: z.string().nullable(), value: z.union([z.number(), z.string()]) })],
    ['arrays', z.object({ tags: z.array(z.string()).min(3), pair: z.tuple([z.string(), z.number()]) })],
    ['formats', z.object({ at: z.iso.datetime(), email: z.email(), id: z.uuid(), url: z.url() })],
    ['nested', z.object({ order: z.object({ lines: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })).min(1) }) })],
    ['optional fields left out', z.object({ required: z.string(), optional: z.string().optional() })],
  ])('builds a valid instance for %s', (_name, schema) => {
    const instance = jsonSchemaInstance(z.toJSONSchema(schema));
    expect(schema.safeParse(instance).error).toBeUndefined();
  });

  it('follows $ref into definitions, recursive ones included', () => {
    type Node = { label: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ label: z.string(), children: z.array(node) }));
    const schema = z.object({ root: node });
    const instance = jsonSchemaInstance(z.toJSONSchema(schema));
    expect(schema.parse(instance)).toEqual({ root: { label: 'simulated', children: [] } });
    expect(jsonSchemaInstance({ $ref: '#/$defs/a', $defs: { a: { type: 'integer', minimum: 5 } } })).toBe(5);
  });

  it('answers an empty object for an empty schema', () => {
    expect(jsonSchemaInstance({})).toEqual({});
    expect(jsonSchemaInstance(undefined)).toEqual({});
  });
});
