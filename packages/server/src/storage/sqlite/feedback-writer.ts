import { bodyText, deriveFeedback, feedbackScoreOf } from '@genchi/core/writing';
import type { FeedbackInput } from '@genchi/spec';
import type { WriteOutcome } from '../storage.js';
import { feedbackColumns, feedbackToRow } from './feedback-columns.js';
import type { SqliteDatabase } from './open-database.js';
import type { RecentKeys } from './recent-keys.js';
import { keyedLookupSql, recordKey } from './record-keys.js';
import type { ScoreWriter } from './score-writer.js';
import { placeholders } from './sql-placeholders.js';

/**
 * Writes feedback inside the writer's transaction: derives each event against the span's output as
 * stored at that moment (the writer sees every earlier write, including spans of the same batch),
 * stores it and writes its `feedback` score, so that an event and its score commit together.
 */
export class FeedbackWriter {
  private readonly findRow;
  private readonly findSpanOutput;
  private readonly insert;
  private readonly update;

  constructor(database: SqliteDatabase, private readonly scores: ScoreWriter, private readonly keys: RecentKeys) {
    this.findRow = keys.keyedRead<[{ key: number; project: number; id: string }], { row: number }>((keyRows) => keyedLookupSql('feedback', keyRows));
    this.findSpanOutput = keys.keyedRead<[{ key: number; project: number; id: string }], { output: string | null }>(
      (keyRows) => `SELECT b.output FROM span_bodies b WHERE b.row = (${keyedLookupSql('spans', keyRows)} LIMIT 1)`,
    );
    this.insert = database.prepare(`INSERT INTO feedback (project, ${feedbackColumns.join(', ')}) VALUES (${placeholders(feedbackColumns.length + 1)})`);
    this.update = database.prepare(`UPDATE feedback SET ${feedbackColumns.map((column) => `${column} = ?`).join(', ')} WHERE row = ?`);
  }

  /** Writes each event and its score; the caller holds the transaction. */
  write(project: number, events: readonly FeedbackInput[], now: number): WriteOutcome[] {
    return events.map((event) => {
      const feedback = deriveFeedback(event, { spanOutputText: this.spanOutputText(project, event), now });
      const values = feedbackToRow(feedback);
      this.scores.write(project, [feedbackScoreOf(feedback)], now);
      const key = recordKey('feedbackId', project, event.id);
      const existing = this.findRow(key).get({ key, project, id: event.id });
      if (existing !== undefined) {
        this.update.run(...values, existing.row);
        return 'merged';
      }
      const row = Number(this.insert.run(project, ...values).lastInsertRowid);
      const createdAt = values[0] as number;
      this.keys.add(key, createdAt, row);
      this.keys.add(recordKey('feedbackSpan', project, event.spanId), createdAt, row);
      return 'created';
    });
  }

  /** The text of the span's stored output, only when an edit needs it and carries no original of its own. */
  private spanOutputText(project: number, event: FeedbackInput): string | null {
    if (event.kind !== 'edited' || event.originalText !== undefined) return null;
    const key = recordKey('spanId', project, event.spanId);
    const found = this.findSpanOutput(key).get({ key, project, id: event.spanId });
    if (found === undefined || found.output === null) return null;
    return bodyText(JSON.parse(found.output));
  }
}
