import type { SqliteDatabase } from './open-database.js';

/** Maps public project ids to the small integers the tables store, with a cache (projects are never renumbered). */
export class ProjectRows {
  private readonly rows = new Map<string, number>();
  private readonly lookup;

  constructor(database: SqliteDatabase) {
    this.lookup = database.prepare<[string], { row: number }>('SELECT row FROM projects WHERE id = ?');
  }

  /** The row of a project, or null when there is no such project. */
  findRowOf(projectId: string): number | null {
    const cached = this.rows.get(projectId);
    if (cached !== undefined) return cached;
    const found = this.lookup.get(projectId);
    if (found === undefined) return null;
    this.rows.set(projectId, found.row);
    return found.row;
  }

  /** The row of a project that must exist. */
  rowOf(projectId: string): number {
    const row = this.findRowOf(projectId);
    if (row === null) throw new Error(`no project with id ${projectId}`);
    return row;
  }
}
