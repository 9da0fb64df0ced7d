import type { Page, SpanRow } from '@genchi/spec';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { spansPath, type SpanFilters } from './filter-state.js';

/** Spans of a filter, page after page: rows loaded so far, whether more exist, and loading and error states. */
export function useSpanPages(filters: SpanFilters, pageSize = 100) {
  const key = JSON.stringify(filters);
  const [rows, setRows] = useState<SpanRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const generation = useRef(0);

  const load = useCallback(
    (from: string | null, replace: boolean) => {
      const round = generation.current;
      setLoading(true);
      setError(undefined);
      api<Page<SpanRow>>(spansPath(JSON.parse(key) as SpanFilters, from, pageSize)).then(
        (page) => {
          if (round !== generation.current) return;
          setRows((current) => (replace ? page.data : [...current, ...page.data]));
          setCursor(page.nextCursor);
          setDone(page.nextCursor === null);
          setLoading(false);
        },
        (failure: unknown) => {
          if (round !== generation.current) return;
          setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure), 'error'));
          setLoading(false);
        },
      );
    },
    [key, pageSize],
  );

  useEffect(() => {
    generation.current++;
    setRows([]);
    setCursor(null);
    setDone(false);
    load(null, true);
  }, [load]);

  const loadMore = useCallback(() => {
    if (!loading && !done && cursor !== null) load(cursor, false);
  }, [cursor, done, load, loading]);

  const reload = useCallback(() => {
    generation.current++;
    load(null, true);
  }, [load]);

  return { rows, loading, error, done, loadMore, reload };
}
