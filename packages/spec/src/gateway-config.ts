import { z } from 'zod';

/** A provider's name: what a model reference puts before the slash (`openai` in `openai/gpt-4o`). */
export const providerNameSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'letters, digits, dot, dash and underscore, starting with a letter or digit');

/** An upstream OpenAI-compatible provider the gateway forwards to. */
export const providerConfigSchema = z
  .strictObject({
    /** Base URL of the OpenAI-compatible API, up to and including its version segment (`https://api.openai.com/v1`). */
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.openai.com/v1' }),
    /** The upstream key itself (prefer `apiKeyEnv` so that the file holds no secret). */
    apiKey: z.string().min(1).optional(),
    /** The environment variable that holds the upstream key, read by `genchi serve` at start. */
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
    /** Headers sent with every upstream request (an `api-version`, an `OpenAI-Organization`, …). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string()).default({}),
    /** When given, the only model names this provider accepts; others are refused with 404 before anything is sent. */
    models: z.array(z.string().min(1).max(200)).min(1).optional(),
    /** Longest wait for the upstream's headers, and for each next body chunk, in milliseconds. */
    timeoutMs: z.number().int().positive().max(3_600_000).default(600_000),
    /** Keep-alive connections held to this upstream at most. */
    connections: z.number().int().positive().max(10_000).default(256),
  })
  .refine((provider) => provider.apiKey === undefined || provider.apiKeyEnv === undefined, {
    message: 'give apiKey or apiKeyEnv, not both',
    path: ['apiKeyEnv'],
  });
export type ProviderConfigInput = z.input<typeof providerConfigSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;

/** A model as config and requests name it: `provider/model`, or a bare model name when one provider is configured. */
export const modelReferenceSchema = z.string().min(1).max(300);

/** A candidate that a share of a task's requests is mirrored to, off the caller's path. */
export const shadowTargetSchema = z.strictObject({
  model: modelReferenceSchema,
  /** Share of the task's requests mirrored to this model, 0 to 1. */
  share: z.number().min(0).max(1),
});

/** One arm of an A/B split. */
export const variantConfigSchema = z.strictObject({
  name: z.string().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore'),
  model: modelReferenceSchema,
  /** Relative share of the traffic (weights need not sum to 1). */
  weight: z.number().nonnegative().default(1),
  /** The prompt version this arm stands for, recorded on its spans. */
  promptVersion: z.string().min(1).max(100).optional(),
});
export type VariantConfig = z.output<typeof variantConfigSchema>;

/** What the gateway does with one task's requests: pin a model, mirror to shadows, split between variants. */
export const taskConfigSchema = z
  .strictObject({
    /**
     * Which of the task's calls the pin and the variants choose a model for: `llm` (chat completions and
     * responses) or `embedding` (embeddings). Calls of the other kind keep the model they name, so a
     * client that sends its task header with every call does not send embeddings to a chat model.
     */
    calls: z.enum(['llm', 'embedding']).default('llm'),
    /** The model version every request of this task is sent to, whatever model it names. */
    model: modelReferenceSchema.optional(),
    shadow: z.array(shadowTargetSchema).max(10).default([]),
    variants: z.array(variantConfigSchema).max(20).default([]),
  })
  .superRefine((task, context) => {
    const names = new Set<string>();
    task.variants.forEach((variant, index) => {
      if (names.has(variant.name)) context.addIssue({ code: 'custom', path: ['variants', index, 'name'], message: `variant ${variant.name} is named twice` });
      names.add(variant.name);
    });
    if (task.calls === 'embedding' && task.shadow.length > 0) {
      context.addIssue({ code: 'custom', path: ['shadow'], message: 'shadow calls mirror generated answers; a task whose calls are embeddings has none' });
    }
    if (task.variants.length > 0 && task.variants.every((variant) => variant.weight === 0)) {
      context.addIssue({ code: 'custom', path: ['variants'], message: 'at least one variant needs a weight above 0' });
    }
  });
export type TaskConfigInput = z.input<typeof taskConfigSchema>;
export type TaskConfig = z.output<typeof taskConfigSchema>;

/** Settings of the gateway's log buffer: what stands between a finished call and the store. */
export const gatewayLogBufferSchema = z.strictObject({
  /** Spans held while the store is slow, full or down; more are dropped and counted. */
  maxRecords: z.number().int().positive().max(1_000_000).default(20_000),
  /** Spans written in one batch at most (a batch is prepared on the request thread in one go, so keep it small). */
  batchSize: z.number().int().positive().max(10_000).default(32),
  /** How long a span may wait for its batch to fill, in milliseconds. */
  flushIntervalMs: z.number().int().min(0).max(60_000).default(50),
  /** Batches written at the same time at most (a hung store holds at most this many). */
  maxWritesInFlight: z.number().int().positive().max(256).default(32),
  /** Tries of a batch the store refused before its spans are dropped and counted. */
  maxAttempts: z.number().int().positive().max(100).default(5),
});

/** Settings of shadow calls. */
export const gatewayShadowSchema = z.strictObject({
  /** Shadow calls running at the same time at most. */
  maxConcurrent: z.number().int().positive().max(1_000).default(8),
  /** Shadow calls waiting for a slot at most; more are dropped and counted, never queued without bound. */
  maxQueued: z.number().int().min(0).max(100_000).default(64),
});

/** Settings of the OpenAI-compatible gateway. */
export const gatewayConfigSchema = z.strictObject({
  /**
   * Adds `stream_options.include_usage` upstream when a streaming caller did not ask for usage, and
   * removes what it adds from the caller's stream; false counts the tokens with the tokenizer instead.
   */
  allowUsageInjection: z.boolean().default(true),
  /** Sends the caller's `x-upstream-authorization` upstream as `Authorization` instead of the configured key. */
  passthroughUpstreamAuthorization: z.boolean().default(false),
  /** genchi's own retries of a failed upstream call (connection errors, 429, 5xx) before anything reached the caller. */
  retries: z.number().int().min(0).max(5).default(0),
  /** Response bytes kept per call for its span; beyond this the span's output is marked truncated. */
  captureLimitBytes: z.number().int().positive().max(256 * 1024 * 1024).default(8 * 1024 * 1024),
  logBuffer: gatewayLogBufferSchema.prefault({}),
  shadow: gatewayShadowSchema.prefault({}),
});
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Where a model reference leads: a provider and the model name that provider is sent. */
export interface ModelTarget {
  provider: string;
  model: string;
}

/**
 * Resolves `provider/model` (or, with exactly one provider, a bare name) against the configured
 * providers; gives a sentence naming the problem when it cannot.
 */
export function resolveModelReference(reference: string, providers: Readonly<Record<string, ProviderConfig>>): ModelTarget | { problem: string } {
  const names = Object.keys(providers);
  if (names.length === 0) return { problem: 'no providers are configured (add providers to genchi.config.yaml)' };
  const slash = reference.indexOf('/');
  const prefix = slash > 0 ? reference.slice(0, slash) : undefined;
  let target: ModelTarget;
  if (prefix !== undefined && Object.hasOwn(providers, prefix)) target = { provider: prefix, model: reference.slice(slash + 1) };
  else if (names.length === 1) target = { provider: names[0] as string, model: reference };
  else if (prefix !== undefined) return { problem: `unknown provider ${prefix} in model ${reference}; configured providers: ${names.join(', ')}` };
  else return { problem: `model ${reference} names no provider; write <provider>/${reference} with one of: ${names.join(', ')}` };
  if (target.model === '') return { problem: `model ${reference} names no model after the provider` };
  const allowed = (providers[target.provider] as ProviderConfig).models;
  if (allowed !== undefined && !allowed.includes(target.model)) {
    return { problem: `provider ${target.provider} offers no model ${target.model}; it offers: ${allowed.join(', ')}` };
  }
  return target;
}

/** Checks that every model a task names leads to a configured provider (for the whole config's refinement). */
export function checkTaskModelReferences(
  config: { providers: Readonly<Record<string, ProviderConfig>>; tasks: Readonly<Record<string, TaskConfig>> },
  context: z.RefinementCtx,
): void {
  const check = (reference: string | undefined, path: Array<string | number>) => {
    if (reference === undefined) return;
    const target = resolveModelReference(reference, config.providers);
    if ('problem' in target) context.addIssue({ code: 'custom', path, message: target.problem });
  };
  for (const [name, task] of Object.entries(config.tasks)) {
    check(task.model, ['tasks', name, 'model']);
    task.shadow.forEach((shadow, index) => check(shadow.model, ['tasks', name, 'shadow', index, 'model']));
    task.variants.forEach((variant, index) => check(variant.model, ['tasks', name, 'variants', index, 'model']));
  }
}
