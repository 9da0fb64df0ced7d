/** A JSON schema as the simulator reads it: only the keywords it needs to build an instance. */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 24;

const STRING_FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '00:00:00Z',
  email: 'sim@example.com',
  uri: 'https://example.com/sim',
  url: 'https://example.com/sim',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  hostname: 'example.com',
};

type Builder = (schema: Schema, context: Context) => unknown;

interface Context {
  root: Schema;
  depth: number;
}

const BUILDERS: Readonly<Record<string, Builder>> = {
  object: buildObject,
  array: buildArray,
  string: buildString,
  number: (schema) => buildNumber(schema, false),
  integer: (schema) => buildNumber(schema, true),
  boolean: () => false,
  null: () => null,
};

/** Builds a small JSON value that validates against a JSON schema (objects with their required properties). */
export function jsonSchemaInstance(schema: unknown): unknown {
  const root = isSchema(schema) ? schema : {};
  return build(root, { root, depth: 0 });
}

function build(schema: Schema, context: Context): unknown {
  if (context.depth > MAX_DEPTH) return null;
  const inner: Context = { root: context.root, depth: context.depth + 1 };
  if (typeof schema['$ref'] === 'string') return build(resolveRef(schema['$ref'], context.root), inner);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(branches) && branches.length > 0) return build(firstNonNull(branches), inner);
  if (Array.isArray(schema['allOf'])) return buildAllOf(schema['allOf'], inner);
  const builder = BUILDERS[schemaType(schema)];
  return builder ? builder(schema, inner) : {};
}

function schemaType(schema: Schema): string {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return String(type.find((name) => name !== 'null') ?? type[0] ?? 'object');
  if (isSchema(schema['properties'])) return 'object';
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return 'array';
  return 'object';
}

function buildObject(schema: Schema, context: Context): Record<string, unknown> {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  const instance: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof name !== 'string') continue;
    const property = properties[name];
    instance[name] = build(isSchema(property) ? property : {}, context);
  }
  return instance;
}

function buildArray(schema: Schema, context: Context): unknown[] {
  const prefix = Array.isArray(schema['prefixItems'])
    ? schema['prefixItems']
    : Array.isArray(schema['items'])
      ? schema['items']
      : [];
  const items = isSchema(schema['items']) ? schema['items'] : {};
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const length = Math.max(minItems, prefix.length);
  const instance: unknown[] = [];
  for (let index = 0; index < length; index += 1) {
    const itemSchema: unknown = prefix[index] ?? items;
    instance.push(build(isSchema(itemSchema) ? itemSchema : {}, context));
  }
  return instance;
}

function buildString(schema: Schema): string {
  const format = typeof schema['format'] === 'string' ? STRING_FORMATS[schema['format']] : undefined;
  let text = format ?? 'simulated';
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  while (text.length < minLength) text += 'x';
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

function buildNumber(schema: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let low = -Infinity;
  let high = Infinity;
  if (typeof schema['minimum'] === 'number') low = schema['minimum'];
  if (typeof schema['exclusiveMinimum'] === 'number') low = Math.max(low, schema['exclusiveMinimum'] + step);
  if (typeof schema['maximum'] === 'number') high = schema['maximum'];
  if (typeof schema['exclusiveMaximum'] === 'number') high = Math.min(high, schema['exclusiveMaximum'] - step);
  let value = Math.min(Math.max(0, low), high);
  if (integer) value = Math.ceil(value) <= high ? Math.ceil(value) : Math.floor(value);
  const multipleOf = schema['multipleOf'];
  if (typeof multipleOf === 'number' && multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  return value;
}

function buildAllOf(parts: readonly unknown[], context: Context): unknown {
  const instances = parts.filter(isSchema).map((part) => build(part, context));
  if (instances.every((value) => isSchema(value))) return Object.assign({}, ...instances);
  return instances[0] ?? {};
}

function firstNonNull(branches: readonly unknown[]): Schema {
  const schemas = branches.filter(isSchema);
  return schemas.find((branch) => branch['type'] !== 'null') ?? schemas[0] ?? {};
}

function resolveRef(reference: string, root: Schema): Schema {
  if (!reference.startsWith('#')) return {};
  let target: unknown = root;
  for (const token of reference.slice(1).split('/')) {
    if (token === '') continue;
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isSchema(target) ? target[key] : undefined;
  }
  return isSchema(target) ? target : {};
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
