import type { ApiKeyScope } from '@genchi/spec';
import type { NewSession, SessionGrant, SessionStore } from '../session-store.js';
import type { SqliteDatabase } from './open-database.js';
import type { ProjectRows } from './project-rows.js';

interface SessionRow {
  key_id: string | null;
  scopes: string;
  expires_at: number;
  project_id: string;
  project_name: string;
  project_created_at: number;
  key_revoked: number | null;
}

/** Web sessions and login tokens in the embedded store (hashes only). */
export class SqliteSessionStore implements SessionStore {
  constructor(private readonly database: SqliteDatabase, private readonly projects: ProjectRows) {}

  async createSession(session: NewSession): Promise<void> {
    this.database
      .prepare('INSERT INTO web_sessions (token_hash, project, key_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(session.tokenHash, this.projects.rowOf(session.projectId), session.keyId, JSON.stringify(session.scopes), session.createdAt, session.expiresAt);
  }

  async grantOfSession(tokenHash: string, now: number): Promise<SessionGrant | null> {
    const row = this.database
      .prepare<[string], SessionRow>(
        `SELECT s.key_id, s.scopes, s.expires_at, p.id AS project_id, p.name AS project_name, p.created_at AS project_created_at,
           (SELECT count(*) FROM api_keys k WHERE k.id = s.key_id AND k.revoked_at IS NOT NULL) AS key_revoked
         FROM web_sessions s JOIN projects p ON p.row = s.project WHERE s.token_hash = ?`,
      )
      .get(tokenHash);
    if (row === undefined || row.expires_at <= now || (row.key_revoked ?? 0) > 0) return null;
    return {
      project: { id: row.project_id, name: row.project_name, createdAt: new Date(row.project_created_at).toISOString() },
      scopes: JSON.parse(row.scopes) as ApiKeyScope[],
      keyId: row.key_id,
      expiresAt: row.expires_at,
    };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.database.prepare('DELETE FROM web_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async createLoginToken(token: Omit<NewSession, 'keyId'>): Promise<void> {
    this.database
      .prepare('INSERT INTO login_tokens (token_hash, project, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(token.tokenHash, this.projects.rowOf(token.projectId), JSON.stringify(token.scopes), token.createdAt, token.expiresAt);
  }

  async consumeLoginToken(tokenHash: string, now: number): Promise<{ projectId: string; scopes: ApiKeyScope[] } | null> {
    return this.database.transaction(() => {
      const used = this.database.prepare('UPDATE login_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').run(now, tokenHash, now);
      if (used.changes === 0) return null;
      const row = this.database
        .prepare<[string], { project_id: string; scopes: string }>('SELECT p.id AS project_id, t.scopes FROM login_tokens t JOIN projects p ON p.row = t.project WHERE t.token_hash = ?')
        .get(tokenHash);
      return row ? { projectId: row.project_id, scopes: JSON.parse(row.scopes) as ApiKeyScope[] } : null;
    }).immediate();
  }

  async purgeExpired(now: number): Promise<number> {
    const sessions = this.database.prepare('DELETE FROM web_sessions WHERE expires_at <= ?').run(now).changes;
    const tokens = this.database.prepare('DELETE FROM login_tokens WHERE expires_at <= ?').run(now).changes;
    return sessions + tokens;
  }
}
