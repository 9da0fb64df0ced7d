import { feedbackMigrations } from './feedback-migrations.js';
import { checkMigrations } from './check-migrations.js';
import { gatewayMigrations } from './gateway-migrations.js';
import type { SqliteDatabase } from './open-database.js';
import { reviewMigrations } from './review-migrations.js';

/** One named schema change; applied once, in list order, inside a transaction. */
export interface Migration {
  name: string;
  sql: string;
}

const foundation: Migration[] = [
  {
    name: '0001-projects-and-keys',
    sql: `
      CREATE TABLE projects (
        row INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        project INTEGER NOT NULL REFERENCES projects(row),
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        secret_hash TEXT NOT NULL UNIQUE,
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );`,
  },
  {
    name: '0002-spans',
    sql: `
      CREATE TABLE spans (
        row INTEGER PRIMARY KEY,
        project INTEGER NOT NULL,
        start_time REAL NOT NULL,
        id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        parent_id TEXT,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        task TEXT NOT NULL,
        environment TEXT NOT NULL,
        end_time REAL,
        latency_ms REAL,
        ttft_ms REAL,
        provider TEXT,
        model TEXT,
        resolved_model TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        total_tokens INTEGER,
        cached_input_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost_usd REAL,
        cost_source TEXT,
        status TEXT NOT NULL,
        error_type TEXT,
        error_message TEXT,
        user_id TEXT,
        session_id TEXT,
        prompt_id TEXT,
        prompt_version TEXT,
        tags TEXT,
        flags INTEGER NOT NULL,
        defaulted INTEGER NOT NULL,
        input_preview TEXT NOT NULL,
        output_preview TEXT NOT NULL
      );
      CREATE INDEX spans_by_time ON spans (project, start_time);
      CREATE INDEX spans_by_task ON spans (project, task, start_time);
      CREATE TABLE span_bodies (
        row INTEGER PRIMARY KEY,
        params TEXT,
        input TEXT,
        output TEXT,
        tool_calls TEXT,
        metadata TEXT,
        attributes TEXT,
        raw TEXT
      );`,
  },
  {
    // Lookups by a high-cardinality value (span id, trace id, user, session, tag, score id) go through
    // hashed keys. New keys land in the small recent_keys table; the writer moves them to record_keys
    // in large sorted batches, so that no insert dirties a random page of a large index.
    name: '0003-record-keys',
    sql: `
      CREATE TABLE recent_keys (key INTEGER NOT NULL, time REAL NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (key, time, row)) WITHOUT ROWID;
      CREATE TABLE record_keys (key INTEGER NOT NULL, time REAL NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (key, time, row)) WITHOUT ROWID;`,
  },
  {
    name: '0004-scores',
    sql: `
      CREATE TABLE scores (
        row INTEGER PRIMARY KEY,
        project INTEGER NOT NULL,
        created_at REAL NOT NULL,
        id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        trace_id TEXT,
        name TEXT NOT NULL,
        value TEXT,
        value_type TEXT,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        criterion_id TEXT,
        criterion_version INTEGER,
        assertion_id TEXT,
        environment TEXT,
        metadata TEXT
      );
      CREATE INDEX scores_by_time ON scores (project, created_at);`,
  },
  {
    // New keys fill one bucket after another, so a commit dirties only the pages of the bucket being
    // filled (see RecentKeys). The view keeps the old name for readers: one seek per live bucket.
    name: '0005-recent-key-buckets',
    sql: `
      CREATE TABLE recent_key_buckets (bucket INTEGER PRIMARY KEY);
      CREATE TABLE recent_bucket_keys (
        bucket INTEGER NOT NULL, key INTEGER NOT NULL, time REAL NOT NULL, row INTEGER NOT NULL,
        PRIMARY KEY (bucket, key, time, row)
      ) WITHOUT ROWID;
      INSERT INTO recent_key_buckets (bucket) VALUES (0);
      INSERT INTO recent_bucket_keys SELECT 0, key, time, row FROM recent_keys;
      DROP TABLE recent_keys;
      CREATE VIEW recent_keys AS
        SELECT k.key AS key, k.time AS time, k.row AS row FROM recent_key_buckets b CROSS JOIN recent_bucket_keys k ON k.bucket = b.bucket;`,
  },
];

/** Every migration of the embedded store, in order. Features append their own lists here. */
export const migrations: readonly Migration[] = [...foundation, ...gatewayMigrations, ...reviewMigrations, ...feedbackMigrations, ...checkMigrations];

/** Applies the migrations the database has not seen yet. */
export function migrate(database: SqliteDatabase, list: readonly Migration[] = migrations): void {
  database.exec('CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(database.prepare<[], { name: string }>('SELECT name FROM migrations').all().map((row) => row.name));
  const record = database.prepare('INSERT INTO migrations (name, applied_at) VALUES (?, ?)');
  for (const migration of list) {
    if (applied.has(migration.name)) continue;
    database.transaction(() => {
      database.exec(migration.sql);
      record.run(migration.name, Date.now());
    }).immediate();
  }
}
