import { useMemo } from 'react';
import { wordDiff } from './word-diff.js';

/** The corrected output against the original, word by word: removed words struck through, added ones marked. */
export function DiffView({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <pre className="diff" data-testid="correction-diff">
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : (
          <del key={index}>{part.text}</del>
        ),
      )}
    </pre>
  );
}
