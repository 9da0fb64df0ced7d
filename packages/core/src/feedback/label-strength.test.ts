import { labelRules } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { labelNameOf, labelStrengthOf, ratingShare } from './label-strength.js';

describe('label strength', () => {
  it('maps explicit feedback', () => {
    expect(labelStrengthOf({ kind: 'thumbs', thumbs: 'up' })).toBe(2);
    expect(labelStrengthOf({ kind: 'thumbs', thumbs: 'down' })).toBe(-2);
    expect([1, 2, 3, 4, 5].map((rating) => labelStrengthOf({ kind: 'rating', rating }))).toEqual([-2, -1, 0, 1, 2]);
    expect([1, 3, 5, 6, 8, 10].map((rating) => labelStrengthOf({ kind: 'rating', rating, scale: 10 }))).toEqual([-2, -1, 0, 0, 1, 2]);
    expect([1, 2].map((rating) => labelStrengthOf({ kind: 'rating', rating, scale: 2 }))).toEqual([-2, 2]);
    expect(labelStrengthOf({ kind: 'comment' })).toBe(0);
  });

  it('maps implicit feedback, an edit by how much it changed', () => {
    expect(labelStrengthOf({ kind: 'accepted' })).toBe(1);
    expect(labelStrengthOf({ kind: 'copied' })).toBe(1);
    expect(labelStrengthOf({ kind: 'ignored' })).toBe(-1);
    expect(labelStrengthOf({ kind: 'regenerated' })).toBe(-1);
    expect(labelStrengthOf({ kind: 'edited', changedShare: 0 })).toBe(1);
    expect(labelStrengthOf({ kind: 'edited', changedShare: 0.1 })).toBe(1);
    expect(labelStrengthOf({ kind: 'edited', changedShare: 0.3 })).toBe(-1);
    expect(labelStrengthOf({ kind: 'edited', changedShare: 0.9 })).toBe(-2);
    expect(labelStrengthOf({ kind: 'edited', changedShare: null })).toBe(0);
  });

  it('gives every kind a rule, and names each strength', () => {
    const kinds = new Set(labelRules.map((rule) => rule.kind));
    expect([...kinds].sort()).toEqual(['accepted', 'comment', 'copied', 'edited', 'ignored', 'rating', 'regenerated', 'thumbs']);
    expect([-2, -1, 0, 1, 2].map((value) => labelNameOf(value as -2))).toEqual(['strong-negative', 'weak-negative', 'neutral', 'weak-positive', 'strong-positive']);
    expect(ratingShare(3, 5)).toBe(0.5);
  });
});
