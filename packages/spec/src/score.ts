import { z } from 'zod';
import { environmentSchema, jsonObjectSchema, nameSchema, recordIdSchema, timestampSchema } from './common.js';
import type { ScoreValueType } from './score-values.js';

/** Who produced a score. */
export const scoreSources = ['assertion', 'judge', 'human', 'feedback', 'api'] as const;
export type ScoreSource = (typeof scoreSources)[number];

/** Whether an evaluation produced a value: `error` when the evaluator failed, `skipped` when it could not run. */
export const scoreStatuses = ['ok', 'error', 'skipped'] as const;
export type ScoreStatus = (typeof scoreStatuses)[number];


/** A score as a caller sends it. */
export const scoreInputSchema = z.object({
  id: recordIdSchema,
  spanId: recordIdSchema,
  traceId: recordIdSchema.optional(),
  name: nameSchema,
  value: z.union([z.boolean(), z.number().finite(), z.string().max(200)]).nullable(),
  source: z.enum(scoreSources).default('api'),
  status: z.enum(scoreStatuses).default('ok'),
  reason: z.string().max(20_000).optional(),
  criterionId: z.string().max(200).optional(),
  criterionVersion: z.number().int().positive().optional(),
  assertionId: z.string().max(200).optional(),
  environment: environmentSchema.optional(),
  metadata: jsonObjectSchema.optional(),
  createdAt: timestampSchema.optional(),
});
export type ScoreInputBody = z.input<typeof scoreInputSchema>;
export type ScoreInput = z.output<typeof scoreInputSchema>;

/** A stored score. */
export interface Score {
  id: string;
  spanId: string;
  traceId: string | null;
  name: string;
  value: boolean | number | string | null;
  valueType: ScoreValueType | null;
  source: ScoreSource;
  status: ScoreStatus;
  reason: string | null;
  criterionId: string | null;
  criterionVersion: number | null;
  assertionId: string | null;
  environment: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}
