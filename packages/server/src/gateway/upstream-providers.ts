import { resolveModelReference, type ProviderConfig, type TaskConfig } from '@genchi/spec';
import { GatewayError } from './gateway-error.js';
import type { ProviderTarget, UpstreamProvider } from './upstream-provider.js';
import type { CallRoute } from './call-route.js';
import { Pool } from './undici-pool.js';

function openProvider(name: string, config: ProviderConfig): UpstreamProvider {
  const url = new URL(config.baseUrl);
  return {
    name,
    basePath: url.pathname.replace(/\/+$/, ''),
    pool: new Pool(url.origin, { connections: config.connections, keepAliveTimeout: 30_000, pipelining: 1 }),
    authorization: config.apiKey === undefined ? null : `Bearer ${config.apiKey}`,
    missingKeyEnv: config.apiKey === undefined && config.apiKeyEnv !== undefined ? config.apiKeyEnv : null,
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    models: config.models,
  };
}

/** The configured providers and the routing of model names to them (`provider/model`, or bare names with one provider). */
export class UpstreamProviders {
  private readonly providers = new Map<string, UpstreamProvider>();
  private readonly targets = new Map<string, ProviderTarget | GatewayError>();
  private readonly plainRoutes = new Map<string, CallRoute>();

  constructor(private readonly configs: Readonly<Record<string, ProviderConfig>>) {
    for (const [name, config] of Object.entries(configs)) this.providers.set(name, openProvider(name, config));
  }

  /** Every provider, in config order. */
  list(): UpstreamProvider[] {
    return [...this.providers.values()];
  }

  /** Where a model reference goes, or a 404 in OpenAI's shape naming why it goes nowhere. */
  resolve(reference: string): ProviderTarget {
    let target = this.targets.get(reference);
    if (target === undefined) {
      const resolved = resolveModelReference(reference, this.configs);
      target =
        'problem' in resolved
          ? new GatewayError(404, resolved.problem, { param: 'model', code: 'model_not_found' })
          : { provider: this.providers.get(resolved.provider) as UpstreamProvider, model: resolved.model };
      if (this.targets.size >= 10_000) this.targets.clear();
      this.targets.set(reference, target);
    }
    if (target instanceof GatewayError) throw target;
    return target;
  }

  /** The route of a call that no pin or variant changes, kept per model name (routes are never modified). */
  plainRoute(reference: string, task: TaskConfig | undefined): CallRoute {
    if (task !== undefined) return { ...this.resolve(reference), requestedModel: reference, task };
    let route = this.plainRoutes.get(reference);
    if (route === undefined) {
      route = Object.freeze({ ...this.resolve(reference), requestedModel: reference, task: undefined });
      if (this.plainRoutes.size >= 10_000) this.plainRoutes.clear();
      this.plainRoutes.set(reference, route);
    }
    return route;
  }

  /** Closes every pool, letting running requests finish. */
  async close(): Promise<void> {
    await Promise.all(this.list().map((provider) => provider.pool.close()));
  }
}
