import type { Criterion, Score, ScoreStatus } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../app/router.js';
import './checks.css';

/** How each score status reads: "skipped" is a check that could not evaluate the span (a judge whose model stayed down). */
const statusLabels: Record<ScoreStatus, { label: string; className: string; explain: string }> = {
  ok: { label: 'ok', className: 'badge-ok', explain: 'evaluated' },
  error: { label: 'error', className: 'badge-error', explain: 'the check itself failed on this span (it threw, timed out, or returned nonsense)' },
  skipped: { label: 'not evaluated', className: 'badge-cancelled', explain: 'the check could not run (e.g. its judge model stayed down): neither pass nor fail' },
};

function ScoreValue({ score }: { score: Score }) {
  if (score.value === null) return <span className="muted">—</span>;
  if (typeof score.value === 'boolean') return <span className={`verdict verdict-${score.value ? 'pass' : 'fail'}`}>{score.value ? 'pass' : 'fail'}</span>;
  return <span>{String(score.value)}</span>;
}

const metadataText = (score: Score, key: string) => {
  const value = score.metadata[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/**
 * A span's scores other than feedback: each with its verdict, its status (ok, error, not evaluated),
 * the criterion and version it was scored under, what kind of check made it, and its reason in full.
 */
export function EvaluationScores({ task, scores }: { task: string | null; scores: Score[] }) {
  const needsCriteria = task !== null && scores.some((score) => score.criterionId !== null);
  const criteria = useApi<{ data: Criterion[] }>(needsCriteria ? `/v1/checks/criteria?task=${encodeURIComponent(task)}` : null);
  if (scores.length === 0) return <p className="muted">No scores. Checks score new spans once a task has online evaluation (Checks page).</p>;
  return (
    <table className="table compact evaluation-scores" data-testid="evaluation-scores">
      <thead>
        <tr>
          <th>score</th>
          <th>value</th>
          <th>status</th>
          <th>criterion</th>
          <th>reason</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((score) => {
          const status = statusLabels[score.status];
          const criterion = criteria.data?.data.find((entry) => entry.id === score.criterionId);
          const type = metadataText(score, 'type');
          const checkVersion = metadataText(score, 'checkVersion');
          const measured = metadataText(score, 'measured');
          const fromCheck = score.assertionId !== null && task !== null;
          return (
            <tr key={score.id} data-score={score.name}>
              <td>
                {fromCheck ? <Link to={`/checks/${encodeURIComponent(task)}`}>{score.name}</Link> : score.name}
                <div className="muted small">
                  {score.source}
                  {type ? ` · ${type}` : ''}
                  {checkVersion ? ` · check v${checkVersion}` : ''}
                </div>
              </td>
              <td>
                <ScoreValue score={score} />
                {measured ? <div className="muted small">measured {measured}</div> : null}
              </td>
              <td><span className={`badge ${status.className}`} title={status.explain}>{status.label}</span></td>
              <td>
                {score.criterionId === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    {criterion?.name ?? score.criterionId} <span className="muted">v{score.criterionVersion ?? '?'}</span>
                    {criterion && score.criterionVersion !== null && criterion.version > score.criterionVersion ? <div className="muted small">now v{criterion.version}</div> : null}
                  </>
                )}
              </td>
              <td className="reason-cell">{score.reason ?? <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
