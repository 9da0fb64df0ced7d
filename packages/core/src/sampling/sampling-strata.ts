import type { SpanStatus } from '@genchi/spec';
import { percentileOfSorted } from '../stats/percentile.js';

/** What the sampler knows of one candidate span: enough to place it in strata, no bodies. */
export interface SampleCandidate {
  id: string;
  status: SpanStatus;
  outputTokens: number | null;
  /** The model that answered (resolved version, else the requested name). */
  model: string | null;
  promptVersion: string | null;
}

/**
 * Facts about candidates that come from other records than the span itself, gathered by the server
 * before the draw. The assertions issue adds `assertionFailures` (spans whose online assertions
 * failed) here and a stratum that reads it.
 */
export interface StratumSignals {
  /** Spans with negative feedback (a `feedback` score below zero). */
  negativeFeedback: ReadonlySet<string>;
  /** Spans an online check failed, from rules that feed the review (absent: none). */
  assertionFailures?: ReadonlySet<string>;
}

/** One stratum of the daily sample, as data: what it is called and which candidates belong to it. */
export interface StratumDefinition {
  id: string;
  label: string;
  description: string;
  /** Weight a new rule gives it. */
  defaultWeight: number;
  select(candidates: readonly SampleCandidate[], signals: StratumSignals): SampleCandidate[];
}

/** A value is rare when it appears on at most this share of the day's candidates. */
export const rareShare = 0.05;
/** The share of longest (or shortest) outputs counted as outliers. */
export const outlierShare = 0.05;

function outputLengths(candidates: readonly SampleCandidate[]): number[] {
  const lengths: number[] = [];
  for (const candidate of candidates) if (candidate.outputTokens !== null) lengths.push(candidate.outputTokens);
  return lengths.sort((a, b) => a - b);
}

/** Candidates whose output length lies in the top (or bottom) share, strictly beyond the median. */
function lengthOutliers(candidates: readonly SampleCandidate[], side: 'long' | 'short'): SampleCandidate[] {
  const lengths = outputLengths(candidates);
  if (lengths.length < 2) return [];
  const median = percentileOfSorted(lengths, 50) as number;
  const bound = percentileOfSorted(lengths, side === 'long' ? 100 * (1 - outlierShare) : 100 * outlierShare) as number;
  return candidates.filter(({ outputTokens }) => {
    if (outputTokens === null) return false;
    return side === 'long' ? outputTokens >= bound && outputTokens > median : outputTokens <= bound && outputTokens < median;
  });
}

/** Candidates whose value of a field is rare among the day's candidates (a field with one value has no rare ones). */
function rareValues(candidates: readonly SampleCandidate[], field: 'model' | 'promptVersion'): SampleCandidate[] {
  const counts = new Map<string, number>();
  for (const candidate of candidates) {
    const value = candidate[field];
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size < 2) return [];
  const limit = Math.max(1, Math.floor(candidates.length * rareShare));
  return candidates.filter((candidate) => {
    const value = candidate[field];
    return value !== null && (counts.get(value) ?? 0) <= limit;
  });
}

/** The strata of the daily sample; a new stratum adds an entry (and, if it needs one, a signal). */
export const samplingStrata: readonly StratumDefinition[] = [
  {
    id: 'errors',
    label: 'Errors',
    description: 'Calls that ended with an error.',
    defaultWeight: 10,
    select: (candidates) => candidates.filter((candidate) => candidate.status === 'error'),
  },
  {
    id: 'negative-feedback',
    label: 'Negative feedback',
    description: 'Calls a user rated down or reacted to badly (a feedback score below zero).',
    defaultWeight: 15,
    select: (candidates, signals) => candidates.filter((candidate) => signals.negativeFeedback.has(candidate.id)),
  },
  {
    id: 'rare-models',
    label: 'Rare models',
    description: `Calls answered by a model that served at most ${rareShare * 100}% of the day's calls.`,
    defaultWeight: 6,
    select: (candidates) => rareValues(candidates, 'model'),
  },
  {
    id: 'rare-prompt-versions',
    label: 'Rare prompt versions',
    description: `Calls made with a prompt version used by at most ${rareShare * 100}% of the day's calls.`,
    defaultWeight: 6,
    select: (candidates) => rareValues(candidates, 'promptVersion'),
  },
  {
    id: 'long-outputs',
    label: 'Long outputs',
    description: `The longest ${outlierShare * 100}% of outputs (in tokens).`,
    defaultWeight: 7,
    select: (candidates) => lengthOutliers(candidates, 'long'),
  },
  {
    id: 'short-outputs',
    label: 'Short outputs',
    description: `The shortest ${outlierShare * 100}% of outputs (in tokens).`,
    defaultWeight: 6,
    select: (candidates) => lengthOutliers(candidates, 'short'),
  },
  {
    id: 'assertion-failures',
    label: 'Assertion failures',
    description: 'Calls that an online check (assertion or judge) failed, from rules that feed the review.',
    defaultWeight: 10,
    select: (candidates, signals) => (signals.assertionFailures === undefined ? [] : candidates.filter((candidate) => signals.assertionFailures?.has(candidate.id))),
  },
  {
    id: 'random',
    label: 'Random',
    description: "Any of the day's calls, uniformly.",
    defaultWeight: 50,
    select: (candidates) => [...candidates],
  },
];

/** A stratum by id, or undefined. */
export function stratumById(id: string): StratumDefinition | undefined {
  return samplingStrata.find((stratum) => stratum.id === id);
}
