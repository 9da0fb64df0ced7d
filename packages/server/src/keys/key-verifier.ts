import { apiKeyValueSchema } from '@genchi/spec';
import type { KeyGrant, ProjectStore } from '../storage/storage.js';
import { hashKeySecret } from './key-secrets.js';

/** No key secret is longer (keys genchi makes are 35 characters; chosen ones are checked against the schema). */
const maxSecretLength = apiKeyValueSchema.maxLength ?? 200;

interface Cached {
  grant: KeyGrant | null;
  until: number;
}

/**
 * Verifies key secrets against the store, remembering answers for a few seconds so requests need no
 * lookup each. Answers are remembered by the secret itself, which the process holds during every
 * request anyway, so a remembered key costs no hashing either (a SHA-256 per call showed in the
 * gateway's profile).
 */
export class KeyVerifier {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly projects: ProjectStore, private readonly ttlMilliseconds = 5_000) {}

  /** The grant of a secret, or null when it is unknown or revoked. */
  async verify(secret: string): Promise<KeyGrant | null> {
    // A longer text is no key: refused before it can fill the cache.
    if (secret.length > maxSecretLength) return null;
    const now = Date.now();
    const cached = this.cache.get(secret);
    if (cached && cached.until > now) return cached.grant;
    const grant = await this.projects.grantOfKey(hashKeySecret(secret));
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(secret, { grant, until: now + this.ttlMilliseconds });
    return grant;
  }

  /** Forgets every remembered answer (after a key is revoked). */
  forget(): void {
    this.cache.clear();
  }
}
