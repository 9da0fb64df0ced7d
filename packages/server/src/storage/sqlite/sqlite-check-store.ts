import { randomBytes } from 'node:crypto';
import type { SpanRecord } from '@genchi/core';
import type { AssertionSpec, Check, CheckChange, CheckGate, Criterion, CriterionChange, CriterionVersion, OnlineRule } from '@genchi/spec';
import type { CheckStore, NewCheck, OnlineRuleState, SpanFeedQuery } from '../check-store.js';
import { CriterionRows } from './criterion-rows.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import { SpanFeedQueries } from './span-feed-query.js';

interface CheckRow {
  id: string;
  task: string;
  criterion_id: string | null;
  name: string;
  assertion: string;
  gate: string | null;
  version: number;
  enabled: number;
  created_at: number;
  updated_at: number;
}

interface RuleRow {
  body: string;
  position: number;
  processed: number;
  last_run_at: number | null;
  updated_at: number;
}

const iso = (time: number) => new Date(time).toISOString();

const toCheck = (row: CheckRow): Check => ({
  id: row.id,
  task: row.task,
  criterionId: row.criterion_id,
  name: row.name,
  assertion: JSON.parse(row.assertion) as AssertionSpec,
  version: row.version,
  enabled: row.enabled === 1,
  gate: row.gate === null ? null : (JSON.parse(row.gate) as CheckGate),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

const toRuleState = (row: RuleRow): OnlineRuleState => ({
  rule: { ...(JSON.parse(row.body) as Omit<OnlineRule, 'processed' | 'lastRunAt' | 'updatedAt'>), updatedAt: iso(row.updated_at), processed: row.processed, lastRunAt: row.last_run_at === null ? null : iso(row.last_run_at) },
  position: row.position,
});

/** Criteria, checks and online rules in the embedded store, written on the request thread (people edit them, rarely). */
export class SqliteCheckStore implements CheckStore {
  private readonly criteria: CriterionRows;
  private readonly feed: SpanFeedQueries;

  constructor(private readonly database: SqliteDatabase, private readonly projects: ProjectRows) {
    this.criteria = new CriterionRows(database);
    this.feed = new SpanFeedQueries(database);
  }

  async listCriteria(projectId: string, task?: string): Promise<Criterion[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.criteria.list(project, task);
  }

  async getCriterion(projectId: string, id: string): Promise<Criterion | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.criteria.get(project, id);
  }

  async createCriterion(projectId: string, criterion: { task: string; name: string; definition: string; failureModeId: string | null }, now: number): Promise<Criterion> {
    return this.criteria.create(this.projects.rowOf(projectId), criterion, now);
  }

  async updateCriterion(projectId: string, id: string, change: CriterionChange, now: number): Promise<Criterion | null> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? null : this.criteria.update(project, id, change, now);
  }

  async criterionVersions(projectId: string, id: string): Promise<CriterionVersion[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.criteria.versions(project, id);
  }

  async listChecks(projectId: string, filter: { task?: string; criterionId?: string }): Promise<Check[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const conditions = ['project = ?'];
    const parameters: unknown[] = [project];
    if (filter.task !== undefined) {
      conditions.push('task = ?');
      parameters.push(filter.task);
    }
    if (filter.criterionId !== undefined) {
      conditions.push('criterion_id = ?');
      parameters.push(filter.criterionId);
    }
    return this.database.prepare<unknown[], CheckRow>(`SELECT * FROM checks WHERE ${conditions.join(' AND ')} ORDER BY row`).all(...parameters).map(toCheck);
  }

  async getCheck(projectId: string, id: string): Promise<Check | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.prepare<[number, string], CheckRow>('SELECT * FROM checks WHERE project = ? AND id = ?').get(project, id);
    return row ? toCheck(row) : null;
  }

  async createCheck(projectId: string, check: NewCheck, now: number): Promise<Check> {
    const id = `ck_${randomBytes(9).toString('base64url')}`;
    this.database
      .prepare('INSERT INTO checks (id, project, task, criterion_id, name, assertion, gate, version, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)')
      .run(id, this.projects.rowOf(projectId), check.task, check.criterionId, check.name, JSON.stringify(check.assertion), check.gate === null ? null : JSON.stringify(check.gate), Number(check.enabled), now, now);
    return (await this.getCheck(projectId, id)) as Check;
  }

  async updateCheck(projectId: string, id: string, change: CheckChange, now: number): Promise<Check | null> {
    const current = await this.getCheck(projectId, id);
    if (current === null) return null;
    const assertion = change.assertion ?? current.assertion;
    const version = JSON.stringify(assertion) === JSON.stringify(current.assertion) ? current.version : current.version + 1;
    const gate = change.gate === undefined ? current.gate : change.gate;
    this.database
      .prepare('UPDATE checks SET name = ?, criterion_id = ?, assertion = ?, gate = ?, version = ?, enabled = ?, updated_at = ? WHERE project = ? AND id = ?')
      .run(change.name ?? current.name, change.criterionId === undefined ? current.criterionId : change.criterionId, JSON.stringify(assertion), gate === null ? null : JSON.stringify(gate),
        version, Number(change.enabled ?? current.enabled), now, this.projects.rowOf(projectId), id);
    return this.getCheck(projectId, id);
  }

  async deleteCheck(projectId: string, id: string): Promise<boolean> {
    const project = this.projects.findRowOf(projectId);
    return project !== null && this.database.prepare('DELETE FROM checks WHERE project = ? AND id = ?').run(project, id).changes > 0;
  }

  async listOnlineRules(projectId: string): Promise<OnlineRuleState[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    return this.database.prepare<[number], RuleRow>('SELECT body, position, processed, last_run_at, updated_at FROM online_rules WHERE project = ? ORDER BY task').all(project).map(toRuleState);
  }

  async getOnlineRule(projectId: string, task: string): Promise<OnlineRuleState | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.database.prepare<[number, string], RuleRow>('SELECT body, position, processed, last_run_at, updated_at FROM online_rules WHERE project = ? AND task = ?').get(project, task);
    return row ? toRuleState(row) : null;
  }

  async putOnlineRule(projectId: string, rule: Omit<OnlineRule, 'updatedAt' | 'processed' | 'lastRunAt'>, startPosition: number, now: number): Promise<OnlineRule> {
    this.database
      .prepare('INSERT INTO online_rules (project, task, body, position, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, task) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(this.projects.rowOf(projectId), rule.task, JSON.stringify(rule), startPosition, now);
    return ((await this.getOnlineRule(projectId, rule.task)) as OnlineRuleState).rule;
  }

  async deleteOnlineRule(projectId: string, task: string): Promise<boolean> {
    const project = this.projects.findRowOf(projectId);
    return project !== null && this.database.prepare('DELETE FROM online_rules WHERE project = ? AND task = ?').run(project, task).changes > 0;
  }

  async advanceOnlineRule(projectId: string, task: string, move: { from: number; to: number; processed: number; now: number }): Promise<boolean> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return false;
    return this.database
      .prepare('UPDATE online_rules SET position = ?, processed = processed + ?, last_run_at = ? WHERE project = ? AND task = ? AND position = ?')
      .run(move.to, move.processed, move.now, project, task, move.from).changes > 0;
  }

  async latestSpanPosition(projectId: string): Promise<number> {
    return this.projects.findRowOf(projectId) === null ? 0 : this.feed.latestPosition();
  }

  async spansAfter(projectId: string, position: number, through: number, query: SpanFeedQuery): Promise<{ spans: SpanRecord[]; position: number }> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? { spans: [], position: through } : this.feed.after(project, position, through, query);
  }

  async failingSpanIds(projectId: string, window: { from: number; to: number }): Promise<Set<string>> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return new Set();
    const rows = this.database
      .prepare<[number, number, number], { span_id: string }>(
        `SELECT DISTINCT span_id FROM scores INDEXED BY scores_by_time WHERE project = ? AND created_at >= ? AND created_at < ?
         AND source IN ('assertion', 'judge') AND status = 'ok' AND value = 'false' AND json_extract(metadata, '$.feedsReview') = 1`,
      )
      .all(project, window.from, window.to);
    return new Set(rows.map((row) => row.span_id));
  }

  async spansInWindow(projectId: string, window: { from: number; to: number }, query: SpanFeedQuery): Promise<SpanRecord[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.feed.inWindow(project, window, query);
  }
}
