/**
 * Schema of the gateway's records: the events it notices and the models each task's traffic met.
 * Typed structurally (not through migrations.ts) so that the list can be appended there without a cycle.
 */
export const gatewayMigrations: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'gateway-0001-events',
    sql: `
      CREATE TABLE events (
        row INTEGER PRIMARY KEY,
        project INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        at REAL NOT NULL,
        task TEXT,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        UNIQUE (project, id)
      );
      CREATE INDEX events_by_time ON events (project, at);`,
  },
  {
    name: 'gateway-0002-task-models',
    sql: `
      CREATE TABLE task_models (
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        provider TEXT NOT NULL,
        requested_model TEXT NOT NULL,
        resolved_model TEXT NOT NULL,
        previous_model TEXT,
        floating INTEGER NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL,
        changed_at REAL,
        PRIMARY KEY (project, task, provider, requested_model)
      ) WITHOUT ROWID;`,
  },
];
