import type { StratumWeight } from '@genchi/spec';
import { hash53 } from '../hashing/text-hash.js';
import { samplingStrata, type SampleCandidate, type StratumSignals } from './sampling-strata.js';

/** One span drawn, with the stratum it was drawn for. */
export interface DrawnSpan {
  spanId: string;
  stratum: string;
}

/** What a draw needs: the day's candidates, the rule's strata and the seed that makes it repeatable. */
export interface StratifiedDraw {
  candidates: readonly SampleCandidate[];
  signals: StratumSignals;
  strata: readonly StratumWeight[];
  size: number;
  seed: number;
  /** Mixed into the ranking so that each day (and task) draws differently. */
  salt: string;
}

/** Splits `size` among weights in proportion, by largest remainder (ties to the earlier entry). */
export function allocateQuotas(size: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
  if (total === 0 || size <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (Math.max(0, weight) / total) * size);
  const quotas = exact.map(Math.floor);
  let left = size - quotas.reduce((sum, quota) => sum + quota, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    quotas[index] = (quotas[index] ?? 0) + 1;
    left--;
  }
  return quotas;
}

/**
 * Draws a stratified sample: each stratum of the rule gets a share of `size` by weight, filled with
 * its members in a seeded hash order; a span is drawn once (for the first stratum that takes it,
 * in registry order); strata too small to fill their share hand the rest to the others, round by
 * round. The same candidates, seed and salt always draw the same spans, whatever their order.
 */
export function drawStratifiedSample(draw: StratifiedDraw): DrawnSpan[] {
  const wanted = new Map(draw.strata.filter((entry) => entry.weight > 0).map((entry) => [entry.stratum, entry.weight]));
  const strata = samplingStrata.filter((stratum) => wanted.has(stratum.id));
  const rank = (id: string) => hash53(`${draw.seed}:${draw.salt}:${id}`);
  const members = strata.map((stratum) =>
    stratum
      .select(draw.candidates, draw.signals)
      .map((candidate) => ({ id: candidate.id, rank: rank(candidate.id) }))
      .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const quotas = allocateQuotas(draw.size, strata.map((stratum) => wanted.get(stratum.id) ?? 0));
  const taken = new Set<string>();
  const drawn: DrawnSpan[] = [];
  const cursors = strata.map(() => 0);
  const takeNext = (index: number): boolean => {
    const list = members[index] ?? [];
    while ((cursors[index] ?? 0) < list.length) {
      const member = list[cursors[index] ?? 0] as { id: string };
      cursors[index] = (cursors[index] ?? 0) + 1;
      if (taken.has(member.id)) continue;
      taken.add(member.id);
      drawn.push({ spanId: member.id, stratum: (strata[index] as { id: string }).id });
      return true;
    }
    return false;
  };
  strata.forEach((_, index) => {
    for (let count = 0; count < (quotas[index] ?? 0) && drawn.length < draw.size; count++) if (!takeNext(index)) break;
  });
  let progressed = true;
  while (drawn.length < draw.size && progressed) {
    progressed = false;
    for (let index = 0; index < strata.length && drawn.length < draw.size; index++) if (takeNext(index)) progressed = true;
  }
  return drawn;
}
