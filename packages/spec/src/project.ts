import { z } from 'zod';

/** What an API key may do; `admin` includes the others. */
export const apiKeyScopes = ['ingest', 'read', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** A project name: what `--project` and `GENCHI_INIT_PROJECT` take. */
export const projectNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'letters, digits, dot, dash and underscore, starting with a letter or digit');

/** The value of an API key a user chooses (GENCHI_INIT_API_KEY): long enough to be a secret. */
export const apiKeyValueSchema = z.string().min(16, 'must be at least 16 characters').max(200).regex(/^\S+$/, 'no spaces');

/** A tenant: every other record belongs to one. */
export interface Project {
  id: string;
  name: string;
  createdAt: string;
}

/** An API key as listed (the secret itself is never stored or shown again). */
export interface ApiKeyInfo {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** Whether a key with `granted` scopes may do what `needed` names. */
export function scopeAllows(granted: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** Parses a comma-separated scope list such as `ingest,read`. */
export const scopeListSchema = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.enum(apiKeyScopes)).min(1, 'name at least one scope'));
