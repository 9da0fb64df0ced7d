import type { TaskLatency } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatDuration } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { ScatterPlot } from '../../components/charts.js';
import { ErrorState, Loading } from '../../components/states.js';
import { TaskCharts } from './task-charts.js';
import { ScopePicker, useTaskScope } from './tasks-page.js';

const palette = ['#3a7ca5', '#edae49', '#66a182', '#d1495b', '#8d6a9f', '#00798c'];

/** One task: its charts and the scatter of latency against output tokens with the fitted line. */
export function TaskDetailPage({ task }: { task: string }) {
  const scope = useTaskScope();
  const { window } = scope;
  const latency = useApi<TaskLatency>(`/v1/tasks/${encodeURIComponent(task)}/latency?${scope.query}`);
  const models = [...new Set(latency.data?.points.map((point) => point.model ?? '?') ?? [])];
  return (
    <section className="page">
      <header className="page-head">
        <h1>
          <Link to={scope.href('/tasks')}>Tasks</Link> / {task}
        </h1>
        <ScopePicker path={`/tasks/${encodeURIComponent(task)}`} />
        <Link className="button" to={`/traces?task=${encodeURIComponent(task)}&from=${window}${scope.environment === '' ? '' : `&environment=${encodeURIComponent(scope.environment)}`}`}>
          See its spans
        </Link>
        <Link className="button" to={`/checks/${encodeURIComponent(task)}`}>
          Its checks
        </Link>
      </header>
      <TaskCharts task={task} query={scope.query} kind="llm" />
      <section className="task-card">
        <h2>Latency follows output length</h2>
        {latency.error ? <ErrorState error={latency.error} retry={latency.reload} /> : null}
        {latency.data === undefined && !latency.error ? <Loading /> : null}
        {latency.data ? (
          <div className="scatter-row">
            <ScatterPlot
              title={`latency against output tokens (${latency.data.points.length} of ${latency.data.total} calls)`}
              xLabel="tokens"
              format={formatDuration}
              points={latency.data.points.map((point) => ({ x: point.outputTokens, y: point.latencyMs, color: palette[models.indexOf(point.model ?? '?') % palette.length] ?? '#3a7ca5' }))}
              line={latency.data.fit ? { slope: latency.data.fit.msPerOutputToken, intercept: latency.data.fit.overheadMs } : null}
            />
            <div className="fit" data-testid="latency-fit">
              {latency.data.fit ? (
                <>
                  <p className="big">{latency.data.fit.msPerOutputToken.toFixed(1)} ms per output token</p>
                  <p className="big">{formatDuration(latency.data.fit.overheadMs)} fixed overhead</p>
                  <p className="muted">r² {latency.data.fit.r2.toFixed(2)} over {latency.data.fit.n} calls</p>
                </>
              ) : (
                <p className="muted">Too few calls with both latency and output tokens to fit a line.</p>
              )}
              <table className="table compact">
                <tbody>
                  {latency.data.byModel.map((entry) => (
                    <tr key={entry.model ?? '?'}>
                      <td>
                        <i className="swatch" style={{ background: palette[models.indexOf(entry.model ?? '?') % palette.length] }} />
                        {entry.model ?? 'unknown model'}
                      </td>
                      <td className="number">{entry.fit ? `${entry.fit.msPerOutputToken.toFixed(1)} ms/token + ${formatDuration(entry.fit.overheadMs)}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </section>
    </section>
  );
}
