import type { CriterionChoice, CriterionOption } from './criterion-choice.js';

/** The criterion a check implements, as the picker holds it: the chosen option and a new criterion's name and definition. */
export interface CriterionPick {
  value: string;
  name: string;
  definition: string;
}

/** The choice a pick stands for (a new criterion takes the typed name and definition). */
export function choiceOfPick(options: readonly CriterionOption[], pick: CriterionPick): CriterionChoice {
  const option = options.find((entry) => entry.value === pick.value);
  if (option === undefined) return { kind: 'none' };
  return option.choice.kind === 'new' ? { kind: 'new', name: pick.name.trim(), definition: pick.definition.trim() } : option.choice;
}

/** Picks which criterion a check implements: an existing one, one made from a failure mode in one step, a new one, or none. */
export function CriterionPicker(props: { options: CriterionOption[]; pick: CriterionPick; grades: string; onChange(pick: CriterionPick): void }) {
  const { options, pick, grades, onChange } = props;
  return (
    <div className="criterion-picker">
      <label className="field">
        criterion it implements
        <select data-testid="check-criterion" value={pick.value} onChange={(event) => onChange({ ...pick, value: event.target.value })}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
      </label>
      {pick.value === 'new' ? (
        <div className="row">
          <label className="field grow">
            criterion name
            <input value={pick.name} maxLength={120} placeholder="e.g. Promises only dates it knows" onChange={(event) => onChange({ ...pick, name: event.target.value })} />
          </label>
          <label className="field grow">
            definition (what a good output must satisfy)
            <input value={pick.definition} maxLength={4000} onChange={(event) => onChange({ ...pick, definition: event.target.value })} />
          </label>
        </div>
      ) : null}
      <p className="muted small grades">Preview grades: {grades}.</p>
    </div>
  );
}
