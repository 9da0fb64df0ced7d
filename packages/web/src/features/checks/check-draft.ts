import type { AssertionSpec } from '@genchi/spec';

/** A check proposed from what the reviewer looked at: a name, an assertion, and the failure mode it stands for. */
export interface CheckDraft {
  /** Which kind of proposal this is (stable, for keys and tests). */
  id: string;
  /** What the proposal is, in a few words, for its button. */
  label: string;
  name: string;
  assertion: AssertionSpec;
  failureModeId?: string;
}

/** What an item offers to a new check: the text selected in its output, its verdict, its correction, and its failure modes. */
export interface ItemEvidence {
  selection: string;
  verdict: 'pass' | 'fail' | null;
  correctedOutput: string | null;
  /** The item's failure modes with their current definitions. */
  modes: ReadonlyArray<{ id: string; name: string; definition: string }>;
}

/** Longest pattern the regex assertion accepts. */
const patternLimit = 2000;

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

/** The text with every character that means something in a regular expression escaped. */
export function escapeRegex(text: string): string {
  // Only syntax characters and `/`: an escaped `-` is refused under the `u` flag.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A pattern that matches the selected text: trimmed, special characters escaped, and each run of
 * whitespace as `\s+` (a selection across lines copies the line breaks the page shows); null when
 * nothing usable is selected.
 */
export function patternFromSelection(selection: string): string | null {
  const words = selection.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return null;
  const pattern = words.map(escapeRegex).join('\\s+');
  return pattern.length > patternLimit ? null : pattern;
}

/** The JSON object or list a text holds, or undefined when it holds something else. */
export function jsonStructure(text: string | null): unknown {
  if (text === null) return undefined;
  const trimmed = text.trim();
  if (!((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']')))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** A judge's rubric from a failure mode: the output fails when it shows the failure its definition describes. */
export function judgeRubric(mode: { name: string; definition: string }): string {
  const definition = mode.definition.trim() === '' ? `(no definition yet: describe when an output shows "${mode.name}")` : mode.definition.trim();
  return [
    `Fail the output if it shows the failure "${mode.name}": ${definition}`,
    'Pass it if it does not. Judge only this failure, not other qualities of the output.',
  ].join('\n');
}

/**
 * What a reviewer can turn an item into, best first: a regex from the selected output text (the
 * output must not match it when the item failed), a JSON shape from a JSON correction, and a judge
 * from each failure mode's definition.
 */
export function draftsFromItem(evidence: ItemEvidence): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  const pattern = patternFromSelection(evidence.selection);
  const firstMode = evidence.modes[0];
  if (pattern !== null) {
    const mustNotMatch = evidence.verdict === 'fail';
    const quoted = clip(evidence.selection.trim().replace(/\s+/g, ' '), 60);
    drafts.push({
      id: 'regex-selection',
      label: `regex from the selected text`,
      name: clip(mustNotMatch ? `Does not say "${quoted}"` : `Says "${quoted}"`, 120),
      assertion: { type: 'regex', parameters: { pattern, flags: 'i', shouldMatch: !mustNotMatch } },
      ...(mustNotMatch && firstMode ? { failureModeId: firstMode.id } : {}),
    });
  }
  const structure = jsonStructure(evidence.correctedOutput);
  if (structure !== undefined) {
    drafts.push({
      id: 'json-shape-correction',
      label: 'JSON shape of the corrected output',
      name: Array.isArray(structure) ? 'Output is a list shaped like the correction' : 'Output is an object shaped like the correction',
      assertion: { type: 'json-shape', parameters: { example: structure } },
      ...(firstMode ? { failureModeId: firstMode.id } : {}),
    });
  }
  for (const mode of evidence.modes) {
    drafts.push({
      id: `judge-${mode.id}`,
      label: `judge of "${clip(mode.name, 40)}"`,
      name: clip(`Judge: ${mode.name}`, 120),
      assertion: { type: 'llm-judge', parameters: { rubric: judgeRubric(mode) } },
      failureModeId: mode.id,
    });
  }
  return drafts;
}
