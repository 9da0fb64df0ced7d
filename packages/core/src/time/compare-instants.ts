/**
 * Orders two ISO-8601 instants of the same form (`2026-11-23T08:00:00.000Z`) oldest first, by code units: the
 * order of such texts is their time order, and unlike `localeCompare` it loads no collation data.
 */
export function compareInstants(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
