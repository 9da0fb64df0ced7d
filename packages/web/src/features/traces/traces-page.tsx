import type { SpanRow } from '@genchi/spec';
import { useEffect, useState } from 'react';
import { formatCount, formatCountOf } from '../../app/format.js';
import { navigate, useLocation } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { GettingStarted } from '../setup/getting-started.js';
import { filtersFromSearch, hasFilters, searchOfFilters, spanFilterFields, type SpanFilterKey, type SpanFilters } from './filter-state.js';
import { SpanDetail } from './span-detail.js';
import { SpanList } from './span-list.js';
import { useSpanPages } from './use-span-pages.js';

function FilterBar({ filters, onChange }: { filters: SpanFilters; onChange(next: SpanFilters): void }) {
  const [draft, setDraft] = useState<SpanFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = (key: SpanFilterKey, value: string, apply: boolean) => {
    const next = { ...draft };
    if (value === '') delete next[key];
    else next[key] = value;
    setDraft(next);
    if (apply) onChange(next);
  };
  return (
    <form className="filters" onSubmit={(event) => { event.preventDefault(); onChange(draft); }} aria-label="filters">
      {spanFilterFields.map((field) =>
        'choices' in field ? (
          <label key={field.key}>
            <span>{field.label}</span>
            <select value={draft[field.key] ?? ''} onChange={(event) => set(field.key, event.target.value, true)} name={field.key}>
              <option value="">{field.key === 'from' ? 'all time' : 'any'}</option>
              {field.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {field.key === 'from' ? `last ${choice}` : choice}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label key={field.key}>
            <span>{field.label}</span>
            <input name={field.key} value={draft[field.key] ?? ''} onChange={(event) => set(field.key, event.target.value, false)} onBlur={() => onChange(draft)} placeholder="any" />
          </label>
        ),
      )}
      <button type="submit" hidden>apply</button>
      {hasFilters(filters) ? <button type="button" className="link" onClick={() => onChange({})}>clear filters</button> : null}
    </form>
  );
}

/** The traces page: filters in the URL, a virtualized list of spans that pages as it scrolls, and the selected span's detail. */
export function TracesPage({ spanId, project, canCreateKey }: { spanId: string | null; project: string; canCreateKey: boolean }) {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const query = searchOfFilters(filters);
  const pages = useSpanPages(filters);
  const empty = !pages.loading && pages.error === undefined && pages.rows.length === 0;
  const firstUse = empty && !hasFilters(filters);
  useEffect(() => {
    if (!firstUse) return;
    const timer = setInterval(pages.reload, 5000);
    return () => clearInterval(timer);
  }, [firstUse, pages.reload]);

  const footer = pages.loading ? 'Loading more…' : pages.done ? `${formatCountOf(pages.rows.length, 'span')}, the end of this list` : '';
  return (
    <section className="page traces-page">
      <header className="page-head">
        <h1>Traces</h1>
        <span className="muted">{pages.rows.length > 0 ? pages.done ? formatCountOf(pages.rows.length, 'span') : `${formatCount(pages.rows.length)}+ spans` : ''}</span>
      </header>
      {firstUse ? null : <FilterBar filters={filters} onChange={(next) => navigate(`/traces${spanId ? `/${encodeURIComponent(spanId)}` : ''}${searchOfFilters(next)}`)} />}
      {pages.error ? <ErrorState error={pages.error} retry={pages.reload} title="The spans could not be loaded" /> : null}
      {firstUse ? <GettingStarted project={project} canCreateKey={canCreateKey} /> : null}
      {empty && !firstUse ? (
        <EmptyState title="No spans match these filters" action={<button type="button" onClick={() => navigate('/traces')}>Clear filters</button>}>
          Widen the time window or remove a filter.
        </EmptyState>
      ) : null}
      {!empty && pages.rows.length === 0 && pages.loading ? <Loading label="Loading spans…" /> : null}
      {pages.rows.length > 0 ? (
        <div className={`split${spanId ? ' with-detail' : ''}`}>
          <SpanList
            rows={pages.rows}
            selectedId={spanId}
            onSelect={(row: SpanRow) => navigate(`/traces/${encodeURIComponent(row.id)}${query}`)}
            onNearEnd={pages.loadMore}
            footer={footer}
          />
          {spanId ? (
            <div className="detail-pane">
              <SpanDetail key={spanId} spanId={spanId} onClose={() => navigate(`/traces${query}`)} />
            </div>
          ) : null}
        </div>
      ) : null}
      {spanId && pages.rows.length === 0 && !pages.loading ? (
        <div className="detail-pane solo">
          <SpanDetail key={spanId} spanId={spanId} onClose={() => navigate(`/traces${query}`)} />
        </div>
      ) : null}
    </section>
  );
}
