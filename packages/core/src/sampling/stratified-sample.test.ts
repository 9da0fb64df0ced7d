import { describe, expect, it } from 'vitest';
import type { SampleCandidate } from './sampling-strata.js';
import { samplingStrata } from './sampling-strata.js';
import { allocateQuotas, drawStratifiedSample } from './stratified-sample.js';

function candidates(count: number): SampleCandidate[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `s${index}`,
    status: index % 25 === 0 ? 'error' : 'ok',
    outputTokens: 100 + (index % 10),
    model: index === 7 ? 'gpt-4o-2024-08-06' : 'gpt-4o-mini-2024-07-18',
    promptVersion: index % 50 === 3 ? 'v2' : 'v1',
  }));
}

const none = { negativeFeedback: new Set<string>() };
const select = (id: string, list: SampleCandidate[], signals = none) =>
  (samplingStrata.find((stratum) => stratum.id === id)?.select(list, signals) ?? []).map((candidate) => candidate.id);

describe('strata', () => {
  const list = candidates(200);

  it('finds errors, negative feedback, rare models and rare prompt versions', () => {
    expect(select('errors', list)).toEqual(['s0', 's25', 's50', 's75', 's100', 's125', 's150', 's175']);
    expect(select('negative-feedback', list, { negativeFeedback: new Set(['s3', 's999']) })).toEqual(['s3']);
    expect(select('rare-models', list)).toEqual(['s7']);
    expect(select('rare-prompt-versions', list)).toEqual(['s3', 's53', 's103', 's153']);
    expect(select('rare-models', list.slice(0, 5).map((candidate) => ({ ...candidate, model: 'only' })))).toEqual([]);
  });

  it('finds the longest and shortest outputs, beyond the median', () => {
    const lengths: SampleCandidate[] = Array.from({ length: 100 }, (_, index) => ({ id: `l${index}`, status: 'ok', outputTokens: index, model: null, promptVersion: null }));
    expect(select('long-outputs', lengths)).toEqual(['l95', 'l96', 'l97', 'l98', 'l99']);
    expect(select('short-outputs', lengths)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
    const same = lengths.map((candidate) => ({ ...candidate, outputTokens: 10 }));
    expect(select('long-outputs', same)).toEqual([]);
  });
});

describe('stratified draw', () => {
  const strata = [
    { stratum: 'random', weight: 50 },
    { stratum: 'errors', weight: 30 },
    { stratum: 'rare-models', weight: 20 },
  ];
  const base = { candidates: candidates(200), signals: none, strata, size: 10, seed: 7, salt: 'qa:2026-03-01' };

  it('splits the size among strata by weight, by largest remainder', () => {
    expect(allocateQuotas(10, [50, 30, 20])).toEqual([5, 3, 2]);
    expect(allocateQuotas(3, [1, 1, 1, 1])).toEqual([1, 1, 1, 0]);
    expect(allocateQuotas(5, [0, 0])).toEqual([0, 0]);
  });

  it('fills each stratum, hands a small stratum’s share on, and draws a span once', () => {
    const drawn = drawStratifiedSample(base);
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn.map((span) => span.spanId)).size).toBe(10);
    const count = (stratum: string) => drawn.filter((span) => span.stratum === stratum).length;
    // quotas 3 errors, 2 rare models, 5 random; one rare model exists, so its second place goes
    // round the strata in registry order (errors first)
    expect(count('rare-models')).toBe(1);
    expect(count('errors')).toBe(4);
    expect(count('random')).toBe(5);
    for (const span of drawn.filter((entry) => entry.stratum === 'errors')) expect(Number(span.spanId.slice(1)) % 25).toBe(0);
  });

  it('is deterministic for a seed and day, whatever the candidates’ order', () => {
    const first = drawStratifiedSample(base);
    expect(drawStratifiedSample({ ...base, candidates: [...base.candidates].reverse() })).toEqual(first);
    expect(drawStratifiedSample({ ...base, salt: 'qa:2026-03-02' })).not.toEqual(first);
    expect(drawStratifiedSample({ ...base, seed: 8 })).not.toEqual(first);
  });

  it('draws what there is when the day has fewer candidates than the size', () => {
    expect(drawStratifiedSample({ ...base, candidates: candidates(4) })).toHaveLength(4);
    expect(drawStratifiedSample({ ...base, candidates: [] })).toEqual([]);
    expect(drawStratifiedSample({ ...base, strata: [{ stratum: 'errors', weight: 1 }] })).toHaveLength(8);
  });
});
