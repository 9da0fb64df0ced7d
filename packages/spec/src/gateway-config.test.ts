import { describe, expect, it } from 'vitest';
import { genchiConfigSchema } from './config.js';
import { summarizeZodError } from './errors.js';
import { providerConfigSchema, resolveModelReference } from './gateway-config.js';

const problems = (input: unknown): string => {
  const result = genchiConfigSchema.safeParse(input);
  return result.success ? '' : summarizeZodError(result.error, '', 10);
};

const providers = {
  openai: providerConfigSchema.parse({ baseUrl: 'https://api.openai.com/v1' }),
  local: providerConfigSchema.parse({ baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.1:8b'] }),
};

describe('gateway config', () => {
  it('fills defaults for providers, tasks and gateway options', () => {
    const config = genchiConfigSchema.parse({ providers: { openai: { baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' } }, tasks: { t: { model: 'gpt-4o-2024-08-06' } } });
    expect(config.providers.openai).toEqual({ baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', headers: {}, timeoutMs: 600_000, connections: 256 });
    expect(config.tasks.t).toEqual({ calls: 'llm', model: 'gpt-4o-2024-08-06', shadow: [], variants: [] });
    expect(config.gateway).toMatchObject({ allowUsageInjection: true, passthroughUpstreamAuthorization: false, retries: 0, shadow: { maxConcurrent: 8, maxQueued: 64 }, logBuffer: { maxRecords: 20_000 } });
  });

  it.each([
    [{ tasks: { t: { model: 'gpt-4o' } } }, 'tasks.t.model: no providers are configured'],
    [{ providers, tasks: { t: { model: 'azure/gpt-4o' } } }, 'tasks.t.model: unknown provider azure in model azure/gpt-4o; configured providers: openai, local'],
    [{ providers, tasks: { t: { shadow: [{ model: 'gpt-4o', share: 0.1 }] } } }, 'tasks.t.shadow[0].model: model gpt-4o names no provider'],
    [{ providers, tasks: { t: { variants: [{ name: 'a', model: 'local/mistral' }] } } }, 'tasks.t.variants[0].model: provider local offers no model mistral'],
    [{ providers, tasks: { t: { variants: [{ name: 'a', model: 'openai/x' }, { name: 'a', model: 'openai/y' }] } } }, 'tasks.t.variants[1].name: variant a is named twice'],
    [{ providers, tasks: { t: { variants: [{ name: 'a', model: 'openai/x', weight: 0 }] } } }, 'tasks.t.variants: at least one variant needs a weight above 0'],
    [{ providers, tasks: { t: { shadow: [{ model: 'openai/x', share: 2 }] } } }, 'tasks.t.shadow[0].share'],
    [{ providers, tasks: { t: { calls: 'embedding', shadow: [{ model: 'openai/x', share: 0.1 }] } } }, 'tasks.t.shadow: shadow calls mirror generated answers; a task whose calls are embeddings has none'],
    [{ providers, tasks: { t: { calls: 'chat', model: 'openai/x' } } }, 'tasks.t.calls'],
    [{ providers: { openai: { baseUrl: 'https://x/v1', apiKey: 'k', apiKeyEnv: 'K' } } }, 'providers.openai.apiKeyEnv: give apiKey or apiKeyEnv, not both'],
    [{ providers: { openai: { baseUrl: 'ftp://x' } } }, 'providers.openai.baseUrl: expected an http(s) URL'],
    [{ providers: { 'open ai': { baseUrl: 'https://x/v1' } } }, 'providers'],
    [{ providers, tasks: { t: { model: 'openai/x', modle: 1 } } }, 'Unrecognized key: "modle"'],
    [{ gateway: { logBufer: {} } }, 'gateway: Unrecognized key: "logBufer"'],
  ])('refuses %o, naming the key', (input, message) => {
    expect(problems(input)).toContain(message);
  });

  it('resolves model references to a provider and model', () => {
    expect(resolveModelReference('openai/gpt-4o', providers)).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(resolveModelReference('local/llama3.1:8b', providers)).toEqual({ provider: 'local', model: 'llama3.1:8b' });
    expect(resolveModelReference('openai/', providers)).toEqual({ problem: 'model openai/ names no model after the provider' });
    const one = { vllm: providerConfigSchema.parse({ baseUrl: 'http://gpu:8000/v1' }) };
    expect(resolveModelReference('meta-llama/Llama-3.1-8B-Instruct', one)).toEqual({ provider: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' });
    expect(resolveModelReference('vllm/meta-llama/Llama-3.1-8B-Instruct', one)).toEqual({ provider: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' });
  });
});
