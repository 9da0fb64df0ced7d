/** One run of a diff: text both sides share, or text only the corrected side (added) or only the original (removed) has. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Splits text into words and the whitespace between them, so that a diff keeps the original spacing. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Cells the LCS table may have before the diff falls back to comparing lines (keeps long outputs fast). */
const maxCells = 4_000_000;

function lcsDiff(before: readonly string[], after: readonly string[]): DiffPart[] {
  const rows = before.length;
  const columns = after.length;
  // lengths[i][j] = LCS length of before[i..] and after[j..], in one flat array.
  const lengths = new Uint32Array((rows + 1) * (columns + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      const at = i * (columns + 1) + j;
      lengths[at] = before[i] === after[j] ? (lengths[at + columns + 2] ?? 0) + 1 : Math.max(lengths[at + columns + 1] ?? 0, lengths[at + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    if (before[i] === after[j]) {
      push('same', before[i] as string);
      i++;
      j++;
    } else if ((lengths[(i + 1) * (columns + 1) + j] ?? 0) >= (lengths[i * (columns + 1) + j + 1] ?? 0)) {
      push('removed', before[i] as string);
      i++;
    } else {
      push('added', after[j] as string);
      j++;
    }
  }
  while (i < rows) push('removed', before[i++] as string);
  while (j < columns) push('added', after[j++] as string);
  return parts;
}

/**
 * A word-level diff from `before` to `after` (longest common subsequence of words and spaces).
 * Very long texts are compared line by line instead, so the page stays responsive.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const words = [tokenize(before), tokenize(after)] as const;
  if (words[0].length * words[1].length <= maxCells) return lcsDiff(words[0], words[1]);
  const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+/g) ?? [];
  return lcsDiff(lines(before), lines(after));
}
