import type { ReviewEvent, ReviewItem, ReviewItemChange, ReviewItemState } from '@genchi/spec';
import { UnknownFailureModeError, type ReviewActor } from '../review-store.js';
import type { SqliteDatabase } from './open-database.js';
import { modesOfItems, stateOfRow, toReviewItem, type ItemRow } from './review-item-rows.js';

interface EventRow {
  row: number;
  item_id: string;
  at: number;
  actor: string | null;
  action: string;
  fields: string;
  before: string;
  after: string;
  undone: number;
}

/** Edits of one text field by one person within this time are one action, so undo takes back a whole burst of typing. */
const coalesceMilliseconds = 60_000;

const textFields = new Set(['note', 'correctedOutput']);

const sameState = (a: ReviewItemState, b: ReviewItemState): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The names of the fields that differ between two states. */
function changedFields(before: ReviewItemState, after: ReviewItemState): string[] {
  return (Object.keys(after) as Array<keyof ReviewItemState>).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Applies reviewers' actions to items and takes them back: each action is saved with the state before and after it. */
export class ReviewItemActions {
  constructor(private readonly database: SqliteDatabase) {}

  /** The item row of a project by id, or undefined. */
  itemRow(project: number, itemId: string): ItemRow | undefined {
    return this.database.prepare<[number, string], ItemRow>('SELECT * FROM review_items WHERE project = ? AND id = ?').get(project, itemId);
  }

  /** Loads an item and its tags. */
  private load(project: number, itemId: string): { row: ItemRow; item: ReviewItem } | null {
    const row = this.itemRow(project, itemId);
    if (row === undefined) return null;
    return { row, item: toReviewItem(row, modesOfItems(this.database, [row.row]).get(row.row) ?? []) };
  }

  /** The state an action leads to. */
  private nextState(project: number, row: ItemRow, current: ReviewItemState, change: ReviewItemChange, by: ReviewActor): ReviewItemState {
    const regrade = change.verdict !== undefined && change.verdict !== null;
    const currentVersions = this.currentVersions(project, row.task);
    const kept = new Map(current.failureModes.map((mode) => [mode.id, mode.version]));
    const ids = change.failureModes ?? current.failureModes.map((mode) => mode.id);
    const failureModes = [...new Set(ids)].map((id) => {
      const version = currentVersions.get(id);
      if (version === undefined) throw new UnknownFailureModeError(`failure mode ${id} is not one of task ${row.task}`);
      // Grading again (a verdict) records the definitions in force now; otherwise a tag keeps its version.
      return { id, version: regrade ? version : (kept.get(id) ?? version) };
    });
    const verdict = change.verdict === undefined ? current.verdict : change.verdict;
    const verdictTouched = change.verdict !== undefined && change.verdict !== current.verdict;
    const reviewed = verdict === null ? { reviewedBy: null, reviewedAt: null } : verdictTouched || regrade
      ? { reviewedBy: by.actor ?? row.assigned_to, reviewedAt: new Date(by.now).toISOString() }
      : { reviewedBy: current.reviewedBy, reviewedAt: current.reviewedAt };
    return {
      verdict,
      failureModes,
      note: change.note === undefined ? current.note : change.note,
      correctedOutput: change.correctedOutput === undefined ? current.correctedOutput : change.correctedOutput,
      ...reviewed,
    };
  }

  private currentVersions(project: number, task: string): Map<string, number> {
    const rows = this.database
      .prepare<[number, string], { id: string; version: number }>('SELECT id, version FROM failure_modes WHERE project = ? AND task = ?')
      .all(project, task);
    return new Map(rows.map((mode) => [mode.id, mode.version]));
  }

  /** Writes a state onto an item row. */
  private write(row: ItemRow, project: number, state: ReviewItemState, now: number): void {
    this.database
      .prepare(
        `UPDATE review_items SET verdict = ?, note = ?, corrected_output = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?,
           revision = revision + 1 WHERE row = ?`,
      )
      .run(state.verdict, state.note, state.correctedOutput, state.reviewedBy, state.reviewedAt === null ? null : Date.parse(state.reviewedAt), now, row.row);
    this.database.prepare('DELETE FROM review_item_modes WHERE item = ?').run(row.row);
    const insert = this.database.prepare('INSERT INTO review_item_modes (item, mode, version) SELECT ?, row, ? FROM failure_modes WHERE project = ? AND id = ?');
    for (const mode of state.failureModes) insert.run(row.row, mode.version, project, mode.id);
  }

  /** Applies one action; see ReviewStore.updateItem. */
  update(project: number, itemId: string, change: ReviewItemChange, by: ReviewActor): ReviewItem | null {
    return this.database.transaction(() => {
      const loaded = this.load(project, itemId);
      if (loaded === null) return null;
      const before = stateOfRow(loaded.row, loaded.item.failureModes);
      const after = this.nextState(project, loaded.row, before, change, by);
      if (sameState(before, after)) return loaded.item;
      this.write(loaded.row, project, after, by.now);
      this.record(loaded.row.row, before, after, by);
      return this.load(project, itemId)?.item ?? null;
    }).immediate();
  }

  /** Appends an action to the item's history, or extends the last one when it is the same text edit by the same person. */
  private record(item: number, before: ReviewItemState, after: ReviewItemState, by: ReviewActor): void {
    const fields = JSON.stringify(changedFields(before, after));
    const last = this.database
      .prepare<[number], EventRow>("SELECT *, '' AS item_id FROM review_events WHERE item = ? ORDER BY row DESC LIMIT 1")
      .get(item);
    const single = (JSON.parse(fields) as string[]).every((field) => textFields.has(field)) && fields !== '[]';
    if (
      single &&
      last !== undefined &&
      last.action === 'change' &&
      last.undone === 0 &&
      last.fields === fields &&
      last.actor === by.actor &&
      by.now - last.at <= coalesceMilliseconds
    ) {
      this.database.prepare('UPDATE review_events SET after = ?, at = ? WHERE row = ?').run(JSON.stringify(after), by.now, last.row);
      return;
    }
    this.database
      .prepare("INSERT INTO review_events (item, at, actor, action, fields, before, after) VALUES (?, ?, ?, 'change', ?, ?, ?)")
      .run(item, by.now, by.actor, fields, JSON.stringify(before), JSON.stringify(after));
  }

  /** Takes back the latest action not yet undone; see ReviewStore.undoItem. */
  undo(project: number, itemId: string, by: ReviewActor): { item: ReviewItem; undone: ReviewEvent | null } | null {
    return this.database.transaction(() => {
      const loaded = this.load(project, itemId);
      if (loaded === null) return null;
      const last = this.database
        .prepare<[number], EventRow>(
          "SELECT e.*, i.id AS item_id FROM review_events e JOIN review_items i ON i.row = e.item WHERE e.item = ? AND e.action = 'change' AND e.undone = 0 ORDER BY e.row DESC LIMIT 1",
        )
        .get(loaded.row.row);
      if (last === undefined) return { item: loaded.item, undone: null };
      const current = stateOfRow(loaded.row, loaded.item.failureModes);
      const restored = JSON.parse(last.before) as ReviewItemState;
      this.write(loaded.row, project, restored, by.now);
      this.database.prepare('UPDATE review_events SET undone = 1 WHERE row = ?').run(last.row);
      this.database
        .prepare("INSERT INTO review_events (item, at, actor, action, fields, before, after) VALUES (?, ?, ?, 'undo', ?, ?, ?)")
        .run(loaded.row.row, by.now, by.actor, last.fields, JSON.stringify(current), JSON.stringify(restored));
      const item = this.load(project, itemId)?.item ?? loaded.item;
      return { item, undone: toEvent({ ...last, undone: 1 }) };
    }).immediate();
  }

  /** The actions on an item, oldest first. */
  history(project: number, itemId: string): ReviewEvent[] {
    return this.database
      .prepare<[number, string], EventRow>(
        'SELECT e.*, i.id AS item_id FROM review_events e JOIN review_items i ON i.row = e.item WHERE i.project = ? AND i.id = ? ORDER BY e.row',
      )
      .all(project, itemId)
      .map(toEvent);
  }
}

function toEvent(row: EventRow): ReviewEvent {
  return {
    id: row.row,
    itemId: row.item_id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action as ReviewEvent['action'],
    before: JSON.parse(row.before) as ReviewItemState,
    after: JSON.parse(row.after) as ReviewItemState,
    undone: row.undone === 1,
  };
}
