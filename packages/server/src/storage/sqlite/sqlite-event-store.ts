import type { EventInput, EventQuery, GenchiEvent, Page } from '@genchi/spec';
import type { EventStore, WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import { decodeCursor, encodeCursor } from './span-list-query.js';
import type { WriterClient } from './writer-client.js';

interface EventRow {
  row: number;
  id: string;
  type: string;
  at: number;
  task: string | null;
  summary: string;
  details: string;
}

const toEvent = (row: EventRow): GenchiEvent => ({
  id: row.id,
  type: row.type,
  at: new Date(row.at).toISOString(),
  task: row.task,
  summary: row.summary,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

/**
 * Events in the embedded store: written through the writer thread (they are noticed while calls are
 * served, and the request thread must never wait for the write lock), read on the request thread.
 */
export class SqliteEventStore implements EventStore {
  constructor(private readonly database: SqliteDatabase, private readonly writer: WriterClient, private readonly projects: ProjectRows) {}

  async recordEvent(projectId: string, event: EventInput): Promise<WriteOutcome> {
    const project = this.projects.rowOf(projectId);
    const bytes = event.summary.length + JSON.stringify(event.details).length + 200;
    const [outcome] = await this.writer.write('events', project, [event], 1, bytes);
    return outcome ?? 'created';
  }

  async listEvents(projectId: string, query: EventQuery): Promise<Page<GenchiEvent>> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return { data: [], nextCursor: null };
    const conditions = ['project = ?'];
    const parameters: unknown[] = [project];
    const add = (sql: string, value: unknown) => {
      conditions.push(sql);
      parameters.push(value);
    };
    if (query.type !== undefined) add('type = ?', query.type);
    if (query.task !== undefined) add('task = ?', query.task);
    if (query.from !== undefined) add('at >= ?', query.from);
    if (query.to !== undefined) add('at <= ?', query.to);
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      conditions.push('(at < ? OR (at = ? AND row < ?))');
      parameters.push(cursor.time, cursor.time, cursor.row);
    }
    const rows = this.database
      .prepare(`SELECT row, id, type, at, task, summary, details FROM events WHERE ${conditions.join(' AND ')} ORDER BY at DESC, row DESC LIMIT ?`)
      .all(...parameters, query.limit + 1) as EventRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toEvent),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor({ time: last.at, row: last.row }) : null,
    };
  }
}
