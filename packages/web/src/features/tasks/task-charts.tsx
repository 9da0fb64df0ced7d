import type { TaskDetail } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCost, formatDuration, formatPercent } from '../../app/format.js';
import { BarChart, LineChart } from '../../components/charts.js';
import { ErrorState, Loading } from '../../components/states.js';

function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const date = new Date(iso);
  return bucket === 'hour' ? `${String(date.getHours()).padStart(2, '0')}:00` : `${date.getMonth() + 1}/${date.getDate()}`;
}

/** A task's figures over time: volume and errors, latency percentiles and TTFT, cost per 1,000 calls, feedback balance. */
export function TaskCharts({ task, query, kind }: { task: string; query: string; kind: string }) {
  const detail = useApi<TaskDetail>(`/v1/tasks/${encodeURIComponent(task)}?${query}&kind=${kind}`);
  if (detail.error) return <ErrorState error={detail.error} retry={detail.reload} />;
  if (detail.data === undefined) return <Loading label="Loading charts…" />;
  const { series, bucket } = detail.data;
  const labels = series.map((row) => bucketLabel(row.bucketStart, bucket));
  return (
    <div className="charts">
      <BarChart
        title="Calls per bucket"
        labels={labels}
        series={[
          { label: 'ok', color: '#3a7ca5', values: series.map((row) => row.count - row.errorCount) },
          { label: 'errors', color: '#d1495b', values: series.map((row) => row.errorCount) },
        ]}
      />
      <LineChart
        title="Latency"
        labels={labels}
        format={formatDuration}
        series={[
          { label: 'p50', color: '#3a7ca5', values: series.map((row) => row.latencyP50Ms) },
          { label: 'p95', color: '#edae49', values: series.map((row) => row.latencyP95Ms) },
          { label: 'TTFT p50', color: '#66a182', values: series.map((row) => row.ttftP50Ms) },
        ]}
      />
      <LineChart title="Error rate" labels={labels} format={(value) => formatPercent(value, 0)} series={[{ label: 'error rate', color: '#d1495b', values: series.map((row) => (row.count === 0 ? null : row.errorRate)) }]} />
      <LineChart title="Cost per 1,000 calls" labels={labels} format={formatCost} series={[{ label: 'cost', color: '#00798c', values: series.map((row) => row.costPer1kCallsUsd) }]} />
      <BarChart
        title="Feedback"
        labels={labels}
        series={[
          { label: 'positive', color: '#66a182', values: series.map((row) => row.feedback.positive) },
          { label: 'negative', color: '#d1495b', values: series.map((row) => row.feedback.negative) },
        ]}
      />
    </div>
  );
}
