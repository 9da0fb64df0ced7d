import type { EnvironmentCounts, TaskSummary } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCost, formatCount, formatDuration, formatPercent } from '../../app/format.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { TaskCharts } from './task-charts.js';

/** The time windows the tasks pages offer. */
export const taskWindows = ['24h', '7d', '30d'] as const;

/** What the tasks pages show, kept in the URL: the window and the environment (none: the application's traffic). */
export function useTaskScope(): { window: string; environment: string; query: string; href(path: string, change?: { window?: string; environment?: string }): string } {
  const { search } = useLocation();
  const window = search.get('window') ?? '7d';
  const environment = search.get('env') ?? '';
  const href = (path: string, change: { window?: string; environment?: string } = {}) => {
    const params = new URLSearchParams({ window: change.window ?? window });
    const env = change.environment ?? environment;
    if (env !== '') params.set('env', env);
    return `${path}?${params.toString()}`;
  };
  const query = `from=${window}${environment === '' ? '' : `&environment=${encodeURIComponent(environment)}`}`;
  return { window, environment, query, href };
}

/** Chooses the window and the environment of a tasks page (the environments the window's model calls carry). */
export function ScopePicker({ path }: { path: string }) {
  const scope = useTaskScope();
  const seen = useApi<EnvironmentCounts>(`/v1/environments?from=${scope.window}`);
  const choices = (seen.data?.data ?? []).map((entry) => entry.environment);
  if (scope.environment !== '' && !choices.includes(scope.environment)) choices.push(scope.environment);
  return (
    <>
      <div className="segmented" role="group" aria-label="window">
        {taskWindows.map((choice) => (
          <button key={choice} type="button" className={choice === scope.window ? 'active' : ''} onClick={() => navigate(scope.href(path, { window: choice }))}>
            last {choice}
          </button>
        ))}
      </div>
      <select
        aria-label="environment"
        value={scope.environment}
        title="the application's traffic leaves out what genchi sends itself: shadow copies, experiments and judge calls (eval)"
        onChange={(event) => navigate(scope.href(path, { environment: event.target.value }))}
      >
        <option value="">application traffic</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice} only
          </option>
        ))}
      </select>
    </>
  );
}

function balance(task: TaskSummary): string {
  const { positive, negative, balance: value } = task.feedback;
  return value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)} (${positive}↑ ${negative}↓)`;
}

/** Why a cost per call may rest on fewer calls than the count (or none): models the price table lacks. */
function costNote(task: TaskSummary): string | undefined {
  if (task.pricedCount === task.count) return undefined;
  if (task.pricedCount === 0) return 'no call has a known cost: add the model to prices: in genchi.config.yaml';
  return `average of the ${formatCount(task.pricedCount)} of ${formatCount(task.count)} calls whose cost is known`;
}

/** Every task over a window: a table of its figures, then its charts. */
export function TasksPage() {
  const scope = useTaskScope();
  const { window } = scope;
  const tasks = useApi<{ data: TaskSummary[] }>(`/v1/tasks?${scope.query}`);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Tasks</h1>
        <ScopePicker path="/tasks" />
      </header>
      {tasks.error ? <ErrorState error={tasks.error} retry={tasks.reload} /> : null}
      {tasks.data === undefined && !tasks.error ? <Loading label="Loading tasks…" /> : null}
      {tasks.data?.data.length === 0 ? (
        <EmptyState title={`No model calls in the last ${window}${scope.environment === '' ? '' : ` in environment ${scope.environment}`}`} action={<Link to="/traces" className="button">How to send traces</Link>}>
          Tasks appear here once spans with a task arrive (the SDK's <code>task</code> option, the gateway's <code>x-genchi-task</code> header, or a span's <code>task</code> field).
        </EmptyState>
      ) : null}
      {tasks.data && tasks.data.data.length > 0 ? (
        <>
          <table className="table" data-testid="tasks-table">
            <thead>
              <tr>
                <th>task</th>
                <th className="number">calls</th>
                <th className="number">error rate</th>
                <th className="number">p50</th>
                <th className="number">p95</th>
                <th className="number">TTFT p50</th>
                <th className="number">cost / 1k calls</th>
                <th className="number">feedback</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.data.map((task) => (
                <tr key={task.task}>
                  <td><Link to={scope.href(`/tasks/${encodeURIComponent(task.task)}`)}>{task.task}</Link></td>
                  <td className="number">{formatCount(task.count)}</td>
                  <td className={`number${task.errorRate > 0.05 ? ' negative' : ''}`}>{formatPercent(task.errorRate)}</td>
                  <td className="number">{formatDuration(task.latencyP50Ms)}</td>
                  <td className="number">{formatDuration(task.latencyP95Ms)}</td>
                  <td className="number">{formatDuration(task.ttftP50Ms)}</td>
                  <td className="number" title={costNote(task)}>
                    {formatCost(task.costPer1kCallsUsd)}
                    {task.pricedCount > 0 && task.pricedCount < task.count ? '*' : ''}
                  </td>
                  <td className="number">{balance(task)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {tasks.data.data.map((task) => (
            <section key={task.task} className="task-card">
              <h2>
                <Link to={scope.href(`/tasks/${encodeURIComponent(task.task)}`)}>{task.task}</Link>
              </h2>
              <TaskCharts task={task.task} query={scope.query} kind="llm" />
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
