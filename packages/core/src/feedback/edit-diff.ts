// The two diffs it needs, not the package's index (patches, JSON and CSS diffs), which every server would load.
import { diffLines } from 'diff/lib/diff/line.js';
import { diffWordsWithSpace } from 'diff/lib/diff/word.js';
import type { ChangeObject } from 'diff/lib/types.js';
import type { EditDiff, EditPart } from '@genchi/spec';

/** Limits that keep a diff cheap: it runs on the store's single writer, so it must never stall it. */
export interface EditDiffLimits {
  /** Milliseconds each diff pass may take before it gives up. */
  timeoutMs: number;
  /** Above this many characters (both texts together) words are not compared, only lines. */
  wordDiffMaxChars: number;
}

const defaultLimits: EditDiffLimits = { timeoutMs: 50, wordDiffMaxChars: 40_000 };

function toParts(changes: readonly ChangeObject<string>[]): EditPart[] {
  const parts: EditPart[] = [];
  for (const change of changes) {
    const op: EditPart['op'] = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += change.value;
    else parts.push({ op, text: change.value });
  }
  return parts;
}

function diffWithin(original: string, final: string, limits: EditDiffLimits): ChangeObject<string>[] | undefined {
  if (original.length + final.length <= limits.wordDiffMaxChars) {
    const words = diffWordsWithSpace(original, final, { timeout: limits.timeoutMs });
    if (words !== undefined) return words;
  }
  return diffLines(original, final, { timeout: limits.timeoutMs });
}

/**
 * What an edit changed between the text a user saw and the text they kept: the parts (word by word,
 * or line by line for long texts) and the share of the text that changed. When no diff finishes in
 * time, the share is estimated from the lengths and common prefix/suffix, and `parts` is null.
 */
export function editDiff(original: string, final: string, originalFrom: EditDiff['originalFrom'], limits: EditDiffLimits = defaultLimits): EditDiff {
  const longer = Math.max(original.length, final.length, 1);
  const changes = original === final ? [{ value: original, added: false, removed: false, count: 1 }] : diffWithin(original, final, limits);
  if (changes === undefined) {
    let prefix = 0;
    while (prefix < original.length && prefix < final.length && original[prefix] === final[prefix]) prefix++;
    let suffix = 0;
    while (suffix < original.length - prefix && suffix < final.length - prefix && original[original.length - 1 - suffix] === final[final.length - 1 - suffix]) suffix++;
    const removedChars = original.length - prefix - suffix;
    const addedChars = final.length - prefix - suffix;
    return { changedShare: Math.max(removedChars, addedChars) / longer, addedChars, removedChars, originalFrom, parts: null };
  }
  let addedChars = 0;
  let removedChars = 0;
  for (const change of changes) {
    if (change.added) addedChars += change.value.length;
    else if (change.removed) removedChars += change.value.length;
  }
  const parts = original === '' && final === '' ? [] : toParts(changes);
  return { changedShare: Math.max(addedChars, removedChars) / longer, addedChars, removedChars, originalFrom, parts };
}
