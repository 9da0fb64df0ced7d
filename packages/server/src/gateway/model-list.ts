import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyReply } from 'fastify';
import { poolRequest } from './undici-pool.js';
import { callUpstream } from './upstream-call.js';
import { upstreamAuthorization, upstreamHeaders } from './upstream-headers.js';
import type { UpstreamProvider } from './upstream-provider.js';
import type { UpstreamProviders } from './upstream-providers.js';

interface ModelEntry {
  id: string;
  object: string;
  created: number;
  owned_by: string;
}

/** Passes one upstream model request through to the caller untouched. */
async function passThrough(provider: UpstreamProvider, path: string, headers: IncomingHttpHeaders, reply: FastifyReply, passthrough: boolean): Promise<void> {
  const authorization = upstreamAuthorization(provider, headers, passthrough);
  reply.hijack();
  await callUpstream(
    { provider, method: 'GET', path: provider.basePath + path, headers: upstreamHeaders(headers, provider, authorization) },
    { response: reply.raw, captureLimitBytes: 0, retries: 0, startedAt: performance.now() },
  );
}

/** The models of one provider, named `provider/model` so that they can be sent back as they are; its `models` list when configured. */
async function providerModels(provider: UpstreamProvider, headers: IncomingHttpHeaders, passthrough: boolean): Promise<ModelEntry[]> {
  const named = (id: string, entry?: Partial<ModelEntry>): ModelEntry => ({ object: 'model', created: 0, owned_by: provider.name, ...entry, id: `${provider.name}/${id}` });
  if (provider.models !== undefined) return provider.models.map((id) => named(id));
  const authorization = upstreamAuthorization(provider, headers, passthrough);
  const answer = await poolRequest(provider.pool, {
    method: 'GET',
    path: `${provider.basePath}/models`,
    headers: upstreamHeaders(headers, provider, authorization),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const body = (await answer.body.json()) as { data?: unknown };
  if (answer.statusCode >= 400 || !Array.isArray(body.data)) return [];
  return body.data.flatMap((entry: Partial<ModelEntry>) => (typeof entry?.id === 'string' ? [named(entry.id, entry)] : []));
}

/**
 * `GET /v1/models`: with one provider (and no `models` list) the upstream's answer untouched; with
 * several, their lists merged with ids as `provider/model` (a provider that fails is left out and named
 * in `x-genchi-providers-failed`).
 */
export async function listModels(providers: UpstreamProviders, headers: IncomingHttpHeaders, reply: FastifyReply, passthrough: boolean): Promise<unknown> {
  const all = providers.list();
  const only = all.length === 1 ? all[0] : undefined;
  if (only !== undefined && only.models === undefined) return passThrough(only, '/models', headers, reply, passthrough);
  const lists = await Promise.allSettled(all.map((provider) => providerModels(provider, headers, passthrough)));
  const failed = all.filter((_, index) => lists[index]?.status === 'rejected').map((provider) => provider.name);
  if (failed.length > 0) void reply.header('x-genchi-providers-failed', failed.join(','));
  return { object: 'list', data: lists.flatMap((list) => (list.status === 'fulfilled' ? list.value : [])) };
}

/** `GET /v1/models/{model}`: the model's provider answers, untouched. */
export function retrieveModel(providers: UpstreamProviders, reference: string, headers: IncomingHttpHeaders, reply: FastifyReply, passthrough: boolean): Promise<void> {
  const { provider, model } = providers.resolve(reference);
  return passThrough(provider, `/models/${encodeURIComponent(model)}`, headers, reply, passthrough);
}
