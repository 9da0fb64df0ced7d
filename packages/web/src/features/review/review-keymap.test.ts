import { describe, expect, it } from 'vitest';
import { actionOfKey, reviewKeys } from './review-keymap.js';

const press = (key: string, more: Partial<Parameters<typeof actionOfKey>[0]> = {}) => actionOfKey({ key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, ...more });

describe('review keys', () => {
  it('maps the issue’s keys to actions', () => {
    expect(press('j')).toEqual({ type: 'next' });
    expect(press('k')).toEqual({ type: 'previous' });
    expect(press('p')).toEqual({ type: 'verdict', verdict: 'pass' });
    expect(press('f')).toEqual({ type: 'verdict', verdict: 'fail' });
    expect(press('1')).toEqual({ type: 'toggle-mode', index: 0 });
    expect(press('9')).toEqual({ type: 'toggle-mode', index: 8 });
    expect(press('e')).toEqual({ type: 'edit-correction' });
    expect(press('n')).toEqual({ type: 'edit-note' });
    expect(press('u')).toEqual({ type: 'undo' });
    expect(press('c')).toEqual({ type: 'make-check' });
  });

  it('ignores keys while typing, with modifiers, and keys it does not know', () => {
    expect(press('p', { inTextField: true })).toBeNull();
    expect(press('u', { ctrlKey: true })).toBeNull();
    expect(press('c', { ctrlKey: true })).toBeNull();
    expect(press('0')).toBeNull();
    expect(press('J')).toBeNull();
  });

  it('gives every key once', () => {
    expect(new Set(reviewKeys.map((entry) => entry.key)).size).toBe(reviewKeys.length);
  });
});
