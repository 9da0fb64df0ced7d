import { z } from 'zod';
import type { ApiKeyScope, Project } from './project.js';

/** The body of `POST /v1/session`: log in to the web UI with an API key or a one-time login token. */
export const sessionCreateSchema = z.union([
  z.strictObject({ apiKey: z.string().min(1).max(200) }),
  z.strictObject({ loginToken: z.string().min(1).max(200) }),
]);
export type SessionCreateBody = z.input<typeof sessionCreateSchema>;

/** What `POST /v1/session` and `GET /v1/session` answer: who the session acts as. */
export interface SessionInfo {
  project: Project;
  scopes: ApiKeyScope[];
  /** When the session cookie ends; null when the request used an API key. */
  expiresAt: string | null;
}

/** The header the web UI sends on every request; a cookie-authenticated write without it is refused (CSRF). */
export const webClientHeader = 'x-genchi-client';
/** The name of {@link webClientHeader} as a type, for clients that import types only. */
export type WebClientHeader = typeof webClientHeader;
