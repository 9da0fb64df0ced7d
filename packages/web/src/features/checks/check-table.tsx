import type { AlignmentReport, AssertionTypeInfo, Check, CheckAlignment } from '@genchi/spec';
import { Fragment, useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { alignmentFigures, figureGrade } from './alignment-figures.js';
import { AlignmentView } from './alignment-view.js';
import { updateCheck, type ReviewedItems } from './checks-api.js';

/** A check's alignment in a table: loaded, loading, failed, or left for the person to ask (checks that call a model cost tokens). */
export type AlignmentCell = { report: AlignmentReport } | { loading: true } | { error: string } | { ask(): void } | null;

function GateInput({ check, onSaved }: { check: Check; onSaved(check: Check): void }) {
  const [text, setText] = useState(check.gate ? String(Math.round(check.gate.minPassRate * 100)) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const percent = text.trim() === '' ? null : Number(text);
    if (percent !== null && (!Number.isFinite(percent) || percent < 0 || percent > 100)) return setProblem('0 to 100');
    const gate = percent === null ? null : { minPassRate: percent / 100 };
    if ((gate?.minPassRate ?? null) === (check.gate?.minPassRate ?? null)) return setProblem(null);
    try {
      onSaved(await updateCheck(check.id, { gate }));
      setProblem(null);
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };
  return (
    <span className="gate-input" title="least pass rate genchi check requires (empty: no gate)">
      ≥<input aria-label={`gate of ${check.name}`} type="number" min={0} max={100} value={text} placeholder="—" onChange={(event) => setText(event.target.value)} onBlur={() => void save()} onKeyDown={(event) => event.key === 'Enter' && void save()} />%
      {problem ? <span className="field-problem">{problem}</span> : null}
    </span>
  );
}

function FigureCells({ cell }: { cell: AlignmentCell | undefined }) {
  const span = alignmentFigures.length + 1;
  if (cell === undefined || cell === null) return <td colSpan={span} className="muted">—</td>;
  if ('loading' in cell) return <td colSpan={span} className="muted">measuring…</td>;
  if ('error' in cell) return <td colSpan={span} className="negative">{cell.error}</td>;
  if ('ask' in cell) {
    return (
      <td colSpan={span}>
        <button type="button" className="link" onClick={cell.ask}>measure alignment (calls the judge model on every graded item)</button>
      </td>
    );
  }
  const { report } = cell;
  return (
    <>
      {alignmentFigures.map((figure) => {
        const value = report[figure.key];
        return (
          <td key={figure.key} className={`number figure-cell figure-${figureGrade(figure, value)}`} title={value === null ? figure.missing : figure.explain}>
            {value === null ? '—' : figure.format(value)}
          </td>
        );
      })}
      <td className="number">{report.n}</td>
    </>
  );
}

/** A saved check's alignment with every graded item of its task, item by item (loaded when opened). */
function CheckAlignmentDetail({ check, reviewed }: { check: Check; reviewed: ReviewedItems }) {
  const alignment = useApi<CheckAlignment>(`/v1/checks/assertions/${check.id}/alignment`);
  if (alignment.error) return <ErrorState error={alignment.error} retry={alignment.reload} title="Its alignment could not be measured" />;
  if (alignment.data === undefined) return <Loading label={`Running “${check.name}” on the graded items…`} />;
  return <AlignmentView task={check.task} report={alignment.data.alignment} items={alignment.data.items} reviewed={reviewed} />;
}

/**
 * Checks with their alignment figures: the best-aligned one marked, each enabled or disabled and
 * gated in place, its item-by-item alignment one click away, deleted after a confirmation.
 */
export function CheckTable(props: {
  checks: Check[];
  types: AssertionTypeInfo[];
  alignments: Map<string, AlignmentCell>;
  bestCheckId: string | null;
  reviewed: ReviewedItems;
  onChanged(): void;
}) {
  const { checks, types, alignments, bestCheckId, reviewed, onChanged } = props;
  const [open, setOpen] = useState<string | null>(null);
  const [local, setLocal] = useState<Map<string, Check>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const remember = (check: Check) => setLocal((current) => new Map(current).set(check.id, check));
  const toggle = (check: Check, enabled: boolean) =>
    updateCheck(check.id, { enabled }).then(remember, (failure: Error) => setNotice(`${check.name} not changed: ${failure.message}`));
  const remove = async (check: Check) => {
    if (!window.confirm(`Delete the check “${check.name}”? Its scores stay on the spans.`)) return;
    try {
      await api(`/v1/checks/assertions/${check.id}`, { method: 'DELETE' });
      onChanged();
    } catch (failure) {
      setNotice(`${check.name} not deleted: ${(failure as Error).message}`);
    }
  };
  return (
    <>
    {notice ? <p className="notice" role="alert">{notice}</p> : null}
    <table className="table compact check-table" data-testid="check-table">
      <thead>
        <tr>
          <th>on</th>
          <th>check</th>
          <th>assertion</th>
          {alignmentFigures.map((figure) => <th key={figure.key} className="number" title={figure.explain}>{figure.label}</th>)}
          <th className="number">items</th>
          <th>gate</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {checks.map((saved) => {
          const check = local.get(saved.id) ?? saved;
          const type = types.find((entry) => entry.id === check.assertion.type);
          return (
            <Fragment key={check.id}>
              <tr data-check={check.id} className={check.enabled ? '' : 'disabled-row'}>
                <td>
                  <input type="checkbox" aria-label={`${check.name} enabled`} checked={check.enabled} onChange={(event) => void toggle(check, event.target.checked)} />
                </td>
                <td>
                  {check.name} <span className="muted small">v{check.version}</span>
                  {check.id === bestCheckId ? <span className="badge badge-ok best" title="the best-aligned candidate of its criterion">best aligned</span> : null}
                </td>
                <td>{type?.label ?? check.assertion.type}{type?.needsModel ? <span className="muted small"> · model</span> : null}</td>
                <FigureCells cell={alignments.get(check.id)} />
                <td><GateInput check={check} onSaved={remember} /></td>
                <td className="links">
                  <button type="button" className="link" onClick={() => setOpen(open === check.id ? null : check.id)} aria-expanded={open === check.id}>
                    {open === check.id ? 'hide items' : 'items'}
                  </button>
                  <button type="button" className="link" onClick={() => void remove(check)} aria-label={`delete ${check.name}`}>delete</button>
                </td>
              </tr>
              {open === check.id ? (
                <tr className="detail-row">
                  <td colSpan={alignmentFigures.length + 6}>
                    <CheckAlignmentDetail check={check} reviewed={reviewed} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
    </>
  );
}
