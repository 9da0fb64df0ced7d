/** The value type of a score. */
export const scoreValueTypes = ['boolean', 'number', 'category'] as const;
export type ScoreValueType = (typeof scoreValueTypes)[number];

/** The value type of a score value. */
export function scoreValueType(value: boolean | number | string | null): ScoreValueType | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  return 'category';
}
