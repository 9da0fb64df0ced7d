import type { Feedback, FeedbackInput } from '@genchi/spec';
import type { FeedbackStore } from '../feedback-store.js';
import type { WriteOutcome } from '../storage.js';
import { feedbackColumns, rowToFeedback, type FeedbackRow } from './feedback-columns.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import { recordKey } from './record-keys.js';
import type { WriterClient } from './writer-client.js';

/** Feedback events in the embedded store: writes through the writer thread, reads by hashed key on the request thread. */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly bySpan;
  private readonly byId;

  constructor(private readonly database: SqliteDatabase, private readonly writer: WriterClient, private readonly projects: ProjectRows) {
    const select = (table: string, column: string) =>
      `SELECT ${feedbackColumns.map((name) => `f.${name}`).join(', ')} FROM ${table} k CROSS JOIN feedback f ON f.row = k.row
       WHERE k.key = @key AND f.project = @project AND f.${column} = @value`;
    const both = (column: string) => `${select('recent_keys', column)} UNION ALL ${select('record_keys', column)} ORDER BY 1`;
    this.bySpan = database.prepare<[{ key: number; project: number; value: string }], FeedbackRow>(both('span_id'));
    this.byId = database.prepare<[{ key: number; project: number; value: string }], FeedbackRow>(both('id'));
  }

  async writeFeedback(projectId: string, events: readonly FeedbackInput[]): Promise<WriteOutcome[]> {
    if (events.length === 0) return [];
    const bytes = events.reduce((sum, event) => sum + 400 + (event.comment?.length ?? 0) + 2 * (event.finalText?.length ?? 0) + (event.originalText?.length ?? 0), 0);
    return this.writer.write('feedback', this.projects.rowOf(projectId), events, events.length, bytes);
  }

  async feedbackOfSpan(projectId: string, spanId: string): Promise<Feedback[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const key = recordKey('feedbackSpan', project, spanId);
    return this.database.transaction(() => this.bySpan.all({ key, project, value: spanId }))().map(rowToFeedback);
  }

  async getFeedback(projectId: string, id: string): Promise<Feedback | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.transaction(() => this.byId.get({ key: recordKey('feedbackId', project, id), project, value: id }))();
    return row === undefined ? null : rowToFeedback(row);
  }
}
