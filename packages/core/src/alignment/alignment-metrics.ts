import type { AlignmentReport, ConfusionMatrix } from '@genchi/spec';

/** One graded item: the human's grade and the check's verdict (null when the check could not evaluate it). */
export interface GradedPair {
  itemId: string;
  human: 'pass' | 'fail';
  check: 'pass' | 'fail' | null;
}

/** Sorts graded items into the confusion matrix; "positive" means failed. */
export function confusionMatrix(pairs: readonly GradedPair[]): ConfusionMatrix {
  const matrix: ConfusionMatrix = { bothFail: [], bothPass: [], falseFailures: [], misses: [], notEvaluated: [] };
  for (const { itemId, human, check } of pairs) {
    if (check === null) matrix.notEvaluated.push(itemId);
    else if (human === 'fail') (check === 'fail' ? matrix.bothFail : matrix.misses).push(itemId);
    else (check === 'fail' ? matrix.falseFailures : matrix.bothPass).push(itemId);
  }
  return matrix;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** Harmonic mean of coverage and 1 − false failure rate (EvalGen's alignment); null when either is undefined. */
export function alignmentScore(coverage: number | null, falseFailureRate: number | null): number | null {
  if (coverage === null || falseFailureRate === null) return null;
  const specificity = 1 - falseFailureRate;
  return coverage + specificity === 0 ? 0 : (2 * coverage * specificity) / (coverage + specificity);
}

/** Matthews correlation coefficient of a 2×2 matrix; null when a row or a column is empty. */
export function matthewsCorrelation(truePositive: number, trueNegative: number, falsePositive: number, falseNegative: number): number | null {
  const denominator = (truePositive + falsePositive) * (truePositive + falseNegative) * (trueNegative + falsePositive) * (trueNegative + falseNegative);
  return denominator === 0 ? null : (truePositive * trueNegative - falsePositive * falseNegative) / Math.sqrt(denominator);
}

/** Cohen's κ of two raters over a 2×2 matrix; null with no items or when chance agreement is total. */
export function cohensKappa(truePositive: number, trueNegative: number, falsePositive: number, falseNegative: number): number | null {
  const n = truePositive + trueNegative + falsePositive + falseNegative;
  if (n === 0) return null;
  const observed = (truePositive + trueNegative) / n;
  const chance = ((truePositive + falseNegative) * (truePositive + falsePositive) + (trueNegative + falsePositive) * (trueNegative + falseNegative)) / (n * n);
  return chance === 1 ? null : (observed - chance) / (1 - chance);
}

/** How well a check agrees with human grades: coverage, false failure rate, alignment, MCC, κ and the matrix with item ids. */
export function computeAlignment(pairs: readonly GradedPair[]): AlignmentReport {
  const confusion = confusionMatrix(pairs);
  const truePositive = confusion.bothFail.length;
  const trueNegative = confusion.bothPass.length;
  const falsePositive = confusion.falseFailures.length;
  const falseNegative = confusion.misses.length;
  const coverage = ratio(truePositive, truePositive + falseNegative);
  const falseFailureRate = ratio(falsePositive, falsePositive + trueNegative);
  return {
    n: truePositive + trueNegative + falsePositive + falseNegative,
    coverage,
    falseFailureRate,
    alignment: alignmentScore(coverage, falseFailureRate),
    mcc: matthewsCorrelation(truePositive, trueNegative, falsePositive, falseNegative),
    kappa: cohensKappa(truePositive, trueNegative, falsePositive, falseNegative),
    confusion,
  };
}

const orNegative = (value: number | null) => value ?? -Infinity;

/** The best-aligned candidate: highest alignment, then MCC, then κ, then most items; null when none has an alignment. */
export function pickBestAligned<Candidate extends { alignment: AlignmentReport }>(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (candidate.alignment.alignment === null) continue;
    if (best === null) {
      best = candidate;
      continue;
    }
    const a = candidate.alignment;
    const b = best.alignment;
    const order = [orNegative(a.alignment) - orNegative(b.alignment), orNegative(a.mcc) - orNegative(b.mcc), orNegative(a.kappa) - orNegative(b.kappa), a.n - b.n];
    const first = order.find((difference) => difference !== 0 && !Number.isNaN(difference));
    if (first !== undefined && first > 0) best = candidate;
  }
  return best;
}
