import { randomBytes } from 'node:crypto';
import type { Job, JobStatus } from '@genchi/spec';
import type { JobStore, NewJob } from '../job-store.js';
import type { SqliteDatabase } from './open-database.js';

interface JobRow {
  id: string;
  kind: string;
  key: string;
  project_id: string | null;
  payload: string;
  status: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  result: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

const toJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  projectId: row.project_id,
  payload: JSON.parse(row.payload) as unknown,
  status: row.status as JobStatus,
  runAt: new Date(row.run_at).toISOString(),
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  leaseOwner: row.lease_owner,
  leaseUntil: iso(row.lease_until),
  result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: iso(row.finished_at),
});

/** Jobs in the embedded store: claims are single UPDATEs in a transaction, so two workers never hold one job. */
export class SqliteJobStore implements JobStore {
  constructor(private readonly database: SqliteDatabase) {}

  async enqueue(job: NewJob, now: number): Promise<{ job: Job; created: boolean }> {
    const id = `job_${randomBytes(9).toString('base64url')}`;
    const { changes } = this.database
      .prepare(
        `INSERT OR IGNORE INTO jobs (id, kind, key, project_id, payload, status, run_at, max_attempts, created_at)
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      )
      .run(id, job.kind, job.key, job.projectId, JSON.stringify(job.payload ?? null), job.runAt, job.maxAttempts, now);
    const stored = this.database.prepare<[string, string], JobRow>('SELECT * FROM jobs WHERE kind = ? AND key = ?').get(job.kind, job.key) as JobRow;
    return { job: toJob(stored), created: changes > 0 };
  }

  async claim(options: { owner: string; now: number; leaseMs: number; kinds: readonly string[] }): Promise<Job | null> {
    if (options.kinds.length === 0) return null;
    const kinds = options.kinds.map(() => '?').join(', ');
    const dueCondition = "((status = 'queued' AND run_at <= @now) OR (status = 'running' AND lease_until < @now))";
    const findDue = this.database.prepare<unknown[], { id: string; status: string; attempts: number; max_attempts: number }>(
      `SELECT id, status, attempts, max_attempts FROM jobs WHERE kind IN (${kinds}) AND ${dueCondition.replaceAll('@now', '?')} ORDER BY run_at, row LIMIT 1`,
    );
    // Reads first: an idle poll writes nothing (no write lock taken every second). Each write re-checks
    // its condition, so two workers racing for one job cannot both get it.
    for (let tries = 0; tries < 100; tries++) {
      const due = findDue.get(...options.kinds, options.now, options.now);
      if (due === undefined) return null;
      if (due.status === 'running' && due.attempts >= due.max_attempts) {
        this.database
          .prepare(
            `UPDATE jobs SET status = 'failed', error = coalesce(error || '; ', '') || 'lease lapsed after the last attempt', finished_at = ?,
               lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'running' AND lease_until < ?`,
          )
          .run(options.now, due.id, options.now);
        continue;
      }
      const claimed = this.database
        .prepare(`UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE id = ? AND ${dueCondition.replaceAll('@now', '?')}`)
        .run(options.owner, options.now + options.leaseMs, due.id, options.now, options.now);
      if (claimed.changes === 1) return toJob(this.database.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?').get(due.id) as JobRow);
    }
    return null;
  }

  async renew(id: string, owner: string, leaseUntil: number): Promise<boolean> {
    return this.database.prepare("UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = 'running'").run(leaseUntil, id, owner).changes > 0;
  }

  async complete(id: string, owner: string, result: unknown, now: number): Promise<boolean> {
    return (
      this.database
        .prepare("UPDATE jobs SET status = 'done', result = ?, error = NULL, finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'")
        .run(JSON.stringify(result ?? null), now, id, owner).changes > 0
    );
  }

  async fail(id: string, owner: string, error: string, now: number, retryAt: number | null): Promise<boolean> {
    const sql =
      retryAt === null
        ? "UPDATE jobs SET status = 'failed', error = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'"
        : "UPDATE jobs SET status = 'queued', error = ?, run_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'";
    return this.database.prepare(sql).run(error, retryAt ?? now, id, owner).changes > 0;
  }

  async getJob(id: string): Promise<Job | null> {
    const row = this.database.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row ? toJob(row) : null;
  }

  async listJobs(query: { projectId?: string | undefined; kind?: string | undefined; status?: JobStatus | undefined; limit: number }): Promise<Job[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    for (const [column, value] of [['project_id', query.projectId], ['kind', query.kind], ['status', query.status]] as const) {
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    return this.database.prepare<unknown[], JobRow>(`SELECT * FROM jobs ${where} ORDER BY row DESC LIMIT ?`).all(...parameters, query.limit).map(toJob);
  }
}
