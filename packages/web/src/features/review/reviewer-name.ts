import { useCallback, useState } from 'react';

const storageKey = 'genchi.reviewer';

/** The name this browser reviews as (kept in localStorage; sent with each action so history says who acted). */
export function useReviewerName(fallback: string | null): [string | null, (name: string) => void] {
  const [name, setName] = useState<string | null>(() => window.localStorage.getItem(storageKey));
  const choose = useCallback((next: string) => {
    window.localStorage.setItem(storageKey, next);
    setName(next);
  }, []);
  return [name ?? fallback, choose];
}
