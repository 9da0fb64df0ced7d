import { mergeSpanRecord, reportedInput, type DeriveContext, type SpanRecord } from '@genchi/core/writing';
import type { WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { RecentKeys } from './recent-keys.js';
import { keyedLookupSql, recordKey, storedRowsOfKeysSql } from './record-keys.js';
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
import { placeholders } from './sql-placeholders.js';

/** Span ids looked up in record_keys with one query (padded with a key no span has). */
const lookupWidth = 100;
const noKey = -1;

/** Writes spans inside the writer's transaction: a new id is an insert, a known id merges. */
export class SpanWriter {
  private readonly findRow;
  private readonly findStoredRows;
  private readonly insertCompact;
  private readonly insertBodies;
  private readonly updateCompact;
  private readonly updateBodies;
  private readonly readCompact;
  private readonly readBodies;
  private readonly deleteOldKey;

  constructor(database: SqliteDatabase, private readonly context: () => DeriveContext, private readonly keys: RecentKeys) {
    this.findRow = keys.keyedRead<[{ key: number; project: number; id: string }], { row: number }>((keyRows) => keyedLookupSql('spans', keyRows));
    this.findStoredRows = database.prepare<unknown[], { row: number; id: string }>(storedRowsOfKeysSql('spans', lookupWidth));
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
    const outcomes: WriteOutcome[] = [];
    for (let start = 0; start < spans.length; start += lookupWidth) {
      const chunk = spans.slice(start, start + lookupWidth);
      const keys = chunk.map((rows) => recordKey('spanId', project, rows.compact[1] as string));
      const stored = this.storedRows(project, keys);
      chunk.forEach((rows, index) => outcomes.push(this.writeOne(project, rows, keys[index] as number, stored)));
    }
    return outcomes;
  }

  /**
   * The rows record_keys points to for some span keys, by span id: one query for a whole batch instead
   * of one per span (nearly every span of a batch is new, and each lookup is a seek in a large table).
   */
  private storedRows(project: number, keys: readonly number[]): Map<string, number> {
    const padded = keys.length === lookupWidth ? keys : [...keys, ...new Array<number>(lookupWidth - keys.length).fill(noKey)];
    const rows = new Map<string, number>();
    for (const { row, id } of this.findStoredRows.all(...padded, project)) rows.set(id, row);
    return rows;
  }

  /**
   * Inserts a new span or merges into the stored one. `stored` answers for keys the recent keys certainly
   * lack (record_keys, read before the batch: what this batch writes goes to the recent keys, so a span
   * repeated within the batch is found there).
   */
  private writeOne(project: number, rows: SpanRows, key: number, stored: ReadonlyMap<string, number>): WriteOutcome {
    const id = rows.compact[1] as string;
    const existing = this.keys.mayHold(key) ? this.findRow(key).get({ key, project, id })?.row : stored.get(id);
    if (existing === undefined) {
      const { lastInsertRowid } = this.insertCompact.run(project, ...rows.compact);
      const row = Number(lastInsertRowid);
      this.insertBodies.run(row, ...rows.bodies);
      this.addKeys(project, row, rows.compact[0] as number, spanKeyValuesOfRow(rows.compact));
      return 'created';
    }
    this.merge(project, existing, rows);
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
