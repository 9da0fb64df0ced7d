import { randomBytes } from 'node:crypto';
import { hashKeySecret } from '../keys/key-secrets.js';
import type { Storage } from '../storage/storage.js';

/** How long a login link printed at start can be used. */
export const loginLinkLifetimeMs = 24 * 3_600_000;

/** A new secret for a session or login token: 32 random bytes, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates a one-time login token for a project with admin scope (the person who started the server
 * owns it): the server's owner opens `/login#<token>` once; only the token's hash is stored.
 */
export async function issueLoginToken(storage: Storage, projectId: string, now: number): Promise<string> {
  const token = newSessionToken();
  await storage.sessions.createLoginToken({ tokenHash: hashKeySecret(token), projectId, scopes: ['admin'], createdAt: now, expiresAt: now + loginLinkLifetimeMs });
  return token;
}

/** The project a start-up login link opens: the initial project when one was named, else `default`, else the first. */
export async function loginProjectOf(storage: Storage, initialProjectName: string | undefined): Promise<string | null> {
  if (initialProjectName !== undefined) return (await storage.projects.projectByName(initialProjectName))?.id ?? null;
  const projects = await storage.projects.listProjects();
  return (projects.find((project) => project.name === 'default') ?? projects[0])?.id ?? null;
}
