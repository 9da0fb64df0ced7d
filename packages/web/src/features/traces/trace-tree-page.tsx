import type { TraceNode } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCountOf, formatDuration } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { ErrorState, Loading } from '../../components/states.js';
import { StatusBadge } from './span-list.js';

interface TraceAnswer {
  traceId: string;
  spanCount: number;
  roots: TraceNode[];
}

function flatten(nodes: TraceNode[], depth = 0): Array<{ node: TraceNode; depth: number }> {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

/** A trace as a waterfall: each span indented under its parent, with a bar for when it ran. */
export function TraceTreePage({ traceId }: { traceId: string }) {
  const trace = useApi<TraceAnswer>(`/v1/traces/${encodeURIComponent(traceId)}`);
  if (trace.error) return <ErrorState error={trace.error} retry={trace.reload} title={`Trace ${traceId} could not be loaded`} />;
  if (trace.data === undefined) return <Loading label="Loading trace…" />;
  const rows = flatten(trace.data.roots);
  const start = Math.min(...rows.map(({ node }) => Date.parse(node.startTime)));
  const end = Math.max(...rows.map(({ node }) => (node.endTime ? Date.parse(node.endTime) : Date.parse(node.startTime))), start + 1);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Trace {traceId}</h1>
        <span className="muted">
          {formatCountOf(trace.data.spanCount, 'span')} · {formatDuration(end - start)}
        </span>
      </header>
      <div className="waterfall">
        {rows.map(({ node, depth }) => {
          const left = ((Date.parse(node.startTime) - start) / (end - start)) * 100;
          const width = Math.max(0.5, (((node.endTime ? Date.parse(node.endTime) : Date.parse(node.startTime)) - Date.parse(node.startTime)) / (end - start)) * 100);
          return (
            <Link key={node.id} to={`/traces/${encodeURIComponent(node.id)}?traceId=${encodeURIComponent(traceId)}`} className="waterfall-row">
              <span className="waterfall-name" style={{ paddingLeft: depth * 16 }}>
                <span className="muted">{node.kind}</span> {node.name} <StatusBadge status={node.status} />
              </span>
              <span className="waterfall-track">
                <span className={`waterfall-bar bar-${node.kind}`} style={{ left: `${left}%`, width: `${width}%` }} />
              </span>
              <span className="number">{formatDuration(node.latencyMs)}</span>
            </Link>
          );
        })}
      </div>
    </section>
  );
}
