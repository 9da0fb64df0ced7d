import type { ReviewItem, ReviewItemMode, ReviewItemState, ReviewVerdict, SpanStatus } from '@genchi/spec';
import type { SqliteDatabase } from './open-database.js';

/** A review item row as read back. */
export interface ItemRow {
  row: number;
  id: string;
  task: string;
  span_id: string;
  trace_id: string;
  day: string;
  stratum: string;
  position: number;
  assigned_to: string | null;
  span_start: number;
  model: string | null;
  status: string;
  input_preview: string;
  output_preview: string;
  verdict: string | null;
  note: string | null;
  corrected_output: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_at: number;
  updated_at: number;
  revision: number;
}

/** A failure-mode tag of an item row, joined with the mode's current state. */
interface ModeRow {
  item: number;
  id: string;
  name: string;
  version: number;
  current_version: number;
}

const iso = (time: number): string => new Date(time).toISOString();
const isoOrNull = (time: number | null): string | null => (time === null ? null : iso(time));

/** Reads the failure-mode tags of item rows, grouped by row, in the order the modes were added. */
export function modesOfItems(database: SqliteDatabase, rows: readonly number[]): Map<number, ReviewItemMode[]> {
  const byItem = new Map<number, ReviewItemMode[]>();
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const found = database
      .prepare<number[], ModeRow>(
        `SELECT m.item, f.id, f.name, m.version, f.version AS current_version FROM review_item_modes m
         JOIN failure_modes f ON f.row = m.mode WHERE m.item IN (${chunk.map(() => '?').join(', ')}) ORDER BY m.item, f.row`,
      )
      .all(...chunk);
    for (const mode of found) {
      const list = byItem.get(mode.item) ?? [];
      list.push({ id: mode.id, name: mode.name, version: mode.version, currentVersion: mode.current_version, stale: mode.version < mode.current_version });
      byItem.set(mode.item, list);
    }
  }
  return byItem;
}

/** The public form of an item row and its tags. */
export function toReviewItem(row: ItemRow, modes: ReviewItemMode[]): ReviewItem {
  return {
    id: row.id,
    task: row.task,
    spanId: row.span_id,
    traceId: row.trace_id,
    day: row.day,
    stratum: row.stratum,
    position: row.position,
    assignedTo: row.assigned_to,
    span: {
      startTime: iso(row.span_start),
      model: row.model,
      status: row.status as SpanStatus,
      inputPreview: row.input_preview,
      outputPreview: row.output_preview,
    },
    verdict: row.verdict as ReviewVerdict | null,
    failureModes: modes,
    note: row.note,
    correctedOutput: row.corrected_output,
    reviewedBy: row.reviewed_by,
    reviewedAt: isoOrNull(row.reviewed_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    revision: row.revision,
    stale: modes.some((mode) => mode.stale),
  };
}

/** Item rows with their tags, in the rows' order. */
export function toReviewItems(database: SqliteDatabase, rows: readonly ItemRow[]): ReviewItem[] {
  const modes = modesOfItems(database, rows.map((row) => row.row));
  return rows.map((row) => toReviewItem(row, modes.get(row.row) ?? []));
}

/** What undo restores of an item row: the reviewer's decision and who made it when. */
export function stateOfRow(row: ItemRow, modes: readonly ReviewItemMode[]): ReviewItemState {
  return {
    verdict: row.verdict as ReviewVerdict | null,
    failureModes: modes.map((mode) => ({ id: mode.id, version: mode.version })),
    note: row.note,
    correctedOutput: row.corrected_output,
    reviewedBy: row.reviewed_by,
    reviewedAt: isoOrNull(row.reviewed_at),
  };
}
