/**
 * Tables of the daily review, the job runner and web sessions (records people edit: written on the
 * request thread). Typed structurally, not through migrations.ts, so that appending there makes no cycle.
 */
export const reviewMigrations: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'review-1-queues',
    sql: `
      CREATE TABLE review_rules (
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (project, task)
      ) WITHOUT ROWID;
      CREATE TABLE review_rotations (project INTEGER PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL);
      CREATE TABLE review_samples (
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        day TEXT NOT NULL,
        seed INTEGER NOT NULL,
        candidates INTEGER NOT NULL,
        drawn INTEGER NOT NULL,
        added INTEGER NOT NULL,
        by_stratum TEXT NOT NULL,
        assigned_to TEXT,
        drawn_at REAL NOT NULL,
        PRIMARY KEY (project, task, day)
      ) WITHOUT ROWID;
      CREATE TABLE failure_modes (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        definition TEXT NOT NULL,
        version INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        UNIQUE (project, task, name)
      );
      CREATE TABLE failure_mode_versions (
        mode INTEGER NOT NULL REFERENCES failure_modes(row),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (mode, version)
      ) WITHOUT ROWID;
      -- A span enters a task's queue once: the unique key makes a second draw of it a no-op.
      CREATE TABLE review_items (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        project INTEGER NOT NULL,
        task TEXT NOT NULL,
        span_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        stratum TEXT NOT NULL,
        position INTEGER NOT NULL,
        assigned_to TEXT,
        span_start REAL NOT NULL,
        model TEXT,
        status TEXT NOT NULL,
        input_preview TEXT NOT NULL,
        output_preview TEXT NOT NULL,
        verdict TEXT,
        note TEXT,
        corrected_output TEXT,
        reviewed_by TEXT,
        reviewed_at REAL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        UNIQUE (project, task, span_id)
      );
      CREATE INDEX review_items_by_day ON review_items (project, task, day);
      CREATE INDEX review_items_by_span ON review_items (project, span_id);
      CREATE INDEX review_items_by_review_time ON review_items (project, reviewed_at) WHERE reviewed_at IS NOT NULL;
      CREATE TABLE review_item_modes (
        item INTEGER NOT NULL REFERENCES review_items(row),
        mode INTEGER NOT NULL REFERENCES failure_modes(row),
        version INTEGER NOT NULL,
        PRIMARY KEY (item, mode)
      ) WITHOUT ROWID;
      CREATE INDEX review_item_modes_by_mode ON review_item_modes (mode, version);
      CREATE TABLE review_events (
        row INTEGER PRIMARY KEY,
        item INTEGER NOT NULL REFERENCES review_items(row),
        at REAL NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        fields TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX review_events_by_item ON review_events (item, row);`,
  },
  {
    name: 'jobs-1-jobs',
    sql: `
      CREATE TABLE jobs (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        project_id TEXT,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        run_at REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until REAL,
        result TEXT,
        error TEXT,
        created_at REAL NOT NULL,
        finished_at REAL,
        UNIQUE (kind, key)
      );
      CREATE INDEX jobs_due ON jobs (status, run_at);`,
  },
  {
    name: 'web-1-sessions',
    sql: `
      CREATE TABLE web_sessions (
        token_hash TEXT PRIMARY KEY,
        project INTEGER NOT NULL REFERENCES projects(row),
        key_id TEXT,
        scopes TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE login_tokens (
        token_hash TEXT PRIMARY KEY,
        project INTEGER NOT NULL REFERENCES projects(row),
        scopes TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
      ) WITHOUT ROWID;`,
  },
];
