import type { AlignmentReport, ConfusionMatrix } from '@genchi/spec';

/** One figure of an alignment report as the UI shows it: its label, how it reads, and why it can be missing. */
export interface AlignmentFigure {
  key: 'alignment' | 'coverage' | 'falseFailureRate' | 'mcc' | 'kappa';
  label: string;
  /** What the figure means, for its tooltip. */
  explain: string;
  /** Why the figure is missing when it is null. */
  missing: string;
  /** Whether a higher value is better (the false failure rate is better low). */
  higherIsBetter: boolean;
  format(value: number): string;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;
const signed = (value: number) => value.toFixed(2);

/** The figures of an alignment report, in the order the UI shows them. */
export const alignmentFigures: readonly AlignmentFigure[] = [
  { key: 'alignment', label: 'alignment', explain: 'harmonic mean of coverage and 1 − false failure rate', missing: 'needs both human failures and human passes', higherIsBetter: true, format: percent },
  { key: 'coverage', label: 'coverage', explain: 'share of the items humans failed that the check fails', missing: 'no item was failed by a human', higherIsBetter: true, format: percent },
  { key: 'falseFailureRate', label: 'false failure rate', explain: 'share of the items humans passed that the check fails', missing: 'no item was passed by a human', higherIsBetter: false, format: percent },
  { key: 'mcc', label: 'MCC', explain: 'Matthews correlation coefficient, −1 to 1 (0: no better than chance)', missing: 'a row or column of the matrix is empty', higherIsBetter: true, format: signed },
  { key: 'kappa', label: 'Cohen’s κ', explain: 'agreement beyond chance, −1 to 1', missing: 'chance agreement is total', higherIsBetter: true, format: signed },
];

/** A cell of the confusion matrix: which items it holds, how it is named, and whether humans and check disagree there. */
export interface ConfusionCell {
  key: keyof ConfusionMatrix;
  label: string;
  human: 'fail' | 'pass' | null;
  check: 'fail' | 'pass' | null;
  disagreement: boolean;
}

/** The cells of the confusion matrix ("positive" is failed), the cell of items not evaluated last. */
export const confusionCells: readonly ConfusionCell[] = [
  { key: 'bothFail', label: 'both fail', human: 'fail', check: 'fail', disagreement: false },
  { key: 'misses', label: 'missed: humans fail, check passes', human: 'fail', check: 'pass', disagreement: true },
  { key: 'falseFailures', label: 'false failures: humans pass, check fails', human: 'pass', check: 'fail', disagreement: true },
  { key: 'bothPass', label: 'both pass', human: 'pass', check: 'pass', disagreement: false },
  { key: 'notEvaluated', label: 'not evaluated (error or no verdict)', human: null, check: null, disagreement: false },
];

/** How good a figure is, for its colour: good, fair or poor (none when missing). */
export function figureGrade(figure: AlignmentFigure, value: number | null): 'good' | 'fair' | 'poor' | 'none' {
  if (value === null) return 'none';
  const score = figure.higherIsBetter ? value : 1 - value;
  if (score >= 0.8) return 'good';
  return score >= 0.5 ? 'fair' : 'poor';
}

/** The items on which the check and the humans disagree (missed first). */
export function disagreements(report: AlignmentReport): string[] {
  return [...report.confusion.misses, ...report.confusion.falseFailures];
}

/** A one-line summary of an alignment report (for tables and titles). */
export function alignmentSummary(report: AlignmentReport): string {
  if (report.n === 0) return 'no graded item evaluated';
  const parts = alignmentFigures.slice(0, 3).map((figure) => {
    const value = report[figure.key];
    return `${figure.label} ${value === null ? '—' : figure.format(value)}`;
  });
  return `${parts.join(' · ')} over ${report.n} items`;
}
