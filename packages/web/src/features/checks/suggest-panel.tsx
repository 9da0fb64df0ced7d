import type { Criterion, CriterionSuggestion } from '@genchi/spec';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { ErrorState, Loading } from '../../components/states.js';
import { createCheck, suggestCriteria } from './checks-api.js';

/** A suggested assertion as the person edits it: kept or not, its name, its type and its parameters as JSON text. */
interface EditableAssertion {
  keep: boolean;
  name: string;
  type: string;
  parameters: string;
}

/** A suggested criterion as the person edits it, and what became of it. */
interface EditableSuggestion {
  name: string;
  definition: string;
  assertions: EditableAssertion[];
  state: 'open' | 'accepted' | 'dismissed';
  message: string | null;
}

const editable = (suggestion: CriterionSuggestion): EditableSuggestion => ({
  name: suggestion.name,
  definition: suggestion.definition,
  assertions: suggestion.assertions.map((entry) => ({ keep: true, name: entry.name, type: entry.assertion.type, parameters: JSON.stringify(entry.assertion.parameters, null, 2) })),
  state: 'open',
  message: null,
});

/** Makes an accepted suggestion: the criterion, then each kept assertion as a check of it. */
async function accept(task: string, suggestion: EditableSuggestion): Promise<string> {
  const kept = suggestion.assertions.filter((entry) => entry.keep);
  const parsed = kept.map((entry) => {
    try {
      return { ...entry, value: JSON.parse(entry.parameters) as Record<string, unknown> };
    } catch {
      throw new Error(`the parameters of “${entry.name}” are not valid JSON`);
    }
  });
  const criterion = await api<Criterion>('/v1/checks/criteria', { method: 'POST', body: { task, name: suggestion.name, definition: suggestion.definition } });
  const failed: string[] = [];
  for (const entry of parsed) {
    try {
      await createCheck({ task, criterionId: criterion.id, name: entry.name, assertion: { type: entry.type, parameters: entry.value } });
    } catch (failure) {
      failed.push(`${entry.name}: ${(failure as Error).message}`);
    }
  }
  const made = parsed.length - failed.length;
  return `Made the criterion “${criterion.name}” with ${made} ${made === 1 ? 'check' : 'checks'}${failed.length > 0 ? `; not made: ${failed.join('; ')}` : ''}.`;
}

function SuggestionCard({ suggestion, onChange, onAccept }: { suggestion: EditableSuggestion; onChange(next: EditableSuggestion): void; onAccept(): void }) {
  const open = suggestion.state === 'open';
  const setAssertion = (index: number, patch: Partial<EditableAssertion>) =>
    onChange({ ...suggestion, assertions: suggestion.assertions.map((entry, position) => (position === index ? { ...entry, ...patch } : entry)) });
  return (
    <div className={`suggestion ${suggestion.state}`} data-testid="suggestion">
      <div className="row">
        <label className="field grow">criterion<input value={suggestion.name} disabled={!open} onChange={(event) => onChange({ ...suggestion, name: event.target.value })} /></label>
      </div>
      <label className="field">definition<textarea rows={2} value={suggestion.definition} disabled={!open} onChange={(event) => onChange({ ...suggestion, definition: event.target.value })} /></label>
      {suggestion.assertions.length === 0 ? <p className="muted small">No candidate assertion came with it (only ones that compile are kept).</p> : null}
      {suggestion.assertions.map((entry, index) => (
        <div key={index} className="suggested-assertion">
          <label className="inline"><input type="checkbox" checked={entry.keep} disabled={!open} onChange={(event) => setAssertion(index, { keep: event.target.checked })} /> keep</label>
          <input value={entry.name} disabled={!open} aria-label="check name" onChange={(event) => setAssertion(index, { name: event.target.value })} />
          <code>{entry.type}</code>
          <textarea rows={Math.min(6, entry.parameters.split('\n').length)} value={entry.parameters} disabled={!open} aria-label={`parameters of ${entry.name}`} onChange={(event) => setAssertion(index, { parameters: event.target.value })} />
        </div>
      ))}
      <div className="row">
        {open ? (
          <>
            <button type="button" className="primary" onClick={onAccept} disabled={suggestion.name.trim() === ''}>Accept</button>
            <button type="button" onClick={() => onChange({ ...suggestion, state: 'dismissed' })}>Dismiss</button>
          </>
        ) : (
          <span className="muted">{suggestion.state === 'accepted' ? 'accepted' : 'dismissed'}</span>
        )}
        {suggestion.message ? <span className={suggestion.state === 'accepted' ? 'positive' : 'negative'} role="status">{suggestion.message}</span> : null}
      </div>
    </div>
  );
}

/**
 * "Suggest criteria": the configured model reads the task's prompt and a few reviewed items and
 * proposes criteria with candidate assertions; each can be edited, then accepted or dismissed.
 */
export function SuggestPanel({ task, onAccepted, onClose }: { task: string; onAccepted(): void; onClose(): void }) {
  const [suggestions, setSuggestions] = useState<EditableSuggestion[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const ask = useCallback(() => {
    setSuggestions(null);
    setError(null);
    suggestCriteria(task).then((answer) => setSuggestions(answer.map(editable)), setError);
  }, [task]);
  useEffect(ask, [ask]);
  const change = (index: number, next: EditableSuggestion) => setSuggestions((current) => current?.map((entry, position) => (position === index ? next : entry)) ?? null);
  const acceptAt = async (index: number) => {
    const suggestion = suggestions?.[index];
    if (suggestion === undefined) return;
    try {
      change(index, { ...suggestion, state: 'accepted', message: await accept(task, suggestion) });
      onAccepted();
    } catch (failure) {
      change(index, { ...suggestion, message: (failure as Error).message });
    }
  };
  return (
    <section className="panel suggest" data-testid="suggest-panel">
      <header className="criterion-head">
        <h2>Suggested criteria</h2>
        <span className="muted small">from the task’s prompt and a few reviewed items, by the configured model</span>
        <span className="spacer" />
        <button type="button" className="link" onClick={ask}>ask again</button>
        <button type="button" className="link" onClick={onClose}>close</button>
      </header>
      {error ? <ErrorState error={error} retry={ask} title="genchi could not suggest criteria" /> : null}
      {suggestions === null && error === null ? <Loading label="Asking the model…" /> : null}
      {suggestions?.length === 0 ? <p className="muted">The model proposed no criteria; ask again, or review a few more items first.</p> : null}
      {suggestions?.map((suggestion, index) => (
        <SuggestionCard key={index} suggestion={suggestion} onChange={(next) => change(index, next)} onAccept={() => void acceptAt(index)} />
      ))}
    </section>
  );
}
