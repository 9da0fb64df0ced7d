import { randomBytes } from 'node:crypto';
import type { FailureMode, FailureModeChange, FailureModeVersion } from '@genchi/spec';
import { StorageConflictError } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';

interface ModeRow {
  row: number;
  id: string;
  task: string;
  name: string;
  definition: string;
  version: number;
  archived: number;
  created_at: number;
  updated_at: number;
  stale_items: number;
}

const select = `SELECT f.*, (SELECT count(*) FROM review_item_modes m WHERE m.mode = f.row AND m.version < f.version) AS stale_items
  FROM failure_modes f`;

const toMode = (row: ModeRow): FailureMode => ({
  id: row.id,
  task: row.task,
  name: row.name,
  definition: row.definition,
  version: row.version,
  archived: row.archived === 1,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  staleItems: row.stale_items,
});

const isUnique = (error: unknown): boolean => error instanceof Error && /UNIQUE/.test(error.message);

/** Failure modes and their versioned definitions in the embedded store. */
export class FailureModeRows {
  constructor(private readonly database: SqliteDatabase) {}

  /** A task's modes (or every task's), in the order they were added. */
  list(project: number, task?: string): FailureMode[] {
    const where = task === undefined ? 'f.project = ?' : 'f.project = ? AND f.task = ?';
    const parameters = task === undefined ? [project] : [project, task];
    return this.database.prepare<unknown[], ModeRow>(`${select} WHERE ${where} ORDER BY f.row`).all(...parameters).map(toMode);
  }

  /** One mode by id, or null. */
  get(project: number, id: string): FailureMode | null {
    const row = this.database.prepare<[number, string], ModeRow>(`${select} WHERE f.project = ? AND f.id = ?`).get(project, id);
    return row ? toMode(row) : null;
  }

  /** Adds a mode at version 1. */
  create(project: number, mode: { task: string; name: string; definition: string }, now: number): FailureMode {
    const id = `fm_${randomBytes(9).toString('base64url')}`;
    try {
      this.database.transaction(() => {
        const { lastInsertRowid } = this.database
          .prepare('INSERT INTO failure_modes (id, project, task, name, definition, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
          .run(id, project, mode.task, mode.name, mode.definition, now, now);
        this.database
          .prepare('INSERT INTO failure_mode_versions (mode, version, name, definition, created_at) VALUES (?, 1, ?, ?, ?)')
          .run(Number(lastInsertRowid), mode.name, mode.definition, now);
      }).immediate();
    } catch (error) {
      if (isUnique(error)) throw new StorageConflictError(`task ${mode.task} already has a failure mode named ${mode.name}`);
      throw error;
    }
    return this.get(project, id) as FailureMode;
  }

  /** Renames, redefines or archives a mode; a new definition is a new version. */
  update(project: number, id: string, change: FailureModeChange, now: number): FailureMode | null {
    const current = this.database.prepare<[number, string], ModeRow>(`${select} WHERE f.project = ? AND f.id = ?`).get(project, id);
    if (current === undefined) return null;
    const name = change.name ?? current.name;
    const definition = change.definition ?? current.definition;
    const archived = change.archived === undefined ? current.archived : Number(change.archived);
    const version = definition === current.definition ? current.version : current.version + 1;
    try {
      this.database.transaction(() => {
        this.database
          .prepare('UPDATE failure_modes SET name = ?, definition = ?, version = ?, archived = ?, updated_at = ? WHERE row = ?')
          .run(name, definition, version, archived, now, current.row);
        if (version !== current.version) {
          this.database
            .prepare('INSERT INTO failure_mode_versions (mode, version, name, definition, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(current.row, version, name, definition, now);
        } else if (name !== current.name) {
          this.database.prepare('UPDATE failure_mode_versions SET name = ? WHERE mode = ? AND version = ?').run(name, current.row, version);
        }
      }).immediate();
    } catch (error) {
      if (isUnique(error)) throw new StorageConflictError(`task ${current.task} already has a failure mode named ${name}`);
      throw error;
    }
    return this.get(project, id);
  }

  /** Every version of a mode, oldest first. */
  versions(project: number, id: string): FailureModeVersion[] {
    return this.database
      .prepare<[number, string], { version: number; name: string; definition: string; created_at: number }>(
        `SELECT v.version, v.name, v.definition, v.created_at FROM failure_mode_versions v JOIN failure_modes f ON f.row = v.mode
         WHERE f.project = ? AND f.id = ? ORDER BY v.version`,
      )
      .all(project, id)
      .map((row) => ({ version: row.version, name: row.name, definition: row.definition, createdAt: new Date(row.created_at).toISOString() }));
  }
}
