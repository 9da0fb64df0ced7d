/** The parts of a JSON Schema node that the parameter form reads (the registry lists parameters as JSON Schema). */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
}

/** How a parameter is edited: a choice, a flag, a number, a line or a block of text, several choices, a list of lines, or JSON. */
export type FieldKind = 'choice' | 'multi-choice' | 'lines' | 'flag' | 'number' | 'long-text' | 'text' | 'json';

/** One parameter of an assertion type, ready for the form. */
export interface ParameterField {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** The values a choice (or each of several choices) may take. */
  options: unknown[];
  /** What the type assumes when the parameter is left out (shown, not sent). */
  defaultValue: unknown;
  schema: SchemaNode;
}

/** What a text the person typed means for a parameter: a value, nothing (left out), or a problem to show. */
export type ParsedText = { value: unknown } | { omitted: true } | { problem: string };

const constants = (node: SchemaNode): unknown[] | null =>
  node.anyOf !== undefined && node.anyOf.length > 0 && node.anyOf.every((option) => 'const' in option) ? node.anyOf.map((option) => option.const) : null;

/**
 * The kinds of field, as data: the first whose `matches` accepts a schema node edits it; `toText` and
 * `fromText` exist for the kinds typed as text.
 */
export const fieldKinds: ReadonlyArray<{
  kind: FieldKind;
  matches(node: SchemaNode): boolean;
  options?(node: SchemaNode): unknown[];
  toText?(value: unknown): string;
  fromText?(text: string, field: ParameterField): ParsedText;
}> = [
  { kind: 'choice', matches: (node) => Array.isArray(node.enum) || constants(node) !== null, options: (node) => node.enum ?? constants(node) ?? [] },
  { kind: 'multi-choice', matches: (node) => node.type === 'array' && Array.isArray(node.items?.enum), options: (node) => node.items?.enum ?? [] },
  {
    kind: 'lines',
    matches: (node) => node.type === 'array' && node.items?.type === 'string',
    toText: (value) => (Array.isArray(value) ? value.map(String).join('\n') : ''),
    fromText: (text) => {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      return lines.length === 0 ? { omitted: true } : { value: lines };
    },
  },
  { kind: 'flag', matches: (node) => node.type === 'boolean' },
  {
    kind: 'number',
    matches: (node) => node.type === 'number' || node.type === 'integer',
    toText: (value) => (typeof value === 'number' ? String(value) : ''),
    fromText: (text, field) => {
      if (text.trim() === '') return { omitted: true };
      const value = Number(text);
      if (!Number.isFinite(value)) return { problem: `${field.name}: not a number` };
      if (field.schema.type === 'integer' && !Number.isInteger(value)) return { problem: `${field.name}: a whole number` };
      return { value };
    },
  },
  { kind: 'long-text', matches: (node) => node.type === 'string' && (node.maxLength ?? 0) > 2000, toText: (value) => (typeof value === 'string' ? value : ''), fromText: textValue },
  { kind: 'text', matches: (node) => node.type === 'string', toText: (value) => (typeof value === 'string' ? value : ''), fromText: textValue },
  {
    kind: 'json',
    matches: () => true,
    toText: (value) => (value === undefined ? '' : JSON.stringify(value, null, 2)),
    fromText: (text, field) => {
      if (text.trim() === '') return { omitted: true };
      try {
        return { value: JSON.parse(text) as unknown };
      } catch (error) {
        return { problem: `${field.name}: not valid JSON (${(error as Error).message})` };
      }
    },
  },
];

function textValue(text: string): ParsedText {
  return text === '' ? { omitted: true } : { value: text };
}

/** The kind definition of a field. */
export function kindOf(kind: FieldKind): (typeof fieldKinds)[number] {
  return fieldKinds.find((entry) => entry.kind === kind) ?? (fieldKinds[fieldKinds.length - 1] as (typeof fieldKinds)[number]);
}

/** The fields of an assertion type's parameters schema, in the schema's order (required ones first). */
export function parameterFields(schema: unknown): ParameterField[] {
  const root = (schema ?? {}) as SchemaNode;
  const required = new Set(root.required ?? []);
  const fields = Object.entries(root.properties ?? {}).map(([name, node]): ParameterField => {
    const definition = fieldKinds.find((entry) => entry.matches(node)) ?? kindOf('json');
    return { name, kind: definition.kind, required: required.has(name), options: definition.options?.(node) ?? [], defaultValue: node.default, schema: node };
  });
  return [...fields.filter((field) => field.required), ...fields.filter((field) => !field.required)];
}

/** A hint under a field: its bounds or its default, in a few words. */
export function fieldHint(field: ParameterField): string {
  const { schema } = field;
  const parts: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) parts.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
  else if (schema.exclusiveMinimum !== undefined) parts.push(`more than ${schema.exclusiveMinimum}`);
  if (field.defaultValue !== undefined && field.defaultValue !== '' && field.kind !== 'flag') parts.push(`default ${Array.isArray(field.defaultValue) ? field.defaultValue.join(', ') : String(field.defaultValue)}`);
  if (field.kind === 'lines') parts.push('one per line');
  if (field.required) parts.push('required');
  return parts.join(' · ');
}

/** The required parameters a set of parameters leaves out, by name. */
export function missingParameters(schema: unknown, parameters: Record<string, unknown>): string[] {
  return parameterFields(schema)
    .filter((field) => field.required && parameters[field.name] === undefined)
    .map((field) => field.name);
}
