import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './client.js';

/** The state of one GET: its data once loaded, its error, and whether it is loading. */
export interface ApiState<Answer> {
  data: Answer | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  /** Replaces the data locally (after a write that answered the new state). */
  setData(data: Answer): void;
}

/** Loads a path (none when null) and again whenever it changes or `reload()` is called. */
export function useApi<Answer>(path: string | null): ApiState<Answer> {
  const [data, setData] = useState<Answer | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api<Answer>(path, { signal: controller.signal }).then(
      (answer) => {
        setData(answer);
        setLoading(false);
      },
      (failure: unknown) => {
        if ((failure as Error).name === 'AbortError') return;
        setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure), 'error'));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}
