import type { OnCall, Rotation } from '@genchi/spec';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Loading } from '../../components/states.js';

interface RotationAnswer {
  rotation: Rotation | null;
  onCall: OnCall;
  timeZone: string;
}

/** Edits the on-call rotation: reviewers in order, the first day, and how many days a shift lasts. */
export function RotationEditor({ canEdit, onSaved }: { canEdit: boolean; onSaved(): void }) {
  const rotation = useApi<RotationAnswer>('/v1/review/rotation');
  const [message, setMessage] = useState<string | null>(null);
  if (rotation.data === undefined) return <Loading />;
  const current = rotation.data.rotation;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reviewers = String(form.get('reviewers') ?? '').split(/[\n,]/).map((name) => name.trim()).filter(Boolean);
    try {
      await api('/v1/review/rotation', { method: 'PUT', body: { reviewers, startDay: String(form.get('startDay')), shiftDays: Number(form.get('shiftDays')) } });
      setMessage('Saved.');
      rotation.reload();
      onSaved();
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  return (
    <form className="panel form" onSubmit={save} aria-label="rotation">
      <h3>On-call rotation</h3>
      <p className="muted">
        Each day's sample goes to the reviewer on call that day (days in {rotation.data.timeZone}).
        {rotation.data.onCall.next ? ` Next: ${rotation.data.onCall.next.reviewer} from ${rotation.data.onCall.next.day}.` : ''}
      </p>
      <label>
        Reviewers, in order (one per line or comma separated)
        <textarea name="reviewers" rows={3} defaultValue={current?.reviewers.join('\n') ?? ''} disabled={!canEdit} />
      </label>
      <div className="row">
        <label>
          First day
          <input name="startDay" type="date" defaultValue={current?.startDay ?? new Date().toISOString().slice(0, 10)} disabled={!canEdit} required />
        </label>
        <label>
          Days per shift
          <input name="shiftDays" type="number" min={1} max={28} defaultValue={current?.shiftDays ?? 1} disabled={!canEdit} required />
        </label>
      </div>
      {canEdit ? <button type="submit">Save rotation</button> : <p className="muted">An admin key can change the rotation.</p>}
      {message ? <p className="muted">{message}</p> : null}
    </form>
  );
}
