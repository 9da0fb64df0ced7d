import type { ReviewItemQuery } from '@genchi/spec';

const staleTag = 'EXISTS (SELECT 1 FROM review_item_modes m JOIN failure_modes f ON f.row = m.mode WHERE m.item = i.row AND m.version < f.version)';

/** The filters of an item query as conditions on review_items `i`, with the cursor (the last row shown). */
export function reviewItemConditions(project: number, query: ReviewItemQuery): { sql: string[]; parameters: unknown[] } {
  const sql = ['i.project = ?'];
  const parameters: unknown[] = [project];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    sql.push(`i.${column} = ?`);
    parameters.push(value);
  };
  equal('task', query.task);
  equal('day', query.day);
  equal('verdict', query.verdict);
  equal('assigned_to', query.assignedTo);
  equal('span_id', query.spanId);
  if (query.status === 'waiting') sql.push('i.verdict IS NULL');
  if (query.status === 'reviewed') sql.push('i.verdict IS NOT NULL');
  if (query.failureMode !== undefined) {
    sql.push('EXISTS (SELECT 1 FROM review_item_modes m JOIN failure_modes f ON f.row = m.mode WHERE m.item = i.row AND f.id = ?)');
    parameters.push(query.failureMode);
  }
  if (query.stale !== undefined) sql.push(query.stale ? staleTag : `NOT ${staleTag}`);
  if (query.cursor !== undefined) {
    sql.push('i.row > ?');
    parameters.push(Number.parseInt(query.cursor, 10) || 0);
  }
  return { sql, parameters };
}
