import type { FailureMode, Page, ReviewItem, ReviewItemChange, ScoreSource, Span } from '@genchi/spec';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client.js';

/** An item with its span and its task's failure modes, as `GET /v1/review/items/:id` answers. */
export interface ItemDetail {
  item: ReviewItem;
  span: (Span & { scores: Array<{ id: string; name: string; value: unknown; source: ScoreSource }> }) | null;
  failureModes: FailureMode[];
}

const undoKey = (task: string) => `genchi.undo.${task}`;

function readUndo(task: string): string[] {
  try {
    return JSON.parse(window.sessionStorage.getItem(undoKey(task)) ?? '[]') as string[];
  } catch {
    return [];
  }
}

/** What the screen shows of an item right after an action, before the server's answer replaces it. */
function optimistic(item: ReviewItem, change: ReviewItemChange, modes: FailureMode[]): ReviewItem {
  const next = { ...item };
  if (change.verdict !== undefined) next.verdict = change.verdict;
  if (change.note !== undefined) next.note = change.note;
  if (change.correctedOutput !== undefined) next.correctedOutput = change.correctedOutput;
  if (change.failureModes !== undefined) {
    next.failureModes = change.failureModes.map((id) => {
      const mode = modes.find((entry) => entry.id === id);
      return item.failureModes.find((entry) => entry.id === id) ?? { id, name: mode?.name ?? id, version: mode?.version ?? 1, currentVersion: mode?.version ?? 1, stale: false };
    });
  }
  return next;
}

/**
 * The state of one review session: the day's items of a task, the open item's span, the task's
 * failure modes, and the actions (each saved at once; undo takes back the last one, across reloads
 * of the tab through sessionStorage).
 */
export function useReviewSession(task: string, day: string | null, reviewer: string | null) {
  const [items, setItems] = useState<ReviewItem[] | undefined>(undefined);
  const [modes, setModes] = useState<FailureMode[]>([]);
  const [details, setDetails] = useState<Map<string, ItemDetail>>(new Map());
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const requested = useRef(new Set<string>());

  const load = useCallback(() => {
    if (day === null) return;
    setError(undefined);
    const query = `task=${encodeURIComponent(task)}&day=${day}&limit=1000`;
    Promise.all([api<Page<ReviewItem>>(`/v1/review/items?${query}`), api<{ data: FailureMode[] }>(`/v1/review/failure-modes?task=${encodeURIComponent(task)}`)]).then(
      ([page, taxonomy]) => {
        setItems(page.data);
        setModes(taxonomy.data);
      },
      (failure: unknown) => setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure), 'error')),
    );
  }, [task, day]);
  useEffect(load, [load]);

  const ensureDetail = useCallback((itemId: string) => {
    if (requested.current.has(itemId)) return;
    requested.current.add(itemId);
    api<ItemDetail>(`/v1/review/items/${itemId}`).then(
      (detail) => setDetails((current) => new Map(current).set(itemId, detail)),
      () => requested.current.delete(itemId),
    );
  }, []);

  const replace = useCallback((item: ReviewItem) => {
    setItems((current) => current?.map((entry) => (entry.id === item.id ? item : entry)));
    setDetails((current) => {
      const detail = current.get(item.id);
      return detail ? new Map(current).set(item.id, { ...detail, item }) : current;
    });
  }, []);

  const apply = useCallback(
    async (item: ReviewItem, change: ReviewItemChange, remember = true) => {
      replace(optimistic(item, change, modes));
      setPending((count) => count + 1);
      try {
        const saved = await api<ReviewItem>(`/v1/review/items/${item.id}`, { method: 'PATCH', body: { ...change, ...(reviewer ? { reviewer } : {}) } });
        replace(saved);
        if (remember) {
          const stack = readUndo(task);
          if (stack[stack.length - 1] !== item.id || !('note' in change || 'correctedOutput' in change)) stack.push(item.id);
          window.sessionStorage.setItem(undoKey(task), JSON.stringify(stack.slice(-200)));
        }
        setNotice(null);
      } catch (failure) {
        replace(item);
        setNotice(`Not saved: ${(failure as Error).message}`);
      } finally {
        setPending((count) => count - 1);
      }
    },
    [modes, replace, reviewer, task],
  );

  const undo = useCallback(
    async (fallbackItemId: string | null): Promise<string | null> => {
      const stack = readUndo(task);
      const itemId = stack.pop() ?? fallbackItemId;
      window.sessionStorage.setItem(undoKey(task), JSON.stringify(stack));
      if (itemId === null) return null;
      try {
        const result = await api<{ item: ReviewItem; undone: unknown }>(`/v1/review/items/${itemId}/undo`, { method: 'POST', body: reviewer ? { reviewer } : {} });
        replace(result.item);
        setNotice(result.undone === null ? 'Nothing left to undo on this item.' : 'Undone.');
        return itemId;
      } catch (failure) {
        setNotice(`Undo failed: ${(failure as Error).message}`);
        return null;
      }
    },
    [replace, reviewer, task],
  );

  const addMode = useCallback(
    async (name: string, definition: string): Promise<FailureMode | null> => {
      try {
        const mode = await api<FailureMode>('/v1/review/failure-modes', { method: 'POST', body: { task, name, definition } });
        setModes((current) => [...current, mode]);
        return mode;
      } catch (failure) {
        setNotice(`Could not add the failure mode: ${(failure as Error).message}`);
        return null;
      }
    },
    [task],
  );

  return { items, modes, details, error, notice, setNotice, saving: pending > 0, reload: load, ensureDetail, apply, undo, addMode };
}
