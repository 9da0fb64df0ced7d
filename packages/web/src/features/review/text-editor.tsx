import { useEffect, useRef, useState } from 'react';

/**
 * A text field that saves as the person types (after a short pause) and when they leave it with
 * Escape, Ctrl+Enter or a click elsewhere: there is no save button.
 */
export function AutosaveText(props: { value: string; label: string; rows: number; onSave(text: string): void; onDone(): void; testId: string }) {
  const { value, label, rows, onSave, onDone, testId } = props;
  const [draft, setDraft] = useState(value);
  const saved = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text !== saved.current) {
      saved.current = text;
      onSave(text);
    }
  };
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  return (
    <textarea
      autoFocus
      data-testid={testId}
      aria-label={label}
      rows={rows}
      value={draft}
      onChange={(event) => {
        const text = event.target.value;
        setDraft(text);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => flush(text), 700);
      }}
      onBlur={() => {
        flush(draft);
        onDone();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
          event.preventDefault();
          flush(draft);
          event.currentTarget.blur();
        }
      }}
    />
  );
}
