import type { Pool } from './undici-pool.js';

/** One configured upstream, ready to be called: a keep-alive pool, its path prefix and its credentials. */
export interface UpstreamProvider {
  name: string;
  /** The path of the base URL without a trailing slash (`/v1`), put before each endpoint's path. */
  basePath: string;
  pool: Pool;
  /** `Authorization` value sent upstream, or null when the provider needs none or its key is missing. */
  authorization: string | null;
  /** The environment variable that should have held the key, when it did not. */
  missingKeyEnv: string | null;
  /** Headers sent with every request to this provider. */
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  models: readonly string[] | undefined;
}

/** Where a requested model goes. */
export interface ProviderTarget {
  provider: UpstreamProvider;
  model: string;
}
