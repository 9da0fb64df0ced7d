import { defaultRatingScale, labelRules, labelStrengths, type FeedbackKind, type LabelCondition, type LabelName, type LabelStrength } from '@genchi/spec/values';

/** What a label rule looks at besides the kind. */
export interface LabelFacts {
  kind: FeedbackKind;
  thumbs?: 'up' | 'down' | undefined;
  rating?: number | undefined;
  scale?: number | undefined;
  /** For `edited`: the share of the text the edit changed, or null when it is unknown. */
  changedShare?: number | null | undefined;
}

/** Where a rating sits on its scale, from 0 (1) to 1 (the top). */
export function ratingShare(rating: number, scale = defaultRatingScale): number {
  return Math.min(1, Math.max(0, (rating - 1) / (scale - 1)));
}

const conditionChecks: ReadonlyArray<(condition: LabelCondition, facts: LabelFacts) => boolean> = [
  (condition, facts) => condition.thumbs === undefined || condition.thumbs === facts.thumbs,
  (condition, facts) => condition.minRatingShare === undefined || (facts.rating !== undefined && ratingShare(facts.rating, facts.scale) >= condition.minRatingShare),
  (condition, facts) =>
    condition.maxChangedShare === undefined || (typeof facts.changedShare === 'number' && facts.changedShare <= condition.maxChangedShare),
];

/**
 * The label strength of a feedback event (-2 strong negative … +2 strong positive), from the first
 * rule of {@link labelRules} of its kind whose condition holds. An `edited` event whose change is
 * unknown (no original text) is neutral: the edit says the output was used, but not how good it was.
 */
export function labelStrengthOf(facts: LabelFacts): LabelStrength {
  if (facts.kind === 'edited' && typeof facts.changedShare !== 'number') return 0;
  for (const rule of labelRules) {
    if (rule.kind !== facts.kind) continue;
    if (rule.when === undefined || conditionChecks.every((check) => check(rule.when as LabelCondition, facts))) return rule.strength;
  }
  return 0;
}

/** The name of a label strength (`strong-negative` … `strong-positive`). */
export function labelNameOf(strength: LabelStrength): LabelName {
  return labelStrengths.find((entry) => entry.value === strength)?.label ?? 'neutral';
}
