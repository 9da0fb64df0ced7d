import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse } from '@genchi/core';
import { resolveModelReference, type ProviderConfig } from '@genchi/spec';
import type OpenAI from 'openai';

type OpenAIModule = typeof import('openai');
let openaiModule: Promise<OpenAIModule> | undefined;
/** The `openai` client, loaded on the first model call: most servers never make one, and it costs memory at start. */
const loadOpenAI = (): Promise<OpenAIModule> => (openaiModule ??= import('openai'));

/** Statuses after which a later try may succeed. */
const retryableStatuses = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/** A {@link ModelCallError} for whatever the `openai` client threw. */
function callError(error: unknown, provider: string, { default: OpenAI }: OpenAIModule): ModelCallError {
  if (error instanceof OpenAI.APIConnectionError) return new ModelCallError(`${provider}: ${error.message}`, true);
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? null;
    return new ModelCallError(`${provider} answered ${status ?? 'an error'}: ${error.message}`, status === null || retryableStatuses.has(status), status);
  }
  if (error instanceof ModelCallError) return error;
  return new ModelCallError(`${provider}: ${error instanceof Error ? error.message : String(error)}`, true);
}

/**
 * genchi's own model calls (judges, suggestions) over the official `openai` client, against the
 * named OpenAI-compatible providers of the config (`provider/model`, or a bare name with one provider).
 * The client does not retry by itself: the caller's policy does, with its own backoff.
 */
export class OpenAiModelClient implements ModelClient {
  private readonly clients = new Map<string, OpenAI>();

  constructor(private readonly providers: Readonly<Record<string, ProviderConfig>>, private readonly options: { timeoutMs: number }) {}

  private clientOf(name: string, { default: OpenAIClient }: OpenAIModule): OpenAI {
    let client = this.clients.get(name);
    if (client === undefined) {
      const config = this.providers[name] as ProviderConfig;
      if (config.apiKey === undefined && config.apiKeyEnv !== undefined) {
        throw new ModelCallError(`provider ${name} has no key: set the environment variable ${config.apiKeyEnv} before starting genchi`, false);
      }
      client = new OpenAIClient({
        baseURL: config.baseUrl,
        apiKey: config.apiKey ?? 'none',
        defaultHeaders: config.headers,
        maxRetries: 0,
        timeout: Math.min(config.timeoutMs, this.options.timeoutMs),
      });
      this.clients.set(name, client);
    }
    return client;
  }

  async complete(request: ModelRequest): Promise<ModelResponse> {
    const target = resolveModelReference(request.model, this.providers);
    if ('problem' in target) throw new ModelCallError(target.problem, false);
    const module = await loadOpenAI();
    const client = this.clientOf(target.provider, module);
    const started = performance.now();
    try {
      const completion = await client.chat.completions.create(
        {
          model: target.model,
          messages: request.messages,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
          ...(request.seed === undefined ? {} : { seed: request.seed }),
          ...(request.json === true ? { response_format: { type: 'json_object' as const } } : {}),
        },
        request.signal === undefined ? {} : { signal: request.signal },
      );
      const text = completion.choices[0]?.message.content;
      if (typeof text !== 'string') throw new ModelCallError(`${target.provider} answered without text content`, true);
      return {
        text,
        model: completion.model,
        provider: target.provider,
        usage: { inputTokens: completion.usage?.prompt_tokens ?? null, outputTokens: completion.usage?.completion_tokens ?? null },
        latencyMs: performance.now() - started,
      };
    } catch (error) {
      throw callError(error, target.provider, module);
    }
  }
}
