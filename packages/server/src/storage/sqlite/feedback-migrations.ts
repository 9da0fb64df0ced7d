/**
 * The feedback table: append-heavy, written by the single writer, looked up through hashed keys (by
 * id and by span). Typed structurally, not through migrations.ts, so that appending there makes no cycle.
 */
export const feedbackMigrations: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'feedback-0001-events',
    sql: `
      CREATE TABLE feedback (
        row INTEGER PRIMARY KEY,
        project INTEGER NOT NULL,
        created_at REAL NOT NULL,
        id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        trace_id TEXT,
        kind TEXT NOT NULL,
        thumbs TEXT,
        rating REAL,
        scale INTEGER,
        comment TEXT,
        final_text TEXT,
        diff TEXT,
        label_strength INTEGER NOT NULL,
        user_id TEXT,
        session_id TEXT,
        environment TEXT,
        metadata TEXT
      );
      CREATE INDEX feedback_by_time ON feedback (project, created_at);`,
  },
];
