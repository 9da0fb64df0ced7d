import { randomBytes } from 'node:crypto';
import type { Criterion, CriterionChange, CriterionVersion } from '@genchi/spec';
import { StorageConflictError } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';

interface CriterionRow {
  row: number;
  id: string;
  task: string;
  name: string;
  definition: string;
  version: number;
  failure_mode_id: string | null;
  archived: number;
  created_at: number;
  updated_at: number;
}

const toCriterion = (row: CriterionRow): Criterion => ({
  id: row.id,
  task: row.task,
  name: row.name,
  definition: row.definition,
  version: row.version,
  failureModeId: row.failure_mode_id,
  archived: row.archived === 1,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

const isUnique = (error: unknown): boolean => error instanceof Error && /UNIQUE/.test(error.message);

/** Criteria and their versioned definitions in the embedded store. */
export class CriterionRows {
  constructor(private readonly database: SqliteDatabase) {}

  /** A task's criteria (or every task's), in the order they were added. */
  list(project: number, task?: string): Criterion[] {
    const where = task === undefined ? 'project = ?' : 'project = ? AND task = ?';
    return this.database.prepare<unknown[], CriterionRow>(`SELECT * FROM criteria WHERE ${where} ORDER BY row`).all(...(task === undefined ? [project] : [project, task])).map(toCriterion);
  }

  /** One criterion, or null. */
  get(project: number, id: string): Criterion | null {
    const row = this.database.prepare<[number, string], CriterionRow>('SELECT * FROM criteria WHERE project = ? AND id = ?').get(project, id);
    return row ? toCriterion(row) : null;
  }

  /** Adds a criterion at version 1. */
  create(project: number, criterion: { task: string; name: string; definition: string; failureModeId: string | null }, now: number): Criterion {
    const id = `cr_${randomBytes(9).toString('base64url')}`;
    try {
      this.database.transaction(() => {
        const { lastInsertRowid } = this.database
          .prepare('INSERT INTO criteria (id, project, task, name, definition, version, failure_mode_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)')
          .run(id, project, criterion.task, criterion.name, criterion.definition, criterion.failureModeId, now, now);
        this.database.prepare('INSERT INTO criterion_versions (criterion, version, name, definition, created_at) VALUES (?, 1, ?, ?, ?)').run(lastInsertRowid, criterion.name, criterion.definition, now);
      }).immediate();
    } catch (error) {
      if (isUnique(error)) throw new StorageConflictError(`task ${criterion.task} already has a criterion named ${criterion.name}`);
      throw error;
    }
    return this.get(project, id) as Criterion;
  }

  /** Applies a change; a new name or definition records a new version. */
  update(project: number, id: string, change: CriterionChange, now: number): Criterion | null {
    const current = this.database.prepare<[number, string], CriterionRow>('SELECT * FROM criteria WHERE project = ? AND id = ?').get(project, id);
    if (current === undefined) return null;
    const name = change.name ?? current.name;
    const definition = change.definition ?? current.definition;
    const redefined = name !== current.name || definition !== current.definition;
    const version = redefined ? current.version + 1 : current.version;
    const archived = change.archived === undefined ? current.archived : Number(change.archived);
    try {
      this.database.transaction(() => {
        this.database.prepare('UPDATE criteria SET name = ?, definition = ?, version = ?, archived = ?, updated_at = ? WHERE row = ?').run(name, definition, version, archived, now, current.row);
        if (redefined) this.database.prepare('INSERT INTO criterion_versions (criterion, version, name, definition, created_at) VALUES (?, ?, ?, ?, ?)').run(current.row, version, name, definition, now);
      }).immediate();
    } catch (error) {
      if (isUnique(error)) throw new StorageConflictError(`task ${current.task} already has a criterion named ${name}`);
      throw error;
    }
    return this.get(project, id);
  }

  /** Every version of a criterion, oldest first. */
  versions(project: number, id: string): CriterionVersion[] {
    return this.database
      .prepare<[number, string], { version: number; name: string; definition: string; created_at: number }>(
        'SELECT v.version, v.name, v.definition, v.created_at FROM criterion_versions v JOIN criteria c ON c.row = v.criterion WHERE c.project = ? AND c.id = ? ORDER BY v.version',
      )
      .all(project, id)
      .map((row) => ({ version: row.version, name: row.name, definition: row.definition, createdAt: new Date(row.created_at).toISOString() }));
  }
}
