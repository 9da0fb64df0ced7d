import { compileAssertion } from '@genchi/core';
import { describe, expect, it } from 'vitest';
import { draftsFromItem, escapeRegex, jsonStructure, judgeRubric, patternFromSelection } from './check-draft.js';

const mode = { id: 'fm-late', name: 'Late shipping', definition: 'promises shipping later than today' };

describe('a regex from the selected output text', () => {
  it('escapes what means something in a pattern, so that it matches the text itself', () => {
    const text = 'costs $4.99 (+tax) [a|b] ^x* /y? {2} \\';
    const pattern = escapeRegex(text);
    expect(new RegExp(pattern).test(`it ${text} now`)).toBe(true);
    expect(new RegExp(pattern, 'u').test(text)).toBe(true);
    expect(new RegExp(escapeRegex('a.c')).test('abc')).toBe(false);
  });

  it('trims the selection and lets any whitespace stand for a line break the page showed', () => {
    expect(patternFromSelection('  ships\n  tomorrow ')).toBe('ships\\s+tomorrow');
    expect(new RegExp(patternFromSelection('ships tomorrow') ?? '').test('ships\ttomorrow')).toBe(true);
    expect(patternFromSelection('   \n')).toBeNull();
    expect(patternFromSelection('x'.repeat(2001))).toBeNull();
  });

  it('fails a failed item’s kind of output (must not match), passes a passed item’s (must match), and compiles', () => {
    const [failed] = draftsFromItem({ selection: 'tomorrow', verdict: 'fail', correctedOutput: null, modes: [mode] });
    expect(failed).toMatchObject({ id: 'regex-selection', name: 'Does not say "tomorrow"', assertion: { type: 'regex', parameters: { pattern: 'tomorrow', shouldMatch: false } }, failureModeId: 'fm-late' });
    const [passed] = draftsFromItem({ selection: 'today', verdict: 'pass', correctedOutput: null, modes: [] });
    expect(passed).toMatchObject({ name: 'Says "today"', assertion: { parameters: { shouldMatch: true } } });
    expect(passed?.failureModeId).toBeUndefined();
    for (const draft of [failed, passed]) expect(compileAssertion(draft?.assertion ?? { type: '', parameters: {} }).ok).toBe(true);
  });
});

describe('a JSON shape from the corrected output', () => {
  it('is offered only when the correction holds a JSON object or list', () => {
    expect(jsonStructure('{"items": [1]}')).toEqual({ items: [1] });
    expect(jsonStructure(' [ ] ')).toEqual([]);
    expect(jsonStructure('"text"')).toBeUndefined();
    expect(jsonStructure('{not json}')).toBeUndefined();
    expect(jsonStructure(null)).toBeUndefined();
    const drafts = draftsFromItem({ selection: '', verdict: 'fail', correctedOutput: '{"items": [{"sku": "A1", "qty": 2}]}', modes: [] });
    expect(drafts).toEqual([
      expect.objectContaining({ id: 'json-shape-correction', name: 'Output is an object shaped like the correction', assertion: { type: 'json-shape', parameters: { example: { items: [{ sku: 'A1', qty: 2 }] } } } }),
    ]);
    expect(compileAssertion(drafts[0]?.assertion ?? { type: '', parameters: {} }).ok).toBe(true);
    expect(draftsFromItem({ selection: '', verdict: 'fail', correctedOutput: 'Your order ships today.', modes: [] })).toEqual([]);
  });
});

describe('a judge rubric from the failure mode', () => {
  it('quotes the mode’s name and definition, one judge per mode, each for its mode', () => {
    expect(judgeRubric(mode)).toContain('"Late shipping": promises shipping later than today');
    expect(judgeRubric({ name: 'Vague', definition: ' ' })).toContain('no definition yet');
    const drafts = draftsFromItem({ selection: '', verdict: 'fail', correctedOutput: null, modes: [mode, { id: 'fm-vague', name: 'Vague', definition: 'no date' }] });
    expect(drafts.map((draft) => [draft.id, draft.failureModeId, draft.assertion.type])).toEqual([
      ['judge-fm-late', 'fm-late', 'llm-judge'],
      ['judge-fm-vague', 'fm-vague', 'llm-judge'],
    ]);
    expect(compileAssertion(drafts[0]?.assertion ?? { type: '', parameters: {} }).ok).toBe(true);
  });

  it('orders the drafts: selection, then correction, then judges', () => {
    const drafts = draftsFromItem({ selection: 'tomorrow', verdict: 'fail', correctedOutput: '[1]', modes: [mode] });
    expect(drafts.map((draft) => draft.id)).toEqual(['regex-selection', 'json-shape-correction', 'judge-fm-late']);
  });
});
