import { createHash, randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new API key secret: `gk_` and 32 random base62 characters. */
export function newKeySecret(): string {
  const bytes = randomBytes(32);
  let text = 'gk_';
  for (const byte of bytes) text += alphabet[byte % 62];
  return text;
}

/** The stored form of a key secret: its SHA-256 (secrets are long and random, so a fast hash suffices). */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The first characters of a secret, stored to tell keys apart in lists. */
export function keyPrefix(secret: string): string {
  return secret.slice(0, 7);
}
