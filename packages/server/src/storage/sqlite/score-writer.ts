import type { ScoreInput } from '@genchi/spec';
import type { WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { RecentKeys } from './recent-keys.js';
import { keyRowsSql, recordKey } from './record-keys.js';
import { scoreColumns, scoreToRow } from './score-columns.js';
import { placeholders } from './sql-placeholders.js';

/** The stored scores of a span, found through its span key (the keys drive; each row is checked). */
export const scoresOfSpanSql = (keyRows = keyRowsSql.both) =>
  `SELECT s.id, s.row FROM ${keyRows} k CROSS JOIN scores s ON s.row = k.row WHERE s.project = @project AND s.span_id = @spanId`;

/**
 * Writes scores inside the writer's transaction: a score whose id is stored already replaces it.
 * Scores are found by span (one lookup per span, however many scores it gets), which is also how
 * they are read, so each score costs one row and one key.
 */
export class ScoreWriter {
  private readonly storedOfSpan;
  private readonly insert;
  private readonly update;

  constructor(database: SqliteDatabase, private readonly keys: RecentKeys) {
    this.storedOfSpan = keys.keyedRead<[{ key: number; project: number; spanId: string }], { id: string; row: number }>(scoresOfSpanSql);
    this.insert = database.prepare(`INSERT INTO scores (project, ${scoreColumns.join(', ')}) VALUES (${placeholders(scoreColumns.length + 1)})`);
    this.update = database.prepare(`UPDATE scores SET ${scoreColumns.slice(2).map((column) => `${column} = ?`).join(', ')} WHERE row = ?`);
  }

  /** Writes each score; the caller holds the transaction. Outcomes come back in the order of `scores`. */
  write(project: number, scores: readonly ScoreInput[], now: number): WriteOutcome[] {
    const outcomes: WriteOutcome[] = new Array(scores.length);
    const bySpan = new Map<string, number[]>();
    scores.forEach((score, index) => {
      const indexes = bySpan.get(score.spanId);
      if (indexes) indexes.push(index);
      else bySpan.set(score.spanId, [index]);
    });
    for (const [spanId, indexes] of bySpan) {
      const key = recordKey('scoreSpan', project, spanId);
      const stored = new Map(this.storedOfSpan(key).all({ key, project, spanId }).map((found) => [found.id, found.row]));
      for (const index of indexes) {
        const score = scores[index] as ScoreInput;
        const values = scoreToRow(score, now);
        const row = stored.get(score.id);
        if (row !== undefined) {
          this.update.run(...values.slice(2), row);
          outcomes[index] = 'merged';
          continue;
        }
        const inserted = Number(this.insert.run(project, ...values).lastInsertRowid);
        this.keys.add(key, values[0] as number, inserted);
        stored.set(score.id, inserted);
        outcomes[index] = 'created';
      }
    }
    return outcomes;
  }
}
