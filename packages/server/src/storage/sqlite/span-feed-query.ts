import type { SpanRecord } from '@genchi/core';
import type { SpanFeedQuery } from '../check-store.js';
import type { SqliteDatabase } from './open-database.js';
import { compactColumns, rowsToSpan, type BodyRow, type CompactRow } from './span-columns.js';

// Only the bodies assertions read are parsed; params, tool calls, attributes and raw stay unread.
const select = (hint = '') => `SELECT s.row, ${compactColumns.map((column) => `s.${column}`).join(', ')}, b.input AS body_input, b.output AS body_output, b.metadata AS body_metadata
  FROM spans s ${hint} LEFT JOIN span_bodies b ON b.row = s.row`;

type FeedRow = CompactRow & { body_input: string | null; body_output: string | null; body_metadata: string | null };

const toRecord = (row: FeedRow): SpanRecord => {
  const bodies: BodyRow = { params: null, input: row.body_input, output: row.body_output, tool_calls: null, metadata: row.body_metadata, attributes: null, raw: null };
  return rowsToSpan(row, bodies);
};

function filters(query: SpanFeedQuery): { sql: string; parameters: unknown[] } {
  const sql = ['+s.task = ?', 's.kind = ?'];
  const parameters: unknown[] = [query.task, query.kind];
  if (query.environment === null) sql.push("s.environment <> 'eval'");
  else {
    sql.push('s.environment = ?');
    parameters.push(query.environment);
  }
  return { sql: sql.join(' AND '), parameters };
}

/** Reads of spans for evaluation: in storage order after a position (online), or newest first in a window (reports). */
export class SpanFeedQueries {
  private readonly latest;

  constructor(private readonly database: SqliteDatabase) {
    // Positions are rowids shared by every project: the newest row overall is a bound that costs one seek.
    this.latest = database.prepare<[], { position: number | null }>('SELECT max(row) AS position FROM spans');
  }

  /** The position of the newest stored span (0 when none). */
  latestPosition(): number {
    return this.latest.get()?.position ?? 0;
  }

  /**
   * Spans after a position, up to `through`, oldest first. The rowid range drives the scan (the
   * unary plus keeps the task index out), so a job reads each new row once however large the table.
   */
  after(project: number, position: number, through: number, query: SpanFeedQuery): { spans: SpanRecord[]; position: number } {
    const where = filters(query);
    const rows = this.database
      .prepare<unknown[], FeedRow>(`${select()} WHERE s.row > ? AND s.row <= ? AND +s.project = ? AND ${where.sql} ORDER BY s.row LIMIT ?`)
      .all(position, through, project, ...where.parameters, query.limit);
    const last = rows[rows.length - 1];
    return { spans: rows.map(toRecord), position: rows.length === query.limit && last !== undefined ? last.row : through };
  }

  /** Spans of a task that started in a window, newest first. */
  inWindow(project: number, window: { from: number; to: number }, query: SpanFeedQuery): SpanRecord[] {
    const where = filters(query);
    return this.database
      .prepare<unknown[], FeedRow>(`${select('INDEXED BY spans_by_task')} WHERE s.project = ? AND s.task = ? AND s.start_time >= ? AND s.start_time < ? AND ${where.sql} ORDER BY s.start_time DESC LIMIT ?`)
      .all(project, query.task, window.from, window.to, ...where.parameters, query.limit)
      .map(toRecord);
  }
}
