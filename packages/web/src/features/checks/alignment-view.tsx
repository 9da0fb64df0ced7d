import type { AlignmentReport, CheckedItem, ConfusionMatrix } from '@genchi/spec';
import { useState } from 'react';
import { Link } from '../../app/router.js';
import { EmptyState } from '../../components/states.js';
import { alignmentFigures, confusionCells, figureGrade, type ConfusionCell } from './alignment-figures.js';
import { reviewItemPath, type ReviewedItems } from './checks-api.js';

/** Which items the list under the matrix shows: the disagreements, or one cell. */
type Shown = 'disagreements' | keyof ConfusionMatrix;

/** The figures of an alignment report as tiles, each with what it means. */
export function AlignmentFigures({ report }: { report: AlignmentReport }) {
  return (
    <div className="figures" data-testid="alignment-figures">
      {alignmentFigures.map((figure) => {
        const value = report[figure.key];
        return (
          <div key={figure.key} className={`figure figure-${figureGrade(figure, value)}`} title={value === null ? `— ${figure.missing}` : figure.explain} data-figure={figure.key}>
            <span className="figure-value">{value === null ? '—' : figure.format(value)}</span>
            <span className="figure-label">{figure.label}</span>
          </div>
        );
      })}
      <div className="figure" title="graded items with a verdict of the check">
        <span className="figure-value">{report.n}</span>
        <span className="figure-label">items compared</span>
      </div>
    </div>
  );
}

function CellButton({ cell, matrix, shown, onShow }: { cell: ConfusionCell; matrix: ConfusionMatrix; shown: Shown; onShow(shown: Shown): void }) {
  const count = matrix[cell.key].length;
  return (
    <button
      type="button"
      className={`cell${cell.disagreement && count > 0 ? ' cell-disagree' : ''}${shown === cell.key ? ' active' : ''}`}
      onClick={() => onShow(cell.key)}
      title={cell.label}
      data-cell={cell.key}
      disabled={count === 0}
    >
      <span className="cell-count">{count}</span>
      <span className="cell-label">{cell.label.split(':')[0]}</span>
    </button>
  );
}

/** The confusion matrix of humans against the check ("positive" is failed); each cell lists its items. */
export function ConfusionGrid({ matrix, shown, onShow }: { matrix: ConfusionMatrix; shown: Shown; onShow(shown: Shown): void }) {
  const cell = (key: keyof ConfusionMatrix) => <CellButton cell={confusionCells.find((entry) => entry.key === key) as ConfusionCell} matrix={matrix} shown={shown} onShow={onShow} />;
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <span />
      <span className="axis">check fails</span>
      <span className="axis">check passes</span>
      <span className="axis axis-row">humans fail</span>
      {cell('bothFail')}
      {cell('misses')}
      <span className="axis axis-row">humans pass</span>
      {cell('falseFailures')}
      {cell('bothPass')}
      {matrix.notEvaluated.length > 0 ? (
        <>
          <span className="axis axis-row">not evaluated</span>
          {cell('notEvaluated')}
        </>
      ) : null}
    </div>
  );
}

const verdictText = (item: CheckedItem) => (item.check === null ? (item.status === 'error' ? 'error' : 'not evaluated') : item.check);

/** Items of the matrix, each a click away from the review item and its span. */
function ItemTable({ task, items, reviewed, newTab }: { task: string; items: CheckedItem[]; reviewed: ReviewedItems; newTab: boolean }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, 25);
  const open = (to: string, label: string) =>
    newTab ? <a href={to} target="_blank" rel="noopener">{label}</a> : <Link to={to}>{label}</Link>;
  return (
    <>
      <table className="table compact aligned-items" data-testid="aligned-items">
        <thead>
          <tr>
            <th>human</th>
            <th>check</th>
            <th>output</th>
            <th>why the check decided so</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.itemId} data-item={item.itemId}>
              <td><span className={`verdict verdict-${item.human}`}>{item.human}</span></td>
              <td><span className={item.check === null ? 'badge badge-error' : `verdict verdict-${item.check}`}>{verdictText(item)}</span></td>
              <td className="output-cell">{item.outputPreview}</td>
              <td className="reason-cell">{item.reason ?? <span className="muted">—</span>}</td>
              <td className="links">
                {open(reviewItemPath(task, item.itemId, reviewed.get(item.itemId)?.day), 'item')} {open(`/traces/${encodeURIComponent(item.spanId)}`, 'span')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > shown.length ? (
        <button type="button" className="link" onClick={() => setAll(true)}>show all {items.length}</button>
      ) : null}
    </>
  );
}

/**
 * How well a check agrees with the humans of a task: the figures, the confusion matrix, and the items
 * of the chosen cell (the disagreements at first), each one click away. `newTab` opens items in a
 * new tab (from a form whose draft must not be lost).
 */
export function AlignmentView(props: { task: string; report: AlignmentReport; items: CheckedItem[]; reviewed: ReviewedItems; newTab?: boolean; grades?: string }) {
  const { task, report, items, reviewed, newTab = false, grades } = props;
  const [shown, setShown] = useState<Shown>(report.n === 0 && report.confusion.notEvaluated.length > 0 ? 'notEvaluated' : 'disagreements');
  if (items.length === 0) {
    return (
      <EmptyState title="Alignment needs reviewed items" action={<Link className="button" to={`/review/${encodeURIComponent(task)}`}>Review {task}</Link>}>
        No item of {task} has a pass or fail verdict yet. Alignment compares the check with what reviewers decided: grade a few items of the daily
        sample (keys <kbd>p</kbd> and <kbd>f</kbd>), then preview again.
      </EmptyState>
    );
  }
  const ids = new Set(shown === 'disagreements' ? [...report.confusion.misses, ...report.confusion.falseFailures] : report.confusion[shown]);
  const listed = items.filter((item) => ids.has(item.itemId));
  const cell = confusionCells.find((entry) => entry.key === shown);
  return (
    <div className="alignment-view" data-testid="alignment-view">
      <AlignmentFigures report={report} />
      {grades ? <p className="muted small">Human grades: {grades}.</p> : null}
      {report.n === 0 ? <p className="notice">The check evaluated none of the {items.length} graded items: see why below.</p> : null}
      <div className="alignment-body">
        <ConfusionGrid matrix={report.confusion} shown={shown} onShow={setShown} />
        <div className="alignment-items">
          <h3>
            {shown === 'disagreements' ? `disagreements (${listed.length})` : `${cell?.label ?? shown} (${listed.length})`}
            {shown !== 'disagreements' ? (
              <button type="button" className="link" onClick={() => setShown('disagreements')}>show the disagreements</button>
            ) : null}
          </h3>
          {listed.length === 0 ? (
            <p className="muted">{shown === 'disagreements' ? 'None: the check agrees with the humans on every item it evaluated.' : 'No item here.'}</p>
          ) : (
            <ItemTable task={task} items={listed} reviewed={reviewed} newTab={newTab} />
          )}
        </div>
      </div>
    </div>
  );
}
