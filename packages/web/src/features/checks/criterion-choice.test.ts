import type { Criterion } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { criterionOptions, labelSource, optionForMode } from './criterion-choice.js';

const criterion = (id: string, failureModeId: string | null, archived = false): Criterion => ({
  id, task: 't', name: `criterion ${id}`, definition: '', version: 2, failureModeId, archived, createdAt: '', updatedAt: '',
});
const modes = [
  { id: 'fm-1', name: 'Late shipping', archived: false },
  { id: 'fm-2', name: 'Too vague', archived: false },
  { id: 'fm-3', name: 'Old mode', archived: true },
];

describe('the criterion picker', () => {
  it('offers the criteria, each failure mode not yet a criterion, a new one, and none', () => {
    const options = criterionOptions([criterion('c-1', 'fm-1'), criterion('c-2', null, true)], modes);
    expect(options.map((option) => option.value)).toEqual(['criterion:c-1', 'mode:fm-2', 'new', 'none']);
    expect(options[0]?.label).toBe('criterion c-1 (v2, from a failure mode)');
    expect(options[1]).toMatchObject({ label: 'new criterion from the failure mode "Too vague"', choice: { kind: 'from-failure-mode', failureModeId: 'fm-2' } });
  });

  it('picks the criterion made from a draft’s failure mode, or making it, or none', () => {
    const criteria = [criterion('c-1', 'fm-1')];
    const options = criterionOptions(criteria, modes);
    expect(optionForMode(options, criteria, 'fm-1')).toBe('criterion:c-1');
    expect(optionForMode(options, criteria, 'fm-2')).toBe('mode:fm-2');
    expect(optionForMode(options, criteria, 'fm-3')).toBe('none');
    expect(optionForMode(options, criteria, undefined)).toBe('none');
  });

  it('says where the preview’s human grades come from', () => {
    const criteria = [criterion('c-1', 'fm-1'), criterion('c-2', null)];
    expect(labelSource({ kind: 'existing', criterionId: 'c-1' }, criteria, modes)).toBe('an item fails when a reviewer tagged it "Late shipping"');
    expect(labelSource({ kind: 'from-failure-mode', failureModeId: 'fm-2' }, criteria, modes)).toBe('an item fails when a reviewer tagged it "Too vague"');
    expect(labelSource({ kind: 'existing', criterionId: 'c-2' }, criteria, modes)).toBe('an item fails when a reviewer failed it');
    expect(labelSource({ kind: 'none' }, criteria, modes)).toBe('an item fails when a reviewer failed it');
  });
});
