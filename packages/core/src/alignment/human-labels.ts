/** What a reviewer decided about an item, as far as labels go. */
export interface GradedItem {
  verdict: 'pass' | 'fail' | null;
  failureModes: ReadonlyArray<{ id: string }>;
}

/**
 * The human label of an item for a criterion. A criterion made from a failure mode fails the items
 * tagged with that mode and passes the other reviewed items that carry a verdict (a failed item
 * with no tag at all says nothing about it: null). Otherwise the label is the item's verdict.
 */
export function humanLabel(item: GradedItem, failureModeId: string | null): 'pass' | 'fail' | null {
  if (item.verdict === null) return null;
  if (failureModeId === null) return item.verdict;
  if (item.failureModes.some((mode) => mode.id === failureModeId)) return 'fail';
  if (item.verdict === 'fail' && item.failureModes.length === 0) return null;
  return 'pass';
}

/** The version of a definition in force at an instant: the latest created at or before it (the first when none was). */
export function versionAt(versions: ReadonlyArray<{ version: number; createdAt: string }>, instant: string): number {
  const time = Date.parse(instant);
  let found = versions[0]?.version ?? 1;
  for (const entry of versions) if (Date.parse(entry.createdAt) <= time && entry.version > found) found = entry.version;
  return found;
}
