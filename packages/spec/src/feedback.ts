import { z } from 'zod';
import { environmentSchema, jsonObjectSchema, recordIdSchema, timestampSchema } from './common.js';

/** Explicit feedback: the user says what they think. */
export const explicitFeedbackKinds = ['thumbs', 'rating', 'comment'] as const;
/** Implicit feedback: what the user did with the output. */
export const implicitFeedbackKinds = ['accepted', 'edited', 'ignored', 'regenerated', 'copied'] as const;
/** Every kind of feedback event. */
export const feedbackKinds = [...explicitFeedbackKinds, ...implicitFeedbackKinds] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** The five label strengths, from strong negative (-2) to strong positive (+2), with their names. */
export const labelStrengths = [
  { value: -2, label: 'strong-negative' },
  { value: -1, label: 'weak-negative' },
  { value: 0, label: 'neutral' },
  { value: 1, label: 'weak-positive' },
  { value: 2, label: 'strong-positive' },
] as const;
export type LabelStrength = (typeof labelStrengths)[number]['value'];
export type LabelName = (typeof labelStrengths)[number]['label'];

/** The default top of a rating scale (ratings run from 1 to the scale). */
export const defaultRatingScale = 5;

/**
 * When a rule applies: a thumbs direction, a lower bound on the rating's share of its scale
 * (`(rating - 1) / (scale - 1)`), or an upper bound on the share of the text an edit changed.
 * A rule without a condition always applies to its kind.
 */
export interface LabelCondition {
  thumbs?: 'up' | 'down';
  minRatingShare?: number;
  maxChangedShare?: number;
}

/** One row of the label-strength table: for a kind, the first rule whose condition holds gives the strength. */
export interface LabelRule {
  kind: FeedbackKind;
  when?: LabelCondition;
  strength: LabelStrength;
  /** The rule in words, as the README's table shows it. */
  reading: string;
}

/** How each feedback event maps to a label strength (first matching rule of its kind wins). Shown in the SDK README. */
export const labelRules: readonly LabelRule[] = [
  { kind: 'thumbs', when: { thumbs: 'up' }, strength: 2, reading: 'thumbs up' },
  { kind: 'thumbs', when: { thumbs: 'down' }, strength: -2, reading: 'thumbs down' },
  { kind: 'rating', when: { minRatingShare: 0.875 }, strength: 2, reading: 'rating in the top eighth of its scale (5 of 5)' },
  { kind: 'rating', when: { minRatingShare: 0.625 }, strength: 1, reading: 'rating from 62.5 % of its scale (4 of 5)' },
  { kind: 'rating', when: { minRatingShare: 0.375 }, strength: 0, reading: 'rating in the middle of its scale (3 of 5)' },
  { kind: 'rating', when: { minRatingShare: 0.125 }, strength: -1, reading: 'rating from 12.5 % of its scale (2 of 5)' },
  { kind: 'rating', strength: -2, reading: 'rating at the bottom of its scale (1 of 5)' },
  { kind: 'comment', strength: 0, reading: 'a comment alone (text for the reviewer, no label)' },
  { kind: 'accepted', strength: 1, reading: 'accepted as it was' },
  { kind: 'copied', strength: 1, reading: 'copied' },
  { kind: 'edited', when: { maxChangedShare: 0.1 }, strength: 1, reading: 'accepted after an edit that changed at most 10 % of the text' },
  { kind: 'edited', when: { maxChangedShare: 0.5 }, strength: -1, reading: 'edited, changing more than 10 % and at most 50 % of the text' },
  { kind: 'edited', strength: -2, reading: 'rewritten: more than half of the text changed' },
  { kind: 'ignored', strength: -1, reading: 'ignored (shown, not used)' },
  { kind: 'regenerated', strength: -1, reading: 'regenerated (the user asked for another answer)' },
];

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

/** The name and source of the score every feedback event writes on its span (value: the label strength). */
export const feedbackScore = { name: 'feedback', source: 'feedback', idPrefix: 'fb:' } as const;
