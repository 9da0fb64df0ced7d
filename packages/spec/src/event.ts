import { z } from 'zod';
import { queryTimeSchema } from './query.js';

/** Kinds of event genchi records; features add theirs. */
export const eventTypes = ['model-change', 'floating-alias'] as const;
export type EventType = (typeof eventTypes)[number];

/** Something genchi noticed that a person should know about (a provider changed a model, say). */
export interface GenchiEvent {
  /** Derived from what the event is about, so that noticing it twice records it once. */
  id: string;
  type: string;
  /** When genchi noticed it. */
  at: string;
  task: string | null;
  /** One sentence for people. */
  summary: string;
  details: Record<string, unknown>;
}

/** An event as a store is handed it. */
export interface EventInput {
  id: string;
  type: string;
  /** Epoch milliseconds. */
  at: number;
  task: string | null;
  summary: string;
  details: Record<string, unknown>;
}

/** Filters of `GET /v1/events`. */
export const eventQuerySchema = z.strictObject({
  type: z.string().min(1).max(60).optional(),
  task: z.string().min(1).max(200).optional(),
  from: queryTimeSchema.optional(),
  to: queryTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
});
export type EventQueryInput = z.input<typeof eventQuerySchema>;
export type EventQuery = z.output<typeof eventQuerySchema>;
