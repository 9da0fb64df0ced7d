import { describe, expect, it } from 'vitest';
import { editDiff } from './edit-diff.js';

describe('editDiff', () => {
  it('lists the words kept, removed and added, and the share that changed', () => {
    const diff = editDiff('The parcel arrives on Monday.', 'The parcel arrives on Tuesday.', 'event');
    expect(diff.parts).toEqual([
      { op: 'equal', text: 'The parcel arrives on ' },
      { op: 'delete', text: 'Monday' },
      { op: 'insert', text: 'Tuesday' },
      { op: 'equal', text: '.' },
    ]);
    expect(diff).toMatchObject({ removedChars: 6, addedChars: 7, originalFrom: 'event' });
    expect(diff.changedShare).toBeCloseTo(7 / 30, 6);
  });

  it('is zero for an unchanged text and one for a total rewrite', () => {
    expect(editDiff('same text', 'same text', 'span-output')).toMatchObject({ changedShare: 0, parts: [{ op: 'equal', text: 'same text' }] });
    expect(editDiff('alpha', 'omega', 'event').changedShare).toBe(1);
    expect(editDiff('', '', 'event')).toMatchObject({ changedShare: 0, parts: [] });
  });

  it('gives up on the parts but still estimates the share when the diff would take too long', () => {
    const original = Array.from({ length: 3000 }, (_, index) => `line ${index} ${index * 7919 % 104729}`).join('\n');
    const final = Array.from({ length: 3000 }, (_, index) => `row ${index * 31 % 3001} changed`).join('\n');
    const diff = editDiff(original, final, 'event', { timeoutMs: 0, wordDiffMaxChars: 10 });
    expect(diff.parts).toBeNull();
    expect(diff.changedShare).toBeGreaterThan(0.5);
  });
});
