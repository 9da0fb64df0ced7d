// Feedback kinds, label strengths and the rules between them: plain data without schemas, so that
// the store's writer thread can derive labels without loading zod.

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

/** The name and source of the score every feedback event writes on its span (value: the label strength). */
export const feedbackScore = { name: 'feedback', source: 'feedback', idPrefix: 'fb:' } as const;
