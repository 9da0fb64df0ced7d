import type { AssertionTypeInfo, Check, CheckAlignment } from '@genchi/spec';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { AlignmentCell } from './check-table.js';

const keyOf = (check: Check) => `${check.id}:${check.version}`;

/**
 * The alignment of each of a few checks with the human grades, one request per check: measured at
 * once for code checks, on request for those that call a model (each run costs tokens).
 */
export function useCheckAlignments(checks: Check[], types: AssertionTypeInfo[] | undefined): Map<string, AlignmentCell> {
  const [results, setResults] = useState<Map<string, Exclude<AlignmentCell, { ask(): void } | null>>>(new Map());
  const [asked, setAsked] = useState<Set<string>>(new Set());
  const measure = useCallback((check: Check) => {
    const key = keyOf(check);
    setResults((current) => new Map(current).set(key, { loading: true }));
    api<CheckAlignment>(`/v1/checks/assertions/${check.id}/alignment`).then(
      (answer) => setResults((current) => new Map(current).set(key, { report: answer.alignment })),
      (failure: Error) => setResults((current) => new Map(current).set(key, { error: failure.message })),
    );
  }, []);
  useEffect(() => {
    if (types === undefined) return;
    for (const check of checks) {
      const needsModel = types.find((type) => type.id === check.assertion.type)?.needsModel ?? false;
      if (!results.has(keyOf(check)) && (!needsModel || asked.has(check.id))) measure(check);
    }
  }, [checks, types, asked, results, measure]);
  const cells = new Map<string, AlignmentCell>();
  for (const check of checks) cells.set(check.id, results.get(keyOf(check)) ?? { ask: () => setAsked((current) => new Set(current).add(check.id)) });
  return cells;
}
