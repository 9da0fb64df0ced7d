import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelPrice } from '@genchi/spec';
import type { Storage } from '../storage.js';
import { migrate } from './migrations.js';
import { openDatabase } from './open-database.js';
import { ProjectRows } from './project-rows.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { SqliteProjectStore } from './sqlite-project-store.js';
import { SqliteReviewStore } from './sqlite-review-store.js';
import { SqliteSessionStore } from './sqlite-session-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteFeedbackStore } from './sqlite-feedback-store.js';
import { SqliteCheckStore } from './sqlite-check-store.js';
import { SqliteScoreStore } from './sqlite-score-store.js';
import { SqliteTaskModelStore } from './sqlite-task-model-store.js';
import { SqliteTraceStore } from './sqlite-trace-store.js';
import { WriterClient } from './writer-client.js';

/** Settings of the embedded store. */
export interface SqliteStorageOptions {
  /** Folder of the database file; created when missing. */
  directory: string;
  /** Page cache of the connection that serves queries, in MiB (default 32). */
  cacheMiB?: number;
  /** Page cache of the writer thread's connection, in MiB (default 8). */
  writerCacheMiB?: number;
  maxQueueBytes?: number;
  maxRowsPerCommit?: number;
  prices?: Readonly<Record<string, ModelPrice>>;
  /** Least time between two commits of the writer, in milliseconds (default 10). */
  commitWindowMs?: number;
  /** The same while only background writes wait, in milliseconds (default 250). */
  backgroundCommitMs?: number;
  /** Keys held in full recent-key buckets before they move to record_keys (see RecentKeys). */
  recentKeyLimit?: number;
}

/** The embedded store's file name inside its folder. */
export const databaseFileName = 'genchi.sqlite';

/** Opens (and creates or migrates) the embedded SQLite store in a folder. */
export function openSqliteStorage(options: SqliteStorageOptions): Storage & { file: string } {
  mkdirSync(options.directory, { recursive: true });
  const file = join(options.directory, databaseFileName);
  const cacheMiB = options.cacheMiB ?? 32;
  const database = openDatabase(file, { cacheMiB });
  migrate(database);
  const writer = new WriterClient(
    {
      file,
      cacheMiB: options.writerCacheMiB ?? 2,
      maxRowsPerCommit: options.maxRowsPerCommit ?? 4000,
      prices: options.prices ?? {},
      recentKeyLimit: options.recentKeyLimit ?? 200_000,
      keyMoveChunk: 50_000,
      commitWindowMs: options.commitWindowMs ?? 10,
      backgroundCommitMs: options.backgroundCommitMs ?? 250,
    },
    options.maxQueueBytes ?? 64 * 1024 * 1024,
  );
  const projectRows = new ProjectRows(database);
  return {
    file,
    projects: new SqliteProjectStore(database, projectRows, writer),
    traces: new SqliteTraceStore(database, writer, projectRows),
    scores: new SqliteScoreStore(database, writer, projectRows),
    review: new SqliteReviewStore(database, projectRows),
    jobs: new SqliteJobStore(database),
    sessions: new SqliteSessionStore(database, projectRows),
    feedback: new SqliteFeedbackStore(database, writer, projectRows),
    checks: new SqliteCheckStore(database, projectRows),
    events: new SqliteEventStore(database, writer, projectRows),
    taskModels: new SqliteTaskModelStore(database, writer, projectRows),
    async close() {
      await writer.close();
      database.close();
    },
  };
}
