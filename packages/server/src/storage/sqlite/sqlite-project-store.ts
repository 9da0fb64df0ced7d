import { randomBytes } from 'node:crypto';
import type { ApiKeyInfo, ApiKeyScope, Project } from '@genchi/spec';
import { StorageConflictError, type KeyGrant, type ProjectStore } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';
import type { WriterClient } from './writer-client.js';

interface ProjectRow {
  row: number;
  id: string;
  name: string;
  created_at: number;
}

interface KeyRow {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
}

const toProject = (row: ProjectRow): Project => ({ id: row.id, name: row.name, createdAt: new Date(row.created_at).toISOString() });

const toKey = (row: KeyRow): ApiKeyInfo => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  prefix: row.prefix,
  scopes: JSON.parse(row.scopes) as ApiKeyScope[],
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
});

const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

const keySelect = `SELECT k.id, p.id AS project_id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at
  FROM api_keys k JOIN projects p ON p.row = k.project`;

/** Projects and keys in the embedded store (few, edited rarely: written on the request thread). */
export class SqliteProjectStore implements ProjectStore {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly database: SqliteDatabase, private readonly rows: ProjectRows, private readonly writer: WriterClient) {}

  async createProject(name: string): Promise<Project> {
    const row: ProjectRow = { row: 0, id: newId('prj'), name, created_at: Date.now() };
    try {
      this.database.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(row.id, name, row.created_at);
    } catch (error) {
      if (error instanceof Error && /UNIQUE/.test(error.message)) throw new StorageConflictError(`a project named ${name} exists`);
      throw error;
    }
    return toProject(row);
  }

  async projectByName(name: string): Promise<Project | null> {
    const row = this.database.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE name = ?').get(name);
    return row ? toProject(row) : null;
  }

  async projectById(id: string): Promise<Project | null> {
    const row = this.database.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?').get(id);
    return row ? toProject(row) : null;
  }

  async listProjects(): Promise<Project[]> {
    return this.database.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY name').all().map(toProject);
  }

  async createKey(projectId: string, key: { secretHash: string; prefix: string; name: string; scopes: ApiKeyScope[] }): Promise<ApiKeyInfo> {
    const id = newId('key');
    const now = Date.now();
    try {
      this.database
        .prepare('INSERT INTO api_keys (id, project, name, prefix, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, this.rows.rowOf(projectId), key.name, key.prefix, key.secretHash, JSON.stringify(key.scopes), now);
    } catch (error) {
      if (error instanceof Error && /UNIQUE/.test(error.message)) throw new StorageConflictError('a key with this secret exists');
      throw error;
    }
    return { id, projectId, name: key.name, prefix: key.prefix, scopes: key.scopes, createdAt: new Date(now).toISOString(), lastUsedAt: null };
  }

  async grantOfKey(secretHash: string): Promise<KeyGrant | null> {
    const row = this.database
      .prepare<[string], KeyRow & { project_name: string; project_created_at: number }>(
        `SELECT k.id, p.id AS project_id, p.name AS project_name, p.created_at AS project_created_at, k.name, k.prefix, k.scopes,
           k.created_at, k.last_used_at
         FROM api_keys k JOIN projects p ON p.row = k.project WHERE k.secret_hash = ? AND k.revoked_at IS NULL`,
      )
      .get(secretHash);
    if (!row) return null;
    this.touch(row.id);
    return {
      keyId: row.id,
      project: { id: row.project_id, name: row.project_name, createdAt: new Date(row.project_created_at).toISOString() },
      scopes: JSON.parse(row.scopes) as ApiKeyScope[],
    };
  }

  async listKeys(projectId: string): Promise<ApiKeyInfo[]> {
    return this.database.prepare<[string], KeyRow>(`${keySelect} WHERE p.id = ? AND k.revoked_at IS NULL ORDER BY k.created_at`).all(projectId).map(toKey);
  }

  async revokeKey(projectId: string, keyId: string): Promise<boolean> {
    const result = this.database
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND project = (SELECT row FROM projects WHERE id = ?)')
      .run(Date.now(), keyId, projectId);
    return result.changes > 0;
  }

  /**
   * Records when a key was last used, at most once a minute per key, through the writer thread: a
   * request never waits for the write lock over a usage timestamp, and a failed write is tried again
   * the next minute.
   */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < 60_000) return;
    this.lastTouched.set(keyId, now);
    // Zero bytes: housekeeping never counts against the bound that protects ingest from overload.
    this.writer.write('keyUsage', 0, [{ keyId, at: now }], 1, 0, { background: true }).catch(() => this.lastTouched.delete(keyId));
  }
}
