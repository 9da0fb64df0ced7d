import type { SpanQuery } from '@genchi/spec';
import { recordKey, type KeyKind } from './record-keys.js';
import { compactColumns } from './span-columns.js';

/** A position in a newest-first list: the start time and row of the last span shown. */
export interface ListCursor {
  time: number;
  row: number;
}

/** A cursor that cannot be read. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** Encodes a cursor as opaque URL-safe text. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.row])).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}. */
export function decodeCursor(text: string): ListCursor {
  try {
    const [time, row] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && typeof row === 'number') return { time, row };
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError('cursor: not a cursor this server made');
}

/** A SQL condition list with its parameters. */
export interface Conditions {
  sql: string[];
  parameters: unknown[];
}

/** The filters of a query as conditions on spans `s`, besides the time and cursor bounds. */
export function spanConditions(project: number, query: SpanQuery): Conditions {
  const sql = ['s.project = ?'];
  const parameters: unknown[] = [project];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    sql.push(`s.${column} = ?`);
    parameters.push(value);
  };
  equal('task', query.task);
  equal('environment', query.environment);
  equal('status', query.status);
  equal('kind', query.kind);
  equal('user_id', query.userId);
  equal('session_id', query.sessionId);
  equal('trace_id', query.traceId);
  if (query.model !== undefined) {
    sql.push('(s.model = ? OR s.resolved_model = ?)');
    parameters.push(query.model, query.model);
  }
  if (query.tag !== undefined) {
    sql.push('EXISTS (SELECT 1 FROM json_each(s.tags) WHERE value = ?)');
    parameters.push(query.tag);
  }
  return { sql, parameters };
}

/** The most selective hashed key a query can be driven by, if any. */
export function drivingKey(project: number, query: SpanQuery): number | null {
  const candidates: Array<[KeyKind, string | undefined]> = [
    ['traceId', query.traceId],
    ['sessionId', query.sessionId],
    ['userId', query.userId],
    ['tag', query.tag],
  ];
  for (const [kind, value] of candidates) if (value !== undefined) return recordKey(kind, project, value);
  return null;
}

/** The compact columns of spans `s` as a select list. */
export const compactSelect = `s.row, ${compactColumns.map((column) => `s.${column}`).join(', ')}`;

/** Bounds on a time column: the window and, when paging, strictly before the cursor. */
export function timeBounds(timeColumn: string, rowColumn: string, query: SpanQuery, cursor: ListCursor | null): Conditions {
  const sql: string[] = [];
  const parameters: unknown[] = [];
  if (query.from !== undefined) {
    sql.push(`${timeColumn} >= ?`);
    parameters.push(query.from);
  }
  if (query.to !== undefined) {
    sql.push(`${timeColumn} <= ?`);
    parameters.push(query.to);
  }
  if (cursor !== null) {
    sql.push(`${timeColumn} <= ?`, `(${timeColumn} < ? OR ${rowColumn} < ?)`);
    parameters.push(cursor.time, cursor.time, cursor.row);
  }
  return { sql, parameters };
}
