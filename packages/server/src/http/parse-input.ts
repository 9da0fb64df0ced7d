import type { z } from 'zod';
import { invalidInput } from './http-error.js';

/** Parses input with a schema, or throws a 400 naming the refused fields under `prefix`. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, prefix: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error, prefix);
  return result.data;
}
