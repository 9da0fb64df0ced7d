import type { AssertionSpec, AssertionTypeInfo, CheckGate } from '@genchi/spec';
import { JsonView } from '../../components/json-view.js';
import type { CheckDraft } from './check-draft.js';
import { ParameterForm } from './parameter-form.js';

/** What the check form holds: name, assertion type and parameters, gate, and what the parameter fields found wrong. */
export interface CheckFormState {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
  /** The least pass rate in percent, as typed ('' for no gate). */
  gatePercent: string;
  problems: Record<string, string>;
  /** Counts replacements of the whole draft (the parameter fields start again from it). */
  revision: number;
}

/** The form's state for a draft (or an empty regex check). */
export function formOfDraft(draft: CheckDraft | undefined, revision: number): CheckFormState {
  return {
    name: draft?.name ?? '',
    type: draft?.assertion.type ?? 'regex',
    parameters: { ...(draft?.assertion.parameters ?? {}) },
    gatePercent: '',
    problems: {},
    revision,
  };
}

/** The assertion the form describes. */
export function assertionOfForm(form: CheckFormState): AssertionSpec {
  return { type: form.type, parameters: form.parameters };
}

/** The gate the form describes, null without one, or a problem. */
export function gateOfForm(form: CheckFormState): { gate: CheckGate | null } | { problem: string } {
  if (form.gatePercent.trim() === '') return { gate: null };
  const percent = Number(form.gatePercent);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return { problem: 'gate: a pass rate from 0 to 100%' };
  return { gate: { minPassRate: percent / 100 } };
}

/** What keeps the form from running: a missing name, a parameter that does not read, or a bad gate. */
export function formProblems(form: CheckFormState, needName: boolean): string[] {
  const gate = gateOfForm(form);
  return [...(needName && form.name.trim() === '' ? ['name: give the check a name'] : []), ...Object.values(form.problems), ...('problem' in gate ? [gate.problem] : [])];
}

/** The check's name, assertion type (from the registry) with its parameters, and an optional gate for `genchi check`. */
export function CheckEditor({ types, form, update }: { types: AssertionTypeInfo[]; form: CheckFormState; update(change: (form: CheckFormState) => CheckFormState): void }) {
  const type = types.find((entry) => entry.id === form.type);
  const code = types.filter((entry) => !entry.needsModel);
  const judged = types.filter((entry) => entry.needsModel);
  return (
    <div className="check-editor">
      <div className="form-grid">
        <label className="field">
          name
          <input
            data-testid="check-name"
            value={form.name}
            maxLength={120}
            placeholder="what it checks, e.g. Ships today"
            onChange={(event) => {
              const name = event.target.value;
              update((current) => ({ ...current, name }));
            }}
          />
        </label>
        <label className="field">
          assertion
          <select
            data-testid="check-type"
            value={form.type}
            onChange={(event) => {
              const chosen = event.target.value;
              update((current) => ({ ...current, type: chosen, parameters: {}, problems: {}, revision: current.revision + 1 }));
            }}
          >
            <optgroup label="code (fast, free)">
              {code.map((entry) => <option key={entry.id} value={entry.id}>{entry.label}</option>)}
            </optgroup>
            <optgroup label="model (calls the judge model)">
              {judged.map((entry) => <option key={entry.id} value={entry.id}>{entry.label}</option>)}
            </optgroup>
          </select>
        </label>
      </div>
      {type ? (
        <p className="muted small type-description">
          {type.description}
          {type.needsModel ? <span className="badge badge-cancelled">calls a model: each preview and online run costs tokens</span> : null}
        </p>
      ) : null}
      {type ? (
        <ParameterForm
          key={`${form.type}-${form.revision}`}
          schema={type.parameters}
          parameters={form.parameters}
          onChange={(change) => update((current) => ({ ...current, parameters: change(current.parameters) }))}
          onProblems={(problems) => update((current) => ({ ...current, problems }))}
        />
      ) : null}
      <div className="gate-row">
        <label className="inline">
          <span>gate for <code>genchi check</code>: least pass rate</span>
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={form.gatePercent}
            placeholder="none"
            aria-label="gate: least pass rate in percent"
            onChange={(event) => {
              const gatePercent = event.target.value;
              update((current) => ({ ...current, gatePercent }));
            }}
          />
          %
        </label>
        <details className="as-json">
          <summary>as JSON (for the API and the CLI)</summary>
          <JsonView value={assertionOfForm(form)} />
        </details>
      </div>
    </div>
  );
}
