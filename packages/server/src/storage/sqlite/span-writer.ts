import { mergeSpanRecord, reportedInput, type DeriveContext, type SpanRecord } from '@genchi/core/writing';
import type { WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { RecentKeys } from './recent-keys.js';
import { keyedLookupSql, recordKey } from './record-keys.js';
import {
  bodyColumns,
  bodyRowOf,
  compactColumns,
  compactRowOf,
  rowsToSpan,
  spanKeyValues,
  spanKeyValuesOfRow,
  spanToRows,
  type BodyRow,
  type CompactRow,
  type SpanRows,
} from './span-columns.js';

const placeholders = (count: number): string => new Array(count).fill('?').join(', ');

/** Writes spans inside the writer's transaction: a new id is an insert, a known id merges. */
export class SpanWriter {
  private readonly findRow;
  private readonly insertCompact;
  private readonly insertBodies;
  private readonly updateCompact;
  private readonly updateBodies;
  private readonly readCompact;
  private readonly readBodies;
  private readonly deleteOldKey;

  constructor(database: SqliteDatabase, private readonly context: () => DeriveContext, private readonly keys: RecentKeys) {
    this.findRow = keys.keyedRead<[{ key: number; project: number; id: string }], { row: number }>((keyRows) => keyedLookupSql('spans', keyRows));
    this.insertCompact = database.prepare(`INSERT INTO spans (project, ${compactColumns.join(', ')}) VALUES (${placeholders(compactColumns.length + 1)})`);
    this.insertBodies = database.prepare(`INSERT INTO span_bodies (row, ${bodyColumns.join(', ')}) VALUES (${placeholders(bodyColumns.length + 1)})`);
    this.updateCompact = database.prepare(`UPDATE spans SET ${compactColumns.map((column) => `${column} = ?`).join(', ')} WHERE row = ?`);
    this.updateBodies = database.prepare(`UPDATE span_bodies SET ${bodyColumns.map((column) => `${column} = ?`).join(', ')} WHERE row = ?`);
    this.readCompact = database.prepare<[number], CompactRow>(`SELECT row, ${compactColumns.join(', ')} FROM spans WHERE row = ?`);
    this.readBodies = database.prepare<[number], BodyRow>(`SELECT ${bodyColumns.join(', ')} FROM span_bodies WHERE row = ?`);
    this.deleteOldKey = database.prepare('DELETE FROM record_keys WHERE key = ? AND time = ? AND row = ?');
  }

  /** Writes each span; the caller holds the transaction. */
  write(project: number, spans: readonly SpanRows[]): WriteOutcome[] {
    return spans.map((rows) => this.writeOne(project, rows));
  }

  private writeOne(project: number, rows: SpanRows): WriteOutcome {
    const id = rows.compact[1] as string;
    const key = recordKey('spanId', project, id);
    const existing = this.findRow(key).get({ key, project, id });
    if (existing === undefined) {
      const { lastInsertRowid } = this.insertCompact.run(project, ...rows.compact);
      const row = Number(lastInsertRowid);
      this.insertBodies.run(row, ...rows.bodies);
      this.addKeys(project, row, rows.compact[0] as number, spanKeyValuesOfRow(rows.compact));
      return 'created';
    }
    this.merge(project, existing.row, rows);
    return 'merged';
  }

  private merge(project: number, row: number, rows: SpanRows): void {
    const stored = rowsToSpan(this.readCompact.get(row) as CompactRow, this.readBodies.get(row) ?? null);
    const incoming = rowsToSpan(compactRowOf(row, rows.compact), bodyRowOf(rows.bodies));
    const merged = mergeSpanRecord(stored, reportedInput(incoming), this.context());
    const mergedRows = spanToRows(merged);
    const storedRows = spanToRows(stored);
    if (JSON.stringify(mergedRows) === JSON.stringify(storedRows)) return;
    this.updateCompact.run(...mergedRows.compact, row);
    this.updateBodies.run(...mergedRows.bodies, row);
    this.replaceKeys(project, row, stored, merged);
  }

  private addKeys(project: number, row: number, startTime: number, keys: ReturnType<typeof spanKeyValues>): void {
    for (const [kind, value] of keys) this.keys.add(recordKey(kind, project, value), startTime, row);
  }

  private replaceKeys(project: number, row: number, before: SpanRecord, after: SpanRecord): void {
    const signature = (record: SpanRecord) => JSON.stringify([record.startTime, spanKeyValues(record)]);
    if (signature(before) === signature(after)) return;
    for (const [kind, value] of spanKeyValues(before)) {
      const key = recordKey(kind, project, value);
      this.keys.delete(key, before.startTime, row);
      this.deleteOldKey.run(key, before.startTime, row);
    }
    this.addKeys(project, row, after.startTime, spanKeyValues(after));
  }
}
