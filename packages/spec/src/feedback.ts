import { z } from 'zod';
import { environmentSchema, jsonObjectSchema, recordIdSchema, timestampSchema } from './common.js';
import { defaultRatingScale, feedbackKinds, type FeedbackKind, type LabelName, type LabelStrength } from './feedback-labels.js';

/** The fields each kind needs, as data: a body of that kind without them is refused, naming the field. */
export const feedbackRequiredFields: Readonly<Record<FeedbackKind, readonly ('thumbs' | 'rating' | 'comment' | 'finalText')[]>> = {
  thumbs: ['thumbs'],
  rating: ['rating'],
  comment: ['comment'],
  accepted: [],
  edited: ['finalText'],
  ignored: [],
  regenerated: [],
  copied: [],
};

/** Feedback ids leave room for the `fb:` prefix of the score each event writes. */
export const feedbackIdSchema = recordIdSchema.max(120);

const feedbackFields = z.object({
  id: feedbackIdSchema,
  spanId: recordIdSchema,
  traceId: recordIdSchema.optional(),
  kind: z.enum(feedbackKinds),
  thumbs: z.enum(['up', 'down']).optional(),
  rating: z.number().finite().optional(),
  /** The top of the rating scale; ratings run from 1 to it. */
  scale: z.number().int().min(2).max(100).optional(),
  comment: z.string().max(20_000).optional(),
  /** For `edited`: the text the user kept. */
  finalText: z.string().max(1_000_000).optional(),
  /** For `edited`: the text the user saw before editing; the span's output text when absent. */
  originalText: z.string().max(1_000_000).optional(),
  userId: z.string().max(200).optional(),
  sessionId: z.string().max(200).optional(),
  environment: environmentSchema.optional(),
  metadata: jsonObjectSchema.optional(),
  createdAt: timestampSchema.optional(),
});

type FeedbackFields = Omit<z.output<typeof feedbackFields>, 'id'>;

function checkKindFields(body: FeedbackFields, context: z.RefinementCtx): void {
  for (const field of feedbackRequiredFields[body.kind]) {
    if (body[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: `required when kind is ${body.kind}` });
  }
  const scale = body.scale ?? defaultRatingScale;
  if (body.rating !== undefined && (body.rating < 1 || body.rating > scale)) {
    context.addIssue({ code: 'custom', path: ['rating'], message: `must be between 1 and the scale (${scale})` });
  }
}

/** A feedback event as a caller sends it (`POST /v1/feedback` or a `feedback` item of `POST /v1/ingest`). */
export const feedbackInputSchema = feedbackFields.superRefine(checkKindFields);
export type FeedbackInputBody = z.input<typeof feedbackInputSchema>;
export type FeedbackInput = z.output<typeof feedbackInputSchema>;

/** One piece of an edit: text kept, added or removed. */
export interface EditPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** What an `edited` event changed, computed by genchi from the original and the final text. */
export interface EditDiff {
  /** Share of the text that changed: the larger of removed and added characters over the longer text. */
  changedShare: number;
  addedChars: number;
  removedChars: number;
  /** Where the original text came from. */
  originalFrom: 'event' | 'span-output';
  /** The edit as parts, in order; null when the texts were too large or too different to diff in time. */
  parts: EditPart[] | null;
}

/** A stored feedback event with its derived label. */
export interface Feedback {
  id: string;
  spanId: string;
  traceId: string | null;
  kind: FeedbackKind;
  thumbs: 'up' | 'down' | null;
  rating: number | null;
  scale: number | null;
  comment: string | null;
  finalText: string | null;
  diff: EditDiff | null;
  labelStrength: LabelStrength;
  label: LabelName;
  userId: string | null;
  sessionId: string | null;
  environment: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

/** The body of `POST /v1/feedback`: one event; the server names it when `id` is missing. */
export const feedbackPostBodySchema = feedbackFields.extend({ id: feedbackIdSchema.optional() }).superRefine(checkKindFields);
export type FeedbackPostBody = z.input<typeof feedbackPostBodySchema>;

/** The answer of `POST /v1/feedback`. */
export interface FeedbackPostResponse {
  id: string;
  status: 'created' | 'merged';
  labelStrength: LabelStrength;
  label: LabelName;
}
