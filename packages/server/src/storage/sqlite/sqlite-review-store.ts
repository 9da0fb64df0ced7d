import { randomBytes } from 'node:crypto';
import type {
  FailureMode,
  FailureModeChange,
  FailureModeVersion,
  Page,
  ReviewEvent,
  ReviewItem,
  ReviewItemChange,
  ReviewItemQuery,
  ReviewSample,
  ReviewVerdict,
  Rotation,
  SampleOutcome,
  SamplingRule,
} from '@genchi/spec';
import type { NewReviewItem, NewReviewSample, ReviewActivity, ReviewActor, ReviewStore } from '../review-store.js';
import { FailureModeRows } from './failure-mode-rows.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import { ReviewItemActions } from './review-item-actions.js';
import { reviewItemConditions } from './review-item-query.js';
import { toReviewItems, type ItemRow } from './review-item-rows.js';

interface SampleRow {
  task: string;
  day: string;
  seed: number;
  candidates: number;
  drawn: number;
  added: number;
  by_stratum: string;
  assigned_to: string | null;
  drawn_at: number;
}

const toSample = (row: SampleRow): ReviewSample => ({
  task: row.task,
  day: row.day,
  seed: row.seed,
  candidates: row.candidates,
  drawn: row.drawn,
  added: row.added,
  byStratum: JSON.parse(row.by_stratum) as Record<string, number>,
  assignedTo: row.assigned_to,
  drawnAt: new Date(row.drawn_at).toISOString(),
});

/** Review records in the embedded store, written on the request thread's connection (people edit them, rarely). */
export class SqliteReviewStore implements ReviewStore {
  private readonly actions: ReviewItemActions;
  private readonly modes: FailureModeRows;

  constructor(private readonly database: SqliteDatabase, private readonly projects: ProjectRows) {
    this.actions = new ReviewItemActions(database);
    this.modes = new FailureModeRows(database);
  }

  async listRules(projectId: string): Promise<SamplingRule[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    return this.database
      .prepare<[number], { body: string }>('SELECT body FROM review_rules WHERE project = ? ORDER BY task')
      .all(project)
      .map((row) => JSON.parse(row.body) as SamplingRule);
  }

  async getRule(projectId: string, task: string): Promise<SamplingRule | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.prepare<[number, string], { body: string }>('SELECT body FROM review_rules WHERE project = ? AND task = ?').get(project, task);
    return row ? (JSON.parse(row.body) as SamplingRule) : null;
  }

  async putRule(projectId: string, rule: Omit<SamplingRule, 'updatedAt'>, now: number): Promise<SamplingRule> {
    const stored: SamplingRule = { ...rule, updatedAt: new Date(now).toISOString() };
    this.database
      .prepare('INSERT INTO review_rules (project, task, body, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (project, task) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(this.projects.rowOf(projectId), rule.task, JSON.stringify(stored), now);
    return stored;
  }

  async deleteRule(projectId: string, task: string): Promise<boolean> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return false;
    return this.database.prepare('DELETE FROM review_rules WHERE project = ? AND task = ?').run(project, task).changes > 0;
  }

  async getRotation(projectId: string): Promise<Rotation | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.prepare<[number], { body: string }>('SELECT body FROM review_rotations WHERE project = ?').get(project);
    return row ? (JSON.parse(row.body) as Rotation) : null;
  }

  async putRotation(projectId: string, rotation: Omit<Rotation, 'updatedAt'>, now: number): Promise<Rotation> {
    const stored: Rotation = { ...rotation, updatedAt: new Date(now).toISOString() };
    this.database
      .prepare('INSERT INTO review_rotations (project, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (project) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(this.projects.rowOf(projectId), JSON.stringify(stored), now);
    return stored;
  }

  async getSample(projectId: string, task: string, day: string): Promise<ReviewSample | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.prepare<[number, string, string], SampleRow>('SELECT * FROM review_samples WHERE project = ? AND task = ? AND day = ?').get(project, task, day);
    return row ? toSample(row) : null;
  }

  async recordSample(projectId: string, sample: NewReviewSample, items: readonly NewReviewItem[]): Promise<SampleOutcome> {
    const project = this.projects.rowOf(projectId);
    return this.database.transaction((): SampleOutcome => {
      const existing = this.database
        .prepare<[number, string, string], SampleRow>('SELECT * FROM review_samples WHERE project = ? AND task = ? AND day = ?')
        .get(project, sample.task, sample.day);
      if (existing !== undefined) {
        const stored = toSample(existing);
        return { task: stored.task, day: stored.day, alreadyDrawn: true, candidates: stored.candidates, drawn: stored.drawn, added: stored.added, byStratum: stored.byStratum, assignedTo: stored.assignedTo };
      }
      const insert = this.database.prepare(
        `INSERT OR IGNORE INTO review_items (id, project, task, span_id, trace_id, day, stratum, position, assigned_to, span_start, model,
           status, input_preview, output_preview, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let added = 0;
      items.forEach((item, position) => {
        const id = `ri_${randomBytes(9).toString('base64url')}`;
        added += insert.run(id, project, sample.task, item.spanId, item.traceId, sample.day, item.stratum, position, sample.assignedTo,
          item.spanStartTime, item.model, item.status, item.inputPreview, item.outputPreview, sample.drawnAt, sample.drawnAt).changes;
      });
      this.database
        .prepare('INSERT INTO review_samples (project, task, day, seed, candidates, drawn, added, by_stratum, assigned_to, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(project, sample.task, sample.day, sample.seed, sample.candidates, items.length, added, JSON.stringify(sample.byStratum), sample.assignedTo, sample.drawnAt);
      return { task: sample.task, day: sample.day, alreadyDrawn: false, candidates: sample.candidates, drawn: items.length, added, byStratum: sample.byStratum, assignedTo: sample.assignedTo };
    }).immediate();
  }

  async listSamples(projectId: string, options: { task?: string; limit: number }): Promise<ReviewSample[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const where = options.task === undefined ? 'project = ?' : 'project = ? AND task = ?';
    const parameters = options.task === undefined ? [project] : [project, options.task];
    return this.database
      .prepare<unknown[], SampleRow>(`SELECT * FROM review_samples WHERE ${where} ORDER BY day DESC, task LIMIT ?`)
      .all(...parameters, options.limit)
      .map(toSample);
  }

  async listItems(projectId: string, query: ReviewItemQuery): Promise<Page<ReviewItem>> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return { data: [], nextCursor: null };
    const conditions = reviewItemConditions(project, query);
    const rows = this.database
      .prepare<unknown[], ItemRow>(`SELECT i.* FROM review_items i WHERE ${conditions.sql.join(' AND ')} ORDER BY i.row LIMIT ?`)
      .all(...conditions.parameters, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { data: toReviewItems(this.database, page), nextCursor: rows.length > query.limit && last ? String(last.row) : null };
  }

  async getItem(projectId: string, itemId: string): Promise<ReviewItem | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.actions.itemRow(project, itemId);
    return row ? (toReviewItems(this.database, [row])[0] ?? null) : null;
  }

  async updateItem(projectId: string, itemId: string, change: ReviewItemChange, by: ReviewActor): Promise<ReviewItem | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.actions.update(project, itemId, change, by);
  }

  async undoItem(projectId: string, itemId: string, by: ReviewActor): Promise<{ item: ReviewItem; undone: ReviewEvent | null } | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.actions.undo(project, itemId, by);
  }

  async itemHistory(projectId: string, itemId: string): Promise<ReviewEvent[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.actions.history(project, itemId);
  }

  async queues(projectId: string) {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const rows = this.database
      .prepare<[number, number, number], Record<string, string | number | null>>(
        `WITH latest AS (SELECT task, max(day) AS day FROM review_items WHERE project = ? GROUP BY task)
         SELECT i.task, l.day AS latest_day, sum(i.verdict IS NULL) AS waiting,
           sum(i.day = l.day) AS today_total, sum(i.day = l.day AND i.verdict IS NOT NULL) AS today_reviewed,
           sum(i.day = l.day AND i.verdict = 'fail') AS today_failed,
           sum(EXISTS (SELECT 1 FROM review_item_modes m JOIN failure_modes f ON f.row = m.mode WHERE m.item = i.row AND m.version < f.version)) AS stale,
           (SELECT s.assigned_to FROM review_samples s WHERE s.project = ? AND s.task = i.task AND s.day = l.day) AS assigned_to
         FROM review_items i JOIN latest l ON l.task = i.task WHERE i.project = ? GROUP BY i.task ORDER BY i.task`,
      )
      .all(project, project, project);
    return rows.map((row) => ({
      task: String(row.task),
      latestDay: row.latest_day === null ? null : String(row.latest_day),
      today: { total: Number(row.today_total), reviewed: Number(row.today_reviewed), failed: Number(row.today_failed), assignedTo: row.assigned_to === null ? null : String(row.assigned_to) },
      waiting: Number(row.waiting),
      stale: Number(row.stale),
    }));
  }

  async reviewActivity(projectId: string, window: { task?: string; from: number; to: number }): Promise<ReviewActivity[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const taskFilter = window.task === undefined ? '' : 'AND i.task = ?';
    const parameters = [project, window.from, window.to, ...(window.task === undefined ? [] : [window.task])];
    const rows = this.database
      .prepare<unknown[], { task: string; reviewed_at: number; verdict: string; modes: string | null }>(
        `SELECT i.task, i.reviewed_at, i.verdict, (SELECT json_group_array(f.id) FROM review_item_modes m JOIN failure_modes f ON f.row = m.mode WHERE m.item = i.row) AS modes
         FROM review_items i WHERE i.project = ? AND i.reviewed_at >= ? AND i.reviewed_at < ? AND i.verdict IS NOT NULL ${taskFilter} ORDER BY i.reviewed_at`,
      )
      .all(...parameters);
    return rows.map((row) => ({ task: row.task, reviewedAt: row.reviewed_at, verdict: row.verdict as ReviewVerdict, failureModes: row.modes === null ? [] : (JSON.parse(row.modes) as string[]) }));
  }

  async listFailureModes(projectId: string, task?: string): Promise<FailureMode[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.modes.list(project, task);
  }

  async getFailureMode(projectId: string, id: string): Promise<FailureMode | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.modes.get(project, id);
  }

  async createFailureMode(projectId: string, mode: { task: string; name: string; definition: string }, now: number): Promise<FailureMode> {
    return this.modes.create(this.projects.rowOf(projectId), mode, now);
  }

  async updateFailureMode(projectId: string, id: string, change: FailureModeChange, now: number): Promise<FailureMode | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.modes.update(project, id, change, now);
  }

  async failureModeVersions(projectId: string, id: string): Promise<FailureModeVersion[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.modes.versions(project, id);
  }
}
