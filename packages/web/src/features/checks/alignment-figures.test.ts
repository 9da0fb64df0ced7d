import type { AlignmentReport } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { alignmentFigures, alignmentSummary, confusionCells, disagreements, figureGrade } from './alignment-figures.js';

const report = (partial: Partial<AlignmentReport>): AlignmentReport => ({
  n: 4,
  coverage: 0.5,
  falseFailureRate: 0.5,
  alignment: 0.5,
  mcc: 0,
  kappa: 0,
  confusion: { bothFail: ['a'], misses: ['b'], falseFailures: ['c'], bothPass: ['d'], notEvaluated: [] },
  ...partial,
});
const figure = (key: string) => alignmentFigures.find((entry) => entry.key === key) ?? alignmentFigures[0];

describe('alignment figures', () => {
  it('grades a low false failure rate as good and a high one as poor', () => {
    expect(figureGrade(figure('falseFailureRate')!, 0.05)).toBe('good');
    expect(figureGrade(figure('falseFailureRate')!, 0.7)).toBe('poor');
    expect(figureGrade(figure('coverage')!, 0.9)).toBe('good');
    expect(figureGrade(figure('coverage')!, 0.6)).toBe('fair');
    expect(figureGrade(figure('mcc')!, null)).toBe('none');
  });

  it('formats shares as percentages and correlations with two decimals', () => {
    expect(figure('coverage')!.format(0.666)).toBe('67%');
    expect(figure('kappa')!.format(-0.1234)).toBe('-0.12');
  });

  it('lists the disagreements, missed first, and covers every cell of the matrix once', () => {
    expect(disagreements(report({}))).toEqual(['b', 'c']);
    expect(confusionCells.map((cell) => cell.key).sort()).toEqual(['bothFail', 'bothPass', 'falseFailures', 'misses', 'notEvaluated']);
    expect(confusionCells.filter((cell) => cell.disagreement).map((cell) => cell.key)).toEqual(['misses', 'falseFailures']);
  });

  it('summarises in one line, saying when nothing was compared', () => {
    expect(alignmentSummary(report({ alignment: 1, coverage: 1, falseFailureRate: 0 }))).toBe('alignment 100% · coverage 100% · false failure rate 0% over 4 items');
    expect(alignmentSummary(report({ n: 0, coverage: null }))).toBe('no graded item evaluated');
  });
});
