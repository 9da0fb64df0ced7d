import { z } from 'zod';

/** A moment in time: an ISO-8601 string with offset, or milliseconds since the epoch; parsed to epoch milliseconds. */
export const timestampSchema = z.union(
  [z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)), z.number().finite().nonnegative()],
  { error: 'expected an ISO 8601 time with its offset (2026-11-23T10:00:00Z) or milliseconds since 1970' },
);

/** Identifiers of records: printable, no whitespace, at most 128 characters. */
export const recordIdSchema = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Short names such as a task or an environment. */
export const nameSchema = z.string().min(1).max(200);

/** An environment a record belongs to (prod, dev, shadow, experiment, eval, or the team's own). */
export const environmentSchema = z.string().min(1).max(40).regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'letters, digits, dot, dash and underscore');

/** A JSON object with string keys. */
export const jsonObjectSchema = z.record(z.string(), z.unknown());

/** Well-known environments; others are allowed. */
export const knownEnvironments = ['prod', 'dev', 'shadow', 'experiment', 'eval'] as const;

/** The error body every genchi endpoint answers with (OpenAI's error shape). */
export const apiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable().optional(),
    code: z.string().nullable().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** A page of results with the cursor of the next page, or null at the end. */
export interface Page<Row> {
  data: Row[];
  nextCursor: string | null;
}
