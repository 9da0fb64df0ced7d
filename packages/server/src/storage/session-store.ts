import type { ApiKeyScope, Project } from '@genchi/spec';

/** A web session or login token as stored: only the hash of its secret. */
export interface NewSession {
  tokenHash: string;
  projectId: string;
  /** The API key the session was opened with; it ends when the key is revoked. Null for a login link. */
  keyId: string | null;
  scopes: ApiKeyScope[];
  createdAt: number;
  expiresAt: number;
}

/** What a live session acts as. */
export interface SessionGrant {
  project: Project;
  scopes: ApiKeyScope[];
  keyId: string | null;
  expiresAt: number;
}

/** Web UI sessions (cookies) and one-time login tokens, stored hashed. */
export interface SessionStore {
  /** Stores a session. */
  createSession(session: NewSession): Promise<void>;
  /** What a live session (not expired, project present, key not revoked) may do, or null. */
  grantOfSession(tokenHash: string, now: number): Promise<SessionGrant | null>;
  /** Ends a session. */
  deleteSession(tokenHash: string): Promise<void>;
  /** Stores a one-time login token. */
  createLoginToken(token: Omit<NewSession, 'keyId'>): Promise<void>;
  /** Uses a login token once: its project and scopes, or null when unknown, used or expired. */
  consumeLoginToken(tokenHash: string, now: number): Promise<{ projectId: string; scopes: ApiKeyScope[] } | null>;
  /** Deletes expired sessions and tokens; returns how many. */
  purgeExpired(now: number): Promise<number>;
}
