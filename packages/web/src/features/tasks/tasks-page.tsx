import type { TaskSummary } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCost, formatCount, formatDuration, formatPercent } from '../../app/format.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { TaskCharts } from './task-charts.js';

/** The time windows the tasks pages offer. */
export const taskWindows = ['24h', '7d', '30d'] as const;

/** Chooses the window (and span kind) of a tasks page, kept in the URL. */
export function WindowPicker({ path }: { path: string }) {
  const { search } = useLocation();
  const window = search.get('window') ?? '7d';
  return (
    <div className="segmented" role="group" aria-label="window">
      {taskWindows.map((choice) => (
        <button key={choice} type="button" className={choice === window ? 'active' : ''} onClick={() => navigate(`${path}?window=${choice}`)}>
          last {choice}
        </button>
      ))}
    </div>
  );
}

function balance(task: TaskSummary): string {
  const { positive, negative, balance: value } = task.feedback;
  return value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)} (${positive}↑ ${negative}↓)`;
}

/** Every task over a window: a table of its figures, then its charts. */
export function TasksPage() {
  const { search } = useLocation();
  const window = search.get('window') ?? '7d';
  const tasks = useApi<{ data: TaskSummary[] }>(`/v1/tasks?from=${window}`);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Tasks</h1>
        <WindowPicker path="/tasks" />
      </header>
      {tasks.error ? <ErrorState error={tasks.error} retry={tasks.reload} /> : null}
      {tasks.data === undefined && !tasks.error ? <Loading label="Loading tasks…" /> : null}
      {tasks.data?.data.length === 0 ? (
        <EmptyState title={`No model calls in the last ${window}`} action={<Link to="/traces" className="button">How to send traces</Link>}>
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
                  <td><Link to={`/tasks/${encodeURIComponent(task.task)}?window=${window}`}>{task.task}</Link></td>
                  <td className="number">{formatCount(task.count)}</td>
                  <td className={`number${task.errorRate > 0.05 ? ' negative' : ''}`}>{formatPercent(task.errorRate)}</td>
                  <td className="number">{formatDuration(task.latencyP50Ms)}</td>
                  <td className="number">{formatDuration(task.latencyP95Ms)}</td>
                  <td className="number">{formatDuration(task.ttftP50Ms)}</td>
                  <td className="number">{formatCost(task.costPer1kCallsUsd)}</td>
                  <td className="number">{balance(task)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {tasks.data.data.map((task) => (
            <section key={task.task} className="task-card">
              <h2>
                <Link to={`/tasks/${encodeURIComponent(task.task)}?window=${window}`}>{task.task}</Link>
              </h2>
              <TaskCharts task={task.task} window={window} kind="llm" />
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
