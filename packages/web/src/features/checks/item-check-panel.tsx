import type { FailureMode, ReviewItem } from '@genchi/spec';
import { useState } from 'react';
import { draftsFromItem } from './check-draft.js';
import { MakeCheckPanel } from './make-check-panel.js';

/**
 * "Make a check" from the item under review: drafts from the text selected in its output, its JSON
 * correction and its failure modes' definitions; items it lists open in a new tab (the draft stays).
 */
export function ItemCheckPanel(props: { task: string; item: ReviewItem; position: number; modes: FailureMode[]; selection: string; onClose(): void }) {
  const { task, item, position, modes, selection, onClose } = props;
  // The drafts are taken once, when the form opens: reviewing goes on only after it closes.
  const [drafts] = useState(() =>
    draftsFromItem({
      selection,
      verdict: item.verdict,
      correctedOutput: item.correctedOutput,
      modes: item.failureModes.map((tag) => modes.find((mode) => mode.id === tag.id) ?? { id: tag.id, name: tag.name, definition: '' }),
    }),
  );
  const verdict = item.verdict ?? 'not graded yet';
  const tagged = item.failureModes.map((mode) => mode.name).join(', ');
  const source = (
    <>
      from item {position + 1} ({verdict}{tagged ? ` · ${tagged}` : ''}) · span {item.spanId}
      {selection.trim() === '' ? <> · tip: select text in the output before pressing <kbd>c</kbd> to start from a regex</> : null}
    </>
  );
  return <MakeCheckPanel task={task} drafts={drafts} source={source} newTab onClose={onClose} />;
}
