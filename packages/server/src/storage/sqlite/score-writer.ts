import type { ScoreInput } from '@genchi/spec';
import type { WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import { recordKey } from './record-keys.js';
import { scoreColumns, scoreToRow } from './score-columns.js';

/** Writes scores inside the writer's transaction: a known id is replaced. */
export class ScoreWriter {
  private readonly findRow;
  private readonly insert;
  private readonly update;
  private readonly insertKey;

  constructor(database: SqliteDatabase, private readonly onKeyAdded: () => void) {
    this.findRow = database.prepare<[{ key: number; project: number; id: string }], { row: number }>(
      `SELECT s.row FROM (SELECT row FROM recent_keys WHERE key = @key UNION ALL SELECT row FROM record_keys WHERE key = @key) k
       CROSS JOIN scores s ON s.row = k.row WHERE s.project = @project AND s.id = @id`,
    );
    this.insert = database.prepare(`INSERT INTO scores (project, ${scoreColumns.join(', ')}) VALUES (${new Array(scoreColumns.length + 1).fill('?').join(', ')})`);
    this.update = database.prepare(`UPDATE scores SET ${scoreColumns.slice(2).map((column) => `${column} = ?`).join(', ')} WHERE row = ?`);
    this.insertKey = database.prepare('INSERT OR IGNORE INTO recent_keys (key, time, row) VALUES (?, ?, ?)');
  }

  /** Writes each score; the caller holds the transaction. */
  write(project: number, scores: readonly ScoreInput[], now: number): WriteOutcome[] {
    return scores.map((score) => {
      const values = scoreToRow(score, now);
      const existing = this.findRow.get({ key: recordKey('scoreId', project, score.id), project, id: score.id });
      if (existing !== undefined) {
        this.update.run(...values.slice(2), existing.row);
        return 'merged';
      }
      const row = Number(this.insert.run(project, ...values).lastInsertRowid);
      const createdAt = values[0] as number;
      this.insertKey.run(recordKey('scoreId', project, score.id), createdAt, row);
      this.insertKey.run(recordKey('scoreSpan', project, score.spanId), createdAt, row);
      this.onKeyAdded();
      this.onKeyAdded();
      return 'created';
    });
  }
}
