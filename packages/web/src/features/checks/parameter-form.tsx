import { useState, type ComponentType } from 'react';
import { fieldHint, kindOf, parameterFields, type FieldKind, type ParameterField } from './parameter-fields.js';

interface FieldProps {
  id: string;
  field: ParameterField;
  value: unknown;
  onChange(value: unknown): void;
  onProblem(problem: string | null): void;
}

/** `shouldMatch` → `should match`. */
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

function ChoiceField({ id, field, value, onChange }: FieldProps) {
  const shown = value ?? field.defaultValue;
  const index = field.options.findIndex((option) => option === shown);
  return (
    <select id={id} value={index === -1 ? '' : String(index)} onChange={(event) => onChange(event.target.value === '' ? undefined : field.options[Number(event.target.value)])}>
      {index === -1 || !field.required ? <option value="">{field.required ? 'choose…' : '—'}</option> : null}
      {field.options.map((option, position) => (
        <option key={String(option)} value={String(position)}>{String(option)}</option>
      ))}
    </select>
  );
}

function MultiChoiceField({ field, value, onChange }: FieldProps) {
  const chosen = Array.isArray(value) ? value : Array.isArray(field.defaultValue) ? field.defaultValue : [];
  return (
    <span className="choices">
      {field.options.map((option) => (
        <label key={String(option)} className="inline">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, option] : chosen.filter((entry) => entry !== option))}
          />
          {String(option)}
        </label>
      ))}
    </span>
  );
}

function FlagField({ id, field, value, onChange }: FieldProps) {
  return <input id={id} type="checkbox" checked={Boolean(value ?? field.defaultValue ?? false)} onChange={(event) => onChange(event.target.checked)} />;
}

/** A field typed as text (a line, a block, a number, lines, JSON): the text is kept as typed and read on each change. */
function TextField({ id, field, value, onChange, onProblem }: FieldProps) {
  const kind = kindOf(field.kind);
  const [text, setText] = useState(() => kind.toText?.(value) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const change = (next: string) => {
    setText(next);
    const parsed = kind.fromText?.(next, field) ?? { value: next };
    const found = 'problem' in parsed ? parsed.problem : null;
    setProblem(found);
    onProblem(found);
    if (!('problem' in parsed)) onChange('value' in parsed ? parsed.value : undefined);
  };
  const multiline = field.kind === 'long-text' || field.kind === 'json' || field.kind === 'lines';
  const rows = field.kind === 'lines' ? 3 : Math.min(12, Math.max(field.kind === 'json' ? 5 : 4, text.split('\n').length + 1));
  return (
    <>
      {multiline ? (
        <textarea id={id} rows={rows} value={text} spellCheck={field.kind === 'long-text'} onChange={(event) => change(event.target.value)} />
      ) : (
        <input id={id} type={field.kind === 'number' ? 'number' : 'text'} value={text} onChange={(event) => change(event.target.value)} />
      )}
      {problem ? <span className="field-problem" role="alert">{problem}</span> : null}
    </>
  );
}

/** How each kind of parameter is edited, as data. */
const editors: Record<FieldKind, ComponentType<FieldProps>> = {
  choice: ChoiceField,
  'multi-choice': MultiChoiceField,
  flag: FlagField,
  number: TextField,
  text: TextField,
  'long-text': TextField,
  lines: TextField,
  json: TextField,
};

/**
 * The parameters of an assertion type as a form built from its JSON Schema: each parameter edited
 * by the editor of its kind; what is left empty is left out (the type's default applies).
 */
export function ParameterForm(props: {
  schema: unknown;
  parameters: Record<string, unknown>;
  onChange(change: (parameters: Record<string, unknown>) => Record<string, unknown>): void;
  onProblems(problems: Record<string, string>): void;
}) {
  const { schema, parameters, onChange, onProblems } = props;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const fields = parameterFields(schema);
  if (fields.length === 0) return <p className="muted">This type has no parameters.</p>;
  return (
    <div className="parameter-form">
      {fields.map((field) => {
        const Editor = editors[field.kind];
        const id = `parameter-${field.name}`;
        return (
          <div key={field.name} className={`parameter parameter-${field.kind}`}>
            <label htmlFor={id}>
              {words(field.name)}
              <span className="muted small"> {fieldHint(field)}</span>
            </label>
            <Editor
              id={id}
              field={field}
              value={parameters[field.name]}
              onChange={(value) =>
                onChange((current) => {
                  const next = { ...current };
                  if (value === undefined) delete next[field.name];
                  else next[field.name] = value;
                  return next;
                })
              }
              onProblem={(problem) => {
                const next = { ...problems };
                if (problem === null) delete next[field.name];
                else next[field.name] = problem;
                setProblems(next);
                onProblems(next);
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
