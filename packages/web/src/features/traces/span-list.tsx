import type { SpanRow } from '@genchi/spec';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatCost, formatDuration, formatTime, formatTokens } from '../../app/format.js';

const rowHeight = 46;

/** The status of a span as a small coloured word. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}

/** A virtualized list of compact span rows: only the rows in view are in the page, so a long list stays fast. */
export function SpanList(props: { rows: SpanRow[]; selectedId: string | null; onSelect(row: SpanRow): void; onNearEnd(): void; footer: string }) {
  const { rows, selectedId, onSelect, onNearEnd, footer } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length + 1, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 20) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId);
  useEffect(() => {
    // Brings the selected span into view when it is chosen (or arrives on a later page), not on every load.
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex >= 0, selectedId]);

  return (
    <div className="span-list" ref={scroller} role="table" aria-label="spans" data-testid="span-list">
      <div className="span-row span-head" role="row">
        <span>time</span>
        <span>task</span>
        <span>model</span>
        <span>status</span>
        <span className="number">latency</span>
        <span className="number">tokens</span>
        <span className="number">cost</span>
        <span>input → output</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` };
          if (row === undefined) {
            return (
              <div key="footer" className="span-row span-footer" style={style}>
                {footer}
              </div>
            );
          }
          const model = row.resolvedModel ?? row.model;
          return (
            <div
              key={row.id}
              role="row"
              data-row={row.id}
              className={`span-row${row.id === selectedId ? ' selected' : ''}`}
              style={style}
              onClick={() => onSelect(row)}
              tabIndex={0}
              onKeyDown={(event) => (event.key === 'Enter' ? onSelect(row) : undefined)}
            >
              <span className="muted">{formatTime(row.startTime)}</span>
              <span className="truncate">{row.task}</span>
              <span className={model === null ? 'truncate muted' : 'truncate'} title={model ?? `no model recorded (${row.kind} span)`}>
                {model ?? '—'}
              </span>
              <span>
                <StatusBadge status={row.status} />
              </span>
              <span className="number">{formatDuration(row.latencyMs)}</span>
              <span className="number" title="input + output tokens">
                {formatTokens(row.usage)}
              </span>
              <span className="number">{formatCost(row.costUsd)}</span>
              <span className="preview">
                <span className="truncate">{row.inputPreview || '—'}</span>
                <span className="truncate muted">→ {row.outputPreview || row.errorMessage || '—'}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
