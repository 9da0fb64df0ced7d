import type { ReviewItem, ReviewItemChange } from '@genchi/spec';

/**
 * The change of toggling a failure mode on an item: the whole new set of modes, and a fail verdict
 * when a mode is added to an item not yet failed (a failure mode means the output failed).
 */
export function toggleModeChange(item: Pick<ReviewItem, 'failureModes' | 'verdict'>, modeId: string): ReviewItemChange {
  const current = item.failureModes.map((mode) => mode.id);
  const adding = !current.includes(modeId);
  const failureModes = adding ? [...current, modeId] : current.filter((id) => id !== modeId);
  return adding && item.verdict !== 'fail' ? { failureModes, verdict: 'fail' } : { failureModes };
}

/** The change of a verdict key: pass clears failure modes (a passing output has none), fail keeps them. */
export function verdictChange(item: Pick<ReviewItem, 'failureModes'>, verdict: 'pass' | 'fail'): ReviewItemChange {
  return verdict === 'pass' && item.failureModes.length > 0 ? { verdict, failureModes: [] } : { verdict };
}

/** The index of the first item not yet reviewed at or after `from` (wrapping around), or `from` when all are reviewed. */
export function nextWaiting(items: ReadonlyArray<Pick<ReviewItem, 'verdict'>>, from: number): number {
  for (let step = 0; step < items.length; step++) {
    const index = (from + step) % items.length;
    if (items[index]?.verdict === null) return index;
  }
  return from;
}
