import type { z } from 'zod';
import { HttpError, invalidInput } from './http-error.js';

/** Parses input with a schema, or throws a 400 naming the refused fields under `prefix`. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, prefix: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw unknownKeys(result.error, schema, prefix) ?? invalidInput(result.error, prefix);
  return result.data;
}

/**
 * A 400 for names an object schema does not take, listing the ones it does (`?since=` on a route that
 * takes `from` and `to`), or null for any other problem.
 */
function unknownKeys(error: z.ZodError, schema: z.ZodType, prefix: string): HttpError | null {
  const first = error.issues[0];
  const shape = (schema as { shape?: unknown }).shape;
  if (first?.code !== 'unrecognized_keys' || first.path.length > 0 || typeof shape !== 'object' || shape === null) return null;
  const what = prefix === 'query' ? 'parameter' : 'field';
  const message = `${prefix}: unknown ${what}${first.keys.length > 1 ? 's' : ''} ${first.keys.join(', ')}; it takes ${Object.keys(shape).join(', ')}`;
  return new HttpError(400, message, 'invalid_request_error', [prefix, first.keys[0]].join('.'));
}
