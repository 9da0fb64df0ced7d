import type { Criterion, FailureMode } from '@genchi/spec';

/** Which criterion a new check implements: none, an existing one, one made from a failure mode, or a new one. */
export type CriterionChoice =
  | { kind: 'none' }
  | { kind: 'existing'; criterionId: string }
  | { kind: 'from-failure-mode'; failureModeId: string }
  | { kind: 'new'; name: string; definition: string };

/** One option of the criterion picker: its value in the select, its label, and the choice it stands for. */
export interface CriterionOption {
  value: string;
  label: string;
  choice: CriterionChoice;
}

/**
 * The options of the criterion picker: the task's criteria, then each failure mode that no criterion
 * was made from yet (made into one in one step), then a new criterion, then none (graded by verdict).
 */
export function criterionOptions(criteria: readonly Criterion[], modes: readonly Pick<FailureMode, 'id' | 'name' | 'archived'>[]): CriterionOption[] {
  const live = criteria.filter((criterion) => !criterion.archived);
  const madeFrom = new Set(live.map((criterion) => criterion.failureModeId).filter((id) => id !== null));
  return [
    ...live.map((criterion) => ({
      value: `criterion:${criterion.id}`,
      label: `${criterion.name} (v${criterion.version}${criterion.failureModeId ? ', from a failure mode' : ''})`,
      choice: { kind: 'existing', criterionId: criterion.id } as const,
    })),
    ...modes
      .filter((mode) => !mode.archived && !madeFrom.has(mode.id))
      .map((mode) => ({ value: `mode:${mode.id}`, label: `new criterion from the failure mode "${mode.name}"`, choice: { kind: 'from-failure-mode', failureModeId: mode.id } as const })),
    { value: 'new', label: 'a new criterion…', choice: { kind: 'new', name: '', definition: '' } },
    { value: 'none', label: 'no criterion (graded by the items’ pass/fail)', choice: { kind: 'none' } },
  ];
}

/** The option that stands for a failure mode: the criterion made from it, or making one; none without a mode. */
export function optionForMode(options: readonly CriterionOption[], criteria: readonly Criterion[], failureModeId: string | undefined): string {
  if (failureModeId === undefined) return 'none';
  const existing = criteria.find((criterion) => !criterion.archived && criterion.failureModeId === failureModeId);
  const value = existing ? `criterion:${existing.id}` : `mode:${failureModeId}`;
  return options.some((option) => option.value === value) ? value : 'none';
}

/** What the preview's grades are, in words, for a choice. */
export function labelSource(choice: CriterionChoice, criteria: readonly Criterion[], modes: readonly Pick<FailureMode, 'id' | 'name'>[]): string {
  const modeName = (id: string | null) => modes.find((mode) => mode.id === id)?.name ?? 'its failure mode';
  if (choice.kind === 'from-failure-mode') return `an item fails when a reviewer tagged it "${modeName(choice.failureModeId)}"`;
  if (choice.kind === 'existing') {
    const criterion = criteria.find((entry) => entry.id === choice.criterionId);
    if (criterion?.failureModeId) return `an item fails when a reviewer tagged it "${modeName(criterion.failureModeId)}"`;
  }
  return 'an item fails when a reviewer failed it';
}
