/** What a key does on the review screen. */
export type ReviewAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'verdict'; verdict: 'pass' | 'fail' }
  | { type: 'toggle-mode'; index: number }
  | { type: 'edit-correction' }
  | { type: 'edit-note' }
  | { type: 'undo' }
  | { type: 'add-mode' }
  | { type: 'make-check' }
  | { type: 'help' };

/** The review screen's keys, as data: the key, what it does, and how the help overlay names it. */
export const reviewKeys: ReadonlyArray<{ key: string; action: ReviewAction; label: string }> = [
  { key: 'j', action: { type: 'next' }, label: 'next item' },
  { key: 'k', action: { type: 'previous' }, label: 'previous item' },
  { key: 'p', action: { type: 'verdict', verdict: 'pass' }, label: 'pass' },
  { key: 'f', action: { type: 'verdict', verdict: 'fail' }, label: 'fail' },
  ...Array.from({ length: 9 }, (_, index) => ({ key: String(index + 1), action: { type: 'toggle-mode' as const, index }, label: `toggle failure mode ${index + 1}` })),
  { key: 'e', action: { type: 'edit-correction' }, label: 'edit the corrected output' },
  { key: 'n', action: { type: 'edit-note' }, label: 'write a note' },
  { key: 'u', action: { type: 'undo' }, label: 'undo the last action' },
  { key: 'a', action: { type: 'add-mode' }, label: 'add a failure mode' },
  { key: 'c', action: { type: 'make-check' }, label: 'make a check from this item (select output text first for a regex)' },
  { key: '?', action: { type: 'help' }, label: 'show these keys' },
];

/** The parts of a keyboard event the keymap reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while the focus is in a text field (typing must not trigger actions). */
  inTextField: boolean;
}

/** The action of a key press, or null when it is not a review key (or the person is typing, or holds a modifier). */
export function actionOfKey(press: KeyPress): ReviewAction | null {
  if (press.inTextField || press.ctrlKey || press.metaKey || press.altKey) return null;
  return reviewKeys.find((entry) => entry.key === press.key)?.action ?? null;
}
