import type { SamplingRule, StratumInfo } from '@genchi/spec';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { EnvironmentChoices } from '../tasks/environment-choices.js';

/** Edits one task's sampling rule: sample size, environment, strata weights; a new task's rule starts from the defaults. */
export function RuleEditor({ task, rule, canEdit, onSaved }: { task: string; rule: SamplingRule | null; canEdit: boolean; onSaved(): void }) {
  const strata = useApi<{ data: StratumInfo[] }>('/v1/review/strata');
  const [message, setMessage] = useState<string | null>(null);
  const [environment, setEnvironment] = useState(rule === null ? 'prod' : (rule.environment ?? ''));
  const weightOf = (id: string) => rule?.strata.find((entry) => entry.stratum === id)?.weight ?? (rule === null ? strata.data?.data.find((entry) => entry.id === id)?.defaultWeight ?? 0 : 0);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const environment = String(form.get('environment') ?? '').trim();
    const body = {
      enabled: form.get('enabled') === 'on',
      sampleSize: Number(form.get('sampleSize')),
      environment: environment === '' ? null : environment,
      strata: (strata.data?.data ?? []).map((stratum) => ({ stratum: stratum.id, weight: Number(form.get(`weight-${stratum.id}`) ?? 0) })).filter((entry) => entry.weight > 0),
    };
    try {
      await api(`/v1/review/rules/${encodeURIComponent(task)}`, { method: 'PUT', body });
      setMessage('Saved.');
      onSaved();
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  return (
    <form className="form rule" onSubmit={save} aria-label={`rule ${task}`}>
      <h3>Daily sample of {task}</h3>
      <div className="row">
        <label>
          Spans per day
          <input name="sampleSize" type="number" min={1} max={1000} defaultValue={rule?.sampleSize ?? 20} disabled={!canEdit} />
        </label>
        <label>
          Environment (empty: the application’s traffic)
          <input name="environment" list={`environments-review-${task}`} value={environment} onChange={(event) => setEnvironment(event.target.value)} disabled={!canEdit} />
        </label>
        <label className="inline">
          <input name="enabled" type="checkbox" defaultChecked={rule?.enabled ?? true} disabled={!canEdit} /> enabled
        </label>
      </div>
      <EnvironmentChoices id={`environments-review-${task}`} task={task} environment={environment.trim()} />
      <div className="strata">
        {(strata.data?.data ?? []).map((stratum) => (
          <label key={stratum.id} title={stratum.description}>
            {stratum.label}
            <input name={`weight-${stratum.id}`} type="number" min={0} max={1000} defaultValue={weightOf(stratum.id)} disabled={!canEdit} />
          </label>
        ))}
      </div>
      <p className="muted">Weights share the sample among strata; a span is drawn once, and a stratum too small for its share hands the rest on.</p>
      {canEdit ? <button type="submit">{rule === null ? 'Start reviewing this task' : 'Save rule'}</button> : null}
      {message ? <p className="muted">{message}</p> : null}
    </form>
  );
}
