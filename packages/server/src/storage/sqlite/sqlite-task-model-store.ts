import type { TaskModelState, TaskModelStore } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import type { WriterClient } from './writer-client.js';

interface TaskModelRow {
  task: string;
  provider: string;
  requested_model: string;
  resolved_model: string;
  previous_model: string | null;
  floating: number;
  first_seen: number;
  last_seen: number;
  changed_at: number | null;
}

const toState = (row: TaskModelRow): TaskModelState => ({
  task: row.task,
  provider: row.provider,
  requestedModel: row.requested_model,
  resolvedModel: row.resolved_model,
  previousModel: row.previous_model,
  floating: row.floating === 1,
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
  changedAt: row.changed_at,
});

const columns = 'task, provider, requested_model, resolved_model, previous_model, floating, first_seen, last_seen, changed_at';

/** Task model observations in the embedded store: written through the writer thread, read on the request thread. */
export class SqliteTaskModelStore implements TaskModelStore {
  private readonly selectOne;

  constructor(private readonly database: SqliteDatabase, private readonly writer: WriterClient, private readonly projects: ProjectRows) {
    this.selectOne = database.prepare<[number, string, string, string], TaskModelRow>(
      `SELECT ${columns} FROM task_models WHERE project = ? AND task = ? AND provider = ? AND requested_model = ?`,
    );
  }

  async getTaskModel(projectId: string, key: Pick<TaskModelState, 'task' | 'provider' | 'requestedModel'>): Promise<TaskModelState | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const row = this.selectOne.get(project, key.task, key.provider, key.requestedModel);
    return row === undefined ? null : toState(row);
  }

  async putTaskModel(projectId: string, state: TaskModelState): Promise<void> {
    await this.writer.write('taskModels', this.projects.rowOf(projectId), [state], 1, 400);
  }

  async listTaskModels(projectId: string, task?: string): Promise<TaskModelState[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const filter = task === undefined ? '' : ' AND task = ?';
    const parameters: unknown[] = task === undefined ? [project] : [project, task];
    return (
      this.database
        .prepare(`SELECT ${columns} FROM task_models WHERE project = ?${filter} ORDER BY task, provider, requested_model`)
        .all(...parameters) as TaskModelRow[]
    ).map(toState);
  }
}
