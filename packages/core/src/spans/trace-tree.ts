import type { SpanRow, TraceNode } from '@genchi/spec';
import { compareInstants } from '../time/compare-instants.js';

/** Nests the spans of a trace under their parents, oldest first at each level; spans whose parent is absent become roots. */
export function buildTraceTree(rows: readonly SpanRow[]): TraceNode[] {
  const nodes = new Map<string, TraceNode>(rows.map((row) => [row.id, { ...row, children: [] }]));
  const roots: TraceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: TraceNode, b: TraceNode) => compareInstants(a.startTime, b.startTime);
  const sortDeep = (list: TraceNode[]) => {
    list.sort(byStart);
    list.forEach((node) => sortDeep(node.children));
  };
  sortDeep(roots);
  return roots;
}
