import type { EventInput } from '@genchi/spec';
import type { TaskModelState, WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';

/**
 * Writes the gateway's records (events, task model states) inside the writer thread's transaction,
 * so that the request thread, which serves the gateway's calls, never waits for the write lock.
 */
export class GatewayRecordWriter {
  private readonly insertEvent;
  private readonly upsertTaskModel;

  constructor(database: SqliteDatabase) {
    this.insertEvent = database.prepare('INSERT OR IGNORE INTO events (project, id, type, at, task, summary, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.upsertTaskModel = database.prepare(
      `INSERT OR REPLACE INTO task_models (project, task, provider, requested_model, resolved_model, previous_model, floating, first_seen, last_seen, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Records events; an id already stored is kept as it is ('merged'). The caller holds the transaction. */
  writeEvents(project: number, events: readonly EventInput[]): WriteOutcome[] {
    return events.map((event) => {
      const result = this.insertEvent.run(project, event.id, event.type, event.at, event.task, event.summary, JSON.stringify(event.details));
      return result.changes > 0 ? 'created' : 'merged';
    });
  }

  /** Creates or replaces task model states. The caller holds the transaction. */
  putTaskModels(project: number, states: readonly TaskModelState[]): WriteOutcome[] {
    return states.map((state) => {
      this.upsertTaskModel.run(
        project,
        state.task,
        state.provider,
        state.requestedModel,
        state.resolvedModel,
        state.previousModel,
        state.floating ? 1 : 0,
        state.firstSeen,
        state.lastSeen,
        state.changedAt,
      );
      return 'merged';
    });
  }
}
