import type { ReactNode } from 'react';

/** One line or bar series. */
export interface Series {
  label: string;
  color: string;
  values: Array<number | null>;
}

/** The drawing area of a chart, in SVG units (the SVG scales to its box). */
interface Size {
  width: number;
  height: number;
}

const small: Size = { width: 320, height: 120 };
const pad = { left: 50, right: 8, top: 8, bottom: 18 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function Frame(props: { title: string; max: number; format: (value: number) => string; labels: string[]; children: ReactNode; legend?: Series[]; size?: Size }) {
  const { title, max, format, labels, children, legend, size = small } = props;
  const { width, height } = size;
  const innerHeight = height - pad.top - pad.bottom;
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {legend && legend.length > 1 ? (
          <span className="chart-legend">
            {legend.map((series) => (
              <span key={series.label}>
                <i style={{ background: series.color }} />
                {series.label}
              </span>
            ))}
          </span>
        ) : null}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {[0, 0.5, 1].map((share) => {
          const y = pad.top + innerHeight * (1 - share);
          return (
            <g key={share}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className="chart-grid" />
              <text x={pad.left - 4} y={y + 3} className="chart-axis" textAnchor="end">
                {format(max * share)}
              </text>
            </g>
          );
        })}
        {children}
        {labels.length > 0 ? (
          <>
            <text x={pad.left} y={height - 4} className="chart-axis">
              {labels[0]}
            </text>
            <text x={width - pad.right} y={height - 4} className="chart-axis" textAnchor="end">
              {labels[labels.length - 1]}
            </text>
          </>
        ) : null}
      </svg>
    </figure>
  );
}

/** Runs of consecutive buckets that have a value (a gap in the data is a gap in the line). */
function segments(values: ReadonlyArray<number | null>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(index);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Lines over evenly spaced buckets; buckets without a value leave a gap. */
export function LineChart({ title, series, labels, format = String }: { title: string; series: Series[]; labels: string[]; format?: (value: number) => string }) {
  const { width, height } = small;
  const count = Math.max(1, ...series.map((entry) => entry.values.length));
  const max = niceMax(Math.max(0, ...series.flatMap((entry) => entry.values.filter((value): value is number => value !== null))));
  const x = (index: number) => pad.left + (count === 1 ? 0.5 : index / (count - 1)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - value / max) * (height - pad.top - pad.bottom);
  return (
    <Frame title={title} max={max} format={format} labels={labels} legend={series}>
      {series.map((entry) => (
        <g key={entry.label}>
          {segments(entry.values).map((segment) =>
            segment.length === 1 ? (
              <circle key={segment[0]} cx={x(segment[0] as number)} cy={y(entry.values[segment[0] as number] as number)} r={2.5} fill={entry.color} />
            ) : (
              <polyline key={segment[0]} points={segment.map((index) => `${x(index)},${y(entry.values[index] as number)}`).join(' ')} fill="none" stroke={entry.color} strokeWidth={1.6} />
            ),
          )}
        </g>
      ))}
    </Frame>
  );
}

/** Stacked bars over evenly spaced buckets. */
export function BarChart({ title, series, labels, format = String }: { title: string; series: Series[]; labels: string[]; format?: (value: number) => string }) {
  const { width, height } = small;
  const count = Math.max(1, ...series.map((entry) => entry.values.length));
  const totals = Array.from({ length: count }, (_, index) => series.reduce((sum, entry) => sum + (entry.values[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = (width - pad.left - pad.right) / count;
  const scale = (value: number) => (value / max) * (height - pad.top - pad.bottom);
  return (
    <Frame title={title} max={max} format={format} labels={labels} legend={series}>
      {Array.from({ length: count }, (_, index) => {
        let base = height - pad.bottom;
        return (
          <g key={index}>
            {series.map((entry) => {
              const value = entry.values[index] ?? 0;
              const barHeight = scale(value);
              base -= barHeight;
              return value > 0 ? <rect key={entry.label} x={pad.left + index * slot + slot * 0.15} y={base} width={slot * 0.7} height={barHeight} fill={entry.color} /> : null;
            })}
          </g>
        );
      })}
    </Frame>
  );
}

/** Points with an optional fitted line y = intercept + slope × x. */
export function ScatterPlot(props: {
  title: string;
  points: Array<{ x: number; y: number; color?: string }>;
  line?: { slope: number; intercept: number } | null;
  xLabel: string;
  format?: (value: number) => string;
}) {
  const { title, points, line, xLabel, format = String } = props;
  const size = { width: 560, height: 260 };
  const { width, height } = size;
  const maxX = niceMax(Math.max(1, ...points.map((point) => point.x)));
  const maxY = niceMax(Math.max(1, ...points.map((point) => point.y), line ? line.intercept + line.slope * maxX : 0));
  const x = (value: number) => pad.left + (value / maxX) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - Math.min(value, maxY) / maxY) * (height - pad.top - pad.bottom);
  return (
    <Frame title={title} max={maxY} format={format} labels={['0', `${maxX} ${xLabel}`]} size={size}>
      {points.map((point, index) => (
        <circle key={index} cx={x(point.x)} cy={y(point.y)} r={2.6} fill={point.color ?? '#3a7ca5'} opacity={0.65} />
      ))}
      {line ? <line x1={x(0)} y1={y(line.intercept)} x2={x(maxX)} y2={y(line.intercept + line.slope * maxX)} stroke="#d1495b" strokeWidth={1.8} /> : null}
    </Frame>
  );
}
