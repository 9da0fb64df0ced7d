import type { ReviewCoverage } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatPercent } from '../../app/format.js';
import { BarChart, LineChart } from '../../components/charts.js';
import { ErrorState, Loading } from '../../components/states.js';

const palette = ['#d1495b', '#edae49', '#8d6a9f', '#00798c', '#66a182', '#3a7ca5', '#30638e', '#b5651d'];

/** Reviewing coverage: how much was reviewed today and this week, what waits, and fail rates by failure mode over time. */
export function CoveragePanel({ task }: { task?: string }) {
  const coverage = useApi<ReviewCoverage>(`/v1/review/coverage?days=14${task ? `&task=${encodeURIComponent(task)}` : ''}`);
  if (coverage.error) return <ErrorState error={coverage.error} retry={coverage.reload} />;
  if (coverage.data === undefined) return <Loading label="Loading coverage…" />;
  const { days, modes } = coverage.data;
  const labels = days.map((day) => day.day.slice(5));
  return (
    <section className="panel" data-testid="coverage">
      <h2>Coverage</h2>
      <div className="stats">
        <div className="stat"><span className="stat-value">{coverage.data.reviewedToday}</span><span className="stat-label">reviewed today</span></div>
        <div className="stat"><span className="stat-value">{coverage.data.reviewedThisWeek}</span><span className="stat-label">this week</span></div>
        <div className="stat"><span className="stat-value">{coverage.data.waiting}</span><span className="stat-label">items waiting</span></div>
        <div className="stat"><span className="stat-value">{coverage.data.stale}</span><span className="stat-label">graded under old definitions</span></div>
      </div>
      <div className="charts">
        <LineChart title="Fail rate of reviewed items" labels={labels} format={(value) => formatPercent(value, 0)} series={[{ label: 'fail rate', color: '#d1495b', values: days.map((day) => (day.reviewed === 0 ? null : day.failed / day.reviewed)) }]} />
        <BarChart
          title="Failure modes per reviewed item"
          labels={labels}
          format={(value) => formatPercent(value, 0)}
          series={modes.map((mode, index) => ({
            label: mode.name,
            color: palette[index % palette.length] ?? '#d1495b',
            values: days.map((day) => (day.reviewed === 0 ? 0 : (day.byMode[mode.id] ?? 0) / day.reviewed)),
          }))}
        />
        <BarChart title="Reviewed per day" labels={labels} series={[{ label: 'reviewed', color: '#3a7ca5', values: days.map((day) => day.reviewed) }]} />
      </div>
    </section>
  );
}
