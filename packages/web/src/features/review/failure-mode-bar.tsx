import type { FailureMode, ReviewItem } from '@genchi/spec';
import { useState, type FormEvent } from 'react';

/** The task's failure modes as numbered toggles (keys 1–9), with a form to add one while reviewing (key a). */
export function FailureModeBar(props: {
  modes: FailureMode[];
  item: ReviewItem;
  adding: boolean;
  onToggle(mode: FailureMode): void;
  onAdd(name: string, definition: string): void;
  onCancelAdd(): void;
  onStartAdd(): void;
}) {
  const { modes, item, adding, onToggle, onAdd, onCancelAdd, onStartAdd } = props;
  const [name, setName] = useState('');
  const [definition, setDefinition] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    onAdd(name.trim(), definition.trim());
    setName('');
    setDefinition('');
  };
  return (
    <div className="mode-bar" data-testid="failure-modes">
      {modes.map((mode, index) => {
        const tag = item.failureModes.find((entry) => entry.id === mode.id);
        return (
          <button
            key={mode.id}
            type="button"
            className={`mode${tag ? ' on' : ''}${tag?.stale ? ' stale' : ''}`}
            title={`${mode.definition || 'no definition yet'} (v${mode.version})${tag?.stale ? ` — tagged under v${tag.version}` : ''}`}
            onClick={() => onToggle(mode)}
            aria-pressed={tag !== undefined}
          >
            {index < 9 ? <kbd>{index + 1}</kbd> : null}
            {mode.name}
          </button>
        );
      })}
      {adding ? (
        <form className="mode-form" onSubmit={submit} onKeyDown={(event) => (event.key === 'Escape' ? onCancelAdd() : undefined)}>
          <input autoFocus placeholder="name, e.g. Wrong ship date" value={name} onChange={(event) => setName(event.target.value)} aria-label="failure mode name" />
          <input placeholder="definition: when does an output have it?" value={definition} onChange={(event) => setDefinition(event.target.value)} aria-label="failure mode definition" />
          <button type="submit">add and tag</button>
          <button type="button" className="link" onClick={onCancelAdd}>
            cancel
          </button>
        </form>
      ) : (
        <button type="button" className="mode add" onClick={onStartAdd}>
          <kbd>a</kbd> add failure mode
        </button>
      )}
    </div>
  );
}
