import type { Score, ScoreInput } from '@genchi/spec';
import type { ScoreWindowQuery } from '../span-analytics.js';
import type { ScoreStore, WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import { recordKey } from './record-keys.js';
import { rowToScore, scoreColumns, type ScoreRow } from './score-columns.js';
import type { WriterClient } from './writer-client.js';

/** Scores in the embedded store. */
export class SqliteScoreStore implements ScoreStore {
  private readonly bySpan;
  private readonly database: SqliteDatabase;

  constructor(database: SqliteDatabase, private readonly writer: WriterClient, private readonly projects: ProjectRows) {
    this.database = database;
    const select = (table: string) =>
      `SELECT ${scoreColumns.map((column) => `s.${column}`).join(', ')} FROM ${table} k CROSS JOIN scores s ON s.row = k.row
       WHERE k.key = @key AND s.project = @project AND s.span_id = @spanId`;
    this.bySpan = database.prepare<[{ key: number; project: number; spanId: string }], ScoreRow>(
      `${select('recent_keys')} UNION ALL ${select('record_keys')} ORDER BY 1`,
    );
  }

  async writeScores(projectId: string, scores: readonly ScoreInput[]): Promise<WriteOutcome[]> {
    const bytes = scores.reduce((sum, score) => sum + 300 + (score.reason?.length ?? 0), 0);
    return this.writer.write('scores', this.projects.rowOf(projectId), scores, scores.length, bytes);
  }

  async scoresOfSpan(projectId: string, spanId: string): Promise<Score[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    return this.bySpan.all({ key: recordKey('scoreSpan', project, spanId), project, spanId }).map(rowToScore);
  }

  async listScores(projectId: string, query: ScoreWindowQuery): Promise<Score[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const source = query.source === undefined ? '' : 'AND source = ?';
    return this.database
      .prepare<unknown[], ScoreRow>(
        `SELECT ${scoreColumns.join(', ')} FROM scores INDEXED BY scores_by_time WHERE project = ? AND created_at >= ? AND created_at < ? ${source}
         ORDER BY created_at, row LIMIT ?`,
      )
      .all(project, query.from, query.to, ...(query.source === undefined ? [] : [query.source]), query.limit)
      .map(rowToScore);
  }
}
