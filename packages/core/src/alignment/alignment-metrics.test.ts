import { describe, expect, it } from 'vitest';
import { computeAlignment, pickBestAligned, type GradedPair } from './alignment-metrics.js';
import { humanLabel, versionAt } from './human-labels.js';

/** Items of a matrix by cell counts: tp = both fail, fn = missed, fp = false failure, tn = both pass. */
function pairs(cells: { tp?: number; fn?: number; fp?: number; tn?: number; none?: number }): GradedPair[] {
  const list: GradedPair[] = [];
  const add = (count: number | undefined, human: 'pass' | 'fail', check: 'pass' | 'fail' | null, prefix: string) => {
    for (let index = 0; index < (count ?? 0); index++) list.push({ itemId: `${prefix}${index}`, human, check });
  };
  add(cells.tp, 'fail', 'fail', 'tp');
  add(cells.fn, 'fail', 'pass', 'fn');
  add(cells.fp, 'pass', 'fail', 'fp');
  add(cells.tn, 'pass', 'pass', 'tn');
  add(cells.none, 'fail', null, 'none');
  return list;
}

describe('alignment metrics', () => {
  it('matches a hand-computed matrix (tp 3, fn 1, fp 2, tn 4)', () => {
    const report = computeAlignment(pairs({ tp: 3, fn: 1, fp: 2, tn: 4, none: 2 }));
    expect(report.n).toBe(10);
    expect(report.coverage).toBeCloseTo(0.75, 12);
    expect(report.falseFailureRate).toBeCloseTo(1 / 3, 12);
    // harmonic mean of 0.75 and 2/3 = 12/17
    expect(report.alignment).toBeCloseTo(12 / 17, 12);
    // (3·4 − 2·1) / √(5·4·6·5)
    expect(report.mcc).toBeCloseTo(10 / Math.sqrt(600), 12);
    // po = 0.7, pe = (4·5 + 6·5) / 100 = 0.5
    expect(report.kappa).toBeCloseTo(0.4, 12);
    expect(report.confusion).toEqual({
      bothFail: ['tp0', 'tp1', 'tp2'], misses: ['fn0'], falseFailures: ['fp0', 'fp1'], bothPass: ['tn0', 'tn1', 'tn2', 'tn3'], notEvaluated: ['none0', 'none1'],
    });
  });

  it('agrees perfectly', () => {
    expect(computeAlignment(pairs({ tp: 2, tn: 2 }))).toMatchObject({ coverage: 1, falseFailureRate: 0, alignment: 1, mcc: 1, kappa: 1 });
  });

  it('disagrees completely', () => {
    expect(computeAlignment(pairs({ fn: 2, fp: 2 }))).toMatchObject({ coverage: 0, falseFailureRate: 1, alignment: 0, mcc: -1, kappa: -1 });
  });

  it('is empty without graded items', () => {
    expect(computeAlignment([])).toEqual({
      n: 0, coverage: null, falseFailureRate: null, alignment: null, mcc: null, kappa: null,
      confusion: { bothFail: [], bothPass: [], falseFailures: [], misses: [], notEvaluated: [] },
    });
    expect(computeAlignment(pairs({ none: 3 }))).toMatchObject({ n: 0, alignment: null, confusion: { notEvaluated: ['none0', 'none1', 'none2'] } });
  });

  it('handles items of one human class only', () => {
    // every item failed by humans: coverage is defined, the false failure rate is not
    const failed = computeAlignment(pairs({ tp: 3, fn: 1 }));
    expect(failed).toMatchObject({ coverage: 0.75, falseFailureRate: null, alignment: null, mcc: null });
    // po = 0.75, pe = (4·3 + 0·1) / 16 = 0.75 → κ = 0
    expect(failed.kappa).toBeCloseTo(0, 12);
    const passed = computeAlignment(pairs({ tn: 5, fp: 1 }));
    expect(passed).toMatchObject({ coverage: null, alignment: null, mcc: null });
    expect(passed.falseFailureRate).toBeCloseTo(1 / 6, 12);
    // both raters put everything in one class: chance agreement is total
    expect(computeAlignment(pairs({ tn: 4 }))).toMatchObject({ falseFailureRate: 0, mcc: null, kappa: null });
  });

  it('picks the best-aligned candidate', () => {
    const good = { id: 'good', alignment: computeAlignment(pairs({ tp: 3, tn: 3, fp: 1 })) };
    const perfect = { id: 'perfect', alignment: computeAlignment(pairs({ tp: 2, tn: 2 })) };
    const unknown = { id: 'unknown', alignment: computeAlignment([]) };
    expect(pickBestAligned([good, unknown, perfect])?.id).toBe('perfect');
    expect(pickBestAligned([unknown])).toBeNull();
    const wider = { id: 'wider', alignment: computeAlignment(pairs({ tp: 4, tn: 4 })) };
    expect(pickBestAligned([perfect, wider])?.id).toBe('wider');
  });
});

describe('human labels', () => {
  it.each([
    [{ verdict: null, failureModes: [] }, null, null],
    [{ verdict: 'fail', failureModes: [] }, null, 'fail'],
    [{ verdict: 'pass', failureModes: [] }, null, 'pass'],
    [{ verdict: 'fail', failureModes: [{ id: 'm1' }] }, 'm1', 'fail'],
    [{ verdict: 'fail', failureModes: [{ id: 'm2' }] }, 'm1', 'pass'],
    [{ verdict: 'fail', failureModes: [] }, 'm1', null],
    [{ verdict: 'pass', failureModes: [] }, 'm1', 'pass'],
  ] as const)('labels %j for mode %s as %s', (item, mode, expected) => {
    expect(humanLabel(item, mode)).toBe(expected);
  });

  it('finds the version in force when an item was graded', () => {
    const versions = [
      { version: 1, createdAt: '2026-04-01T00:00:00.000Z' },
      { version: 2, createdAt: '2026-04-03T00:00:00.000Z' },
    ];
    expect(versionAt(versions, '2026-04-02T00:00:00.000Z')).toBe(1);
    expect(versionAt(versions, '2026-04-03T00:00:00.000Z')).toBe(2);
    expect(versionAt(versions, '2026-03-01T00:00:00.000Z')).toBe(1);
  });
});
