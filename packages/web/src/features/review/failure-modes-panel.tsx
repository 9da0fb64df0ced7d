import type { FailureMode } from '@genchi/spec';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Loading } from '../../components/states.js';

function ModeRow({ mode, onSaved }: { mode: FailureMode; onSaved(): void }) {
  const [definition, setDefinition] = useState(mode.definition);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    if (definition.trim() === mode.definition) return;
    try {
      await api(`/v1/review/failure-modes/${mode.id}`, { method: 'PATCH', body: { definition } });
      setMessage('A new version; items graded under the old one are marked.');
      onSaved();
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  return (
    <tr>
      <td>{mode.name}</td>
      <td>v{mode.version}</td>
      <td>
        <textarea rows={2} value={definition} onChange={(event) => setDefinition(event.target.value)} onBlur={() => void save()} aria-label={`definition of ${mode.name}`} />
        {message ? <div className="muted">{message}</div> : null}
      </td>
      <td className="number">{mode.staleItems > 0 ? <span className="negative">{mode.staleItems} to regrade</span> : '—'}</td>
    </tr>
  );
}

/** A task's failure-mode taxonomy: each definition editable (a change is a new version). */
export function FailureModesPanel({ task }: { task: string }) {
  const modes = useApi<{ data: FailureMode[] }>(`/v1/review/failure-modes?task=${encodeURIComponent(task)}`);
  if (modes.data === undefined) return <Loading />;
  if (modes.data.data.length === 0) return <p className="muted">No failure modes yet: add them from the review screen (key a) as you meet them.</p>;
  return (
    <table className="table compact modes-table">
      <thead>
        <tr>
          <th>failure mode</th>
          <th>version</th>
          <th>definition (edit to make a new version)</th>
          <th className="number">items</th>
        </tr>
      </thead>
      <tbody>
        {modes.data.data.map((mode) => (
          <ModeRow key={`${mode.id}-${mode.version}`} mode={mode} onSaved={modes.reload} />
        ))}
      </tbody>
    </table>
  );
}
