import type { Check, Criterion, OnlineRule, TaskSummary } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCount } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import './checks.css';

interface TaskLine {
  task: string;
  criteria: number;
  checks: number;
  enabled: number;
  rule: OnlineRule | null;
}

/** The tasks a project has checks for or traffic of, with what each has. */
function taskLines(tasks: TaskSummary[], criteria: Criterion[], checks: Check[], rules: OnlineRule[]): TaskLine[] {
  const names = new Set([...tasks.map((task) => task.task), ...criteria.map((criterion) => criterion.task), ...checks.map((check) => check.task)]);
  return [...names].sort().map((task) => ({
    task,
    criteria: criteria.filter((criterion) => criterion.task === task && !criterion.archived).length,
    checks: checks.filter((check) => check.task === task).length,
    enabled: checks.filter((check) => check.task === task && check.enabled).length,
    rule: rules.find((rule) => rule.task === task) ?? null,
  }));
}

/** Every task with its criteria, checks and online evaluation at a glance; each opens its checks page. */
export function ChecksOverviewPage() {
  const tasks = useApi<{ data: TaskSummary[] }>('/v1/tasks?from=30d');
  const criteria = useApi<{ data: Criterion[] }>('/v1/checks/criteria');
  const checks = useApi<{ data: Check[] }>('/v1/checks/assertions');
  const rules = useApi<{ data: OnlineRule[] }>('/v1/checks/online-rules');
  const error = tasks.error ?? criteria.error ?? checks.error ?? rules.error;
  const retry = () => [tasks, criteria, checks, rules].forEach((state) => state.reload());
  return (
    <section className="page checks-page">
      <header className="page-head">
        <h1>Checks</h1>
        <span className="muted">assertions and judges per task, aligned with the reviewers’ grades, run online on new spans</span>
      </header>
      {error ? <ErrorState error={error} retry={retry} /> : null}
      {!error && (tasks.data === undefined || criteria.data === undefined || checks.data === undefined || rules.data === undefined) ? <Loading label="Loading checks…" /> : null}
      {tasks.data && criteria.data && checks.data && rules.data ? (
        taskLines(tasks.data.data, criteria.data.data, checks.data.data, rules.data.data).length === 0 ? (
          <EmptyState title="No task yet" action={<Link className="button" to="/setup">How to send traces</Link>}>
            Checks belong to a task (the application’s name for a job, like <code>categorize-product</code>). Tasks appear once spans with a task arrive.
          </EmptyState>
        ) : (
          <table className="table" data-testid="checks-tasks">
            <thead>
              <tr>
                <th>task</th>
                <th className="number">criteria</th>
                <th className="number">checks (enabled)</th>
                <th>online evaluation</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {taskLines(tasks.data.data, criteria.data.data, checks.data.data, rules.data.data).map((line) => (
                <tr key={line.task}>
                  <td><Link to={`/checks/${encodeURIComponent(line.task)}`}>{line.task}</Link></td>
                  <td className="number">{line.criteria}</td>
                  <td className="number">{line.checks} ({line.enabled})</td>
                  <td>
                    {line.rule === null ? <span className="muted">off</span> : (
                      <>
                        <span className={`badge ${line.rule.enabled ? 'badge-ok' : 'badge-cancelled'}`}>{line.rule.enabled ? 'on' : 'paused'}</span>{' '}
                        {Math.round(line.rule.samplingRate * 100)}% of {line.rule.environment ?? 'all'} · {formatCount(line.rule.processed)} spans read
                      </>
                    )}
                  </td>
                  <td><Link className="button" to={`/checks/${encodeURIComponent(line.task)}`}>{line.checks === 0 ? 'Make the first check' : 'Open'}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
