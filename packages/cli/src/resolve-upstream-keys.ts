import type { GenchiConfig } from '@genchi/spec';

/**
 * Puts the upstream keys that providers name by `apiKeyEnv` into the config, from the given
 * environment, so that the server is handed resolved values and never reads the environment itself.
 * Returns a warning for each variable that is not set (calls to that provider are then refused
 * with a 401 naming the variable, unless the caller passes its own key through).
 */
export function resolveUpstreamKeys(config: GenchiConfig, environment: Readonly<Record<string, string | undefined>>): string[] {
  const warnings: string[] = [];
  for (const [name, provider] of Object.entries(config.providers)) {
    if (provider.apiKeyEnv === undefined || provider.apiKey !== undefined) continue;
    const value = environment[provider.apiKeyEnv]?.trim();
    if (value) provider.apiKey = value;
    else warnings.push(`provider ${name}: ${provider.apiKeyEnv} is not set; its calls will be refused until it is`);
  }
  return warnings;
}
