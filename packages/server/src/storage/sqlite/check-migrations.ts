/**
 * Tables of assertions and judges: criteria and their versions, checks, and online evaluation rules
 * (records people edit: written on the request thread). Typed structurally so that appending to
 * migrations.ts makes no import cycle.
 */
export const checkMigrations: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'checks-1-criteria-checks-rules',
    sql: `
      CREATE TABLE criteria (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        definition TEXT NOT NULL,
        version INTEGER NOT NULL,
        failure_mode_id TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        UNIQUE (project, task, name)
      );
      CREATE TABLE criterion_versions (
        criterion INTEGER NOT NULL REFERENCES criteria(row),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (criterion, version)
      ) WITHOUT ROWID;
      CREATE TABLE checks (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        criterion_id TEXT,
        name TEXT NOT NULL,
        assertion TEXT NOT NULL,
        gate TEXT,
        version INTEGER NOT NULL,
        enabled INTEGER NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
      );
      CREATE INDEX checks_by_task ON checks (project, task);
      CREATE TABLE online_rules (
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        body TEXT NOT NULL,
        position INTEGER NOT NULL,
        processed INTEGER NOT NULL DEFAULT 0,
        last_run_at REAL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (project, task)
      ) WITHOUT ROWID;`,
  },
];
