import type { Check, OnlineRule, OnlineRuleInput, SpanKind } from '@genchi/spec';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { formatAgo, formatCount } from '../../app/format.js';
import { ErrorState, Loading } from '../../components/states.js';
import { EnvironmentChoices } from '../tasks/environment-choices.js';
import { putOnlineRule, ruleInput } from './checks-api.js';

// Every span kind once (the compiler refuses a missing or unknown one).
const spanKinds = Object.keys({ llm: 1, embedding: 1, chain: 1, agent: 1, retrieval: 1, reranker: 1, tool: 1, guardrail: 1, evaluator: 1, span: 1 } satisfies Record<SpanKind, 1>) as SpanKind[];

const list = (text: string) => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');

/** The rule a task gets when online evaluation is first turned on: new production LLM spans, all of them, every enabled check. */
const defaultRule: OnlineRuleInput = { enabled: true, environment: 'prod', kind: 'llm', samplingRate: 1, checkIds: [], feedReview: true };

function RuleForm({ task, rule, checks, onSaved }: { task: string; rule: OnlineRule | null; checks: Check[]; onSaved(rule: OnlineRule | null): void }) {
  const start = rule === null ? defaultRule : ruleInput(rule);
  const [input, setInput] = useState<OnlineRuleInput>(start);
  const [models, setModels] = useState((start.models ?? []).join(', '));
  const [tags, setTags] = useState((start.tags ?? []).join(', '));
  const [message, setMessage] = useState<string | null>(null);
  const chosen = input.checkIds ?? [];
  const change = (patch: Partial<OnlineRuleInput>) => setInput((current) => ({ ...current, ...patch }));
  const save = async () => {
    const { models: _models, tags: _tags, ...rest } = input;
    const body: OnlineRuleInput = { ...rest, ...(list(models).length > 0 ? { models: list(models) } : {}), ...(list(tags).length > 0 ? { tags: list(tags) } : {}) };
    try {
      onSaved(await putOnlineRule(task, body));
      setMessage(rule === null ? 'Online evaluation is on: new spans are evaluated from now on.' : 'Saved.');
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Stop evaluating new spans of ${task}? Scores already written stay.`)) return;
    try {
      await api(`/v1/checks/online-rules/${encodeURIComponent(task)}`, { method: 'DELETE' });
      onSaved(null);
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  return (
    <div className="form online-rule" data-testid="online-rule">
      <div className="row">
        <label className="inline"><input type="checkbox" checked={input.enabled ?? true} onChange={(event) => change({ enabled: event.target.checked })} /> enabled</label>
        <label className="field">
          environment (empty: every one but eval)
          <input list={`environments-online-${task}`} value={input.environment ?? ''} onChange={(event) => change({ environment: event.target.value.trim() === '' ? null : event.target.value.trim() })} size={10} />
        </label>
        <label className="field">
          span kind
          <select value={input.kind ?? 'llm'} onChange={(event) => change({ kind: event.target.value as SpanKind })}>
            {spanKinds.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
          </select>
        </label>
        <label className="field">
          sampled
          <span className="row tight">
            <input type="number" min={0} max={100} step={1} aria-label="sampling rate in percent" value={Math.round((input.samplingRate ?? 1) * 1000) / 10} onChange={(event) => change({ samplingRate: Math.min(1, Math.max(0, Number(event.target.value) / 100)) })} />%
          </span>
        </label>
        <label className="field">models (comma-separated, empty: any)<input value={models} onChange={(event) => setModels(event.target.value)} /></label>
        <label className="field">tags (any of, empty: any)<input value={tags} onChange={(event) => setTags(event.target.value)} /></label>
      </div>
      <EnvironmentChoices id={`environments-online-${task}`} task={task} environment={input.environment ?? null} />
      <fieldset className="rule-checks">
        <legend>checks it runs</legend>
        <label className="inline"><input type="radio" checked={chosen.length === 0} onChange={() => change({ checkIds: [] })} /> every enabled check of {task}</label>
        {checks.map((check) => (
          <label key={check.id} className="inline">
            <input
              type="checkbox"
              checked={chosen.includes(check.id)}
              onChange={(event) => change({ checkIds: event.target.checked ? [...chosen, check.id] : chosen.filter((id) => id !== check.id) })}
            />
            only {check.name}{check.enabled ? '' : ' (disabled)'}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={input.feedReview ?? true} onChange={(event) => change({ feedReview: event.target.checked })} /> spans that fail a check feed the daily review sample (stratum assertion-failures)
      </label>
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} data-testid="save-online-rule">{rule === null ? 'Turn on online evaluation' : 'Save rule'}</button>
        {rule !== null ? <button type="button" onClick={() => void remove()}>Remove</button> : null}
        {message ? <span className="muted" role="status">{message}</span> : null}
      </div>
    </div>
  );
}

/** A task's online evaluation: how far its job has read, and the rule (filter, sampling, checks, feeding the review). */
export function OnlineRuleEditor({ task, checks }: { task: string; checks: Check[] }) {
  const rule = useApi<OnlineRule>(`/v1/checks/online-rules/${encodeURIComponent(task)}`);
  // What this page saved or removed last, over what was loaded (undefined: nothing yet).
  const [saved, setSaved] = useState<OnlineRule | null | undefined>(undefined);
  const missing = rule.error?.status === 404;
  if (rule.error && !missing && saved === undefined) return <ErrorState error={rule.error} retry={rule.reload} />;
  if (rule.loading && rule.data === undefined && saved === undefined) return <Loading label="Loading the online rule…" />;
  const current = saved !== undefined ? saved : missing ? null : (rule.data ?? null);
  const refresh = () => {
    setSaved(undefined);
    rule.reload();
  };
  return (
    <section className="panel" data-testid="online-evaluation">
      <h2>Online evaluation</h2>
      {current === null ? (
        <p className="muted">Off: no check of {task} runs on new production spans. Turn it on to score spans as they arrive (from then on; <code>genchi check</code> covers stored ones).</p>
      ) : (
        <p data-testid="online-status">
          <span className={`badge ${current.enabled ? 'badge-ok' : 'badge-cancelled'}`}>{current.enabled ? 'on' : 'paused'}</span>{' '}
          {formatCount(current.processed)} spans evaluated or passed over so far
          {current.lastRunAt ? `, last run ${formatAgo(current.lastRunAt)}` : ', not run yet: it reads spans stored after it was created'}.{' '}
          <button type="button" className="link" onClick={refresh}>refresh</button>
        </p>
      )}
      <RuleForm key={current === null ? 'new' : 'stored'} task={task} rule={current} checks={checks} onSaved={setSaved} />
    </section>
  );
}
