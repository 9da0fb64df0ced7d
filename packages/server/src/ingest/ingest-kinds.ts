import { feedbackInputSchema, scoreInputSchema, spanInputSchema } from '@genchi/spec';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { WriteOutcome } from '../storage/storage.js';

/** One kind of record the native batch accepts: how to check a body, name it, and write a group of them. */
export interface IngestKind {
  schema: z.ZodType<{ id: string }>;
  write(context: AppContext, projectId: string, bodies: Array<{ id: string }>): Promise<WriteOutcome[]>;
}

/** Declares a kind with its own body type; the registry holds them erased to {@link IngestKind}. */
function ingestKind<Body extends { id: string }>(kind: {
  schema: z.ZodType<Body>;
  write(context: AppContext, projectId: string, bodies: Body[]): Promise<WriteOutcome[]>;
}): IngestKind {
  return kind as unknown as IngestKind;
}

/** Record kinds of `POST /v1/ingest`, by the `type` an item names. A new kind adds an entry. */
export const ingestKinds: Record<string, IngestKind> = {
  span: ingestKind({ schema: spanInputSchema, write: (context, projectId, bodies) => context.spans.write(projectId, bodies) }),
  score: ingestKind({
    schema: scoreInputSchema,
    write: (context, projectId, bodies) => context.storage.scores.writeScores(projectId, bodies),
  }),
  feedback: ingestKind({
    schema: feedbackInputSchema,
    write: (context, projectId, bodies) => context.storage.feedback.writeFeedback(projectId, bodies),
  }),
};
