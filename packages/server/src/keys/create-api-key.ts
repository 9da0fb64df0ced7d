import type { ApiKeyInfo, ApiKeyScope } from '@genchi/spec';
import type { ProjectStore } from '../storage/storage.js';
import { hashKeySecret, keyPrefix, newKeySecret } from './key-secrets.js';

/** Creates a key for a project (with a chosen secret, or a new random one) and returns its secret once. */
export async function createApiKey(
  projects: ProjectStore,
  projectId: string,
  options: { name: string; scopes: ApiKeyScope[]; secret?: string },
): Promise<{ secret: string; key: ApiKeyInfo }> {
  const secret = options.secret ?? newKeySecret();
  const key = await projects.createKey(projectId, { secretHash: hashKeySecret(secret), prefix: keyPrefix(secret), name: options.name, scopes: options.scopes });
  return { secret, key };
}
