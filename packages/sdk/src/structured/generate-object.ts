import type { z } from 'zod';
import { mergeContext, type CallContext } from '../context/call-context.js';
import type { Tracer } from '../context/tracer.js';
import { StructuredOutputError } from '../genchi-error.js';
import { newRecordId } from '../ids.js';
import { chatCompletionsCapture } from '../openai/chat-completions-capture.js';
import { fieldsOf } from '../openai/endpoint-capture.js';
import { clientContextOf, providerOf, unwrapClient } from '../openai/wrap-openai.js';
import { describeError } from '../spans/span-draft.js';
import { observeSpan } from '../spans/observe.js';
import type { SpanHandle } from '../spans/span-handle.js';
import { endpointKey, isJsonSchemaRefusal, rememberRefusal, refusesJsonSchema } from './json-mode-support.js';
import { outputFormats, reaskMessage, type OutputFormat } from './output-formats.js';

/** Any client with OpenAI's chat completions (the official `openai` client, wrapped or not). */
export interface ChatCompletionsClient {
  chat: { completions: { create(body: never, options?: never): PromiseLike<unknown> } };
}

/** How `generateObject` asks for structure: `json_schema` response format, instructions in the prompt, or the first where it works (`auto`). */
export type StructuredMode = 'auto' | 'json_schema' | 'instructions';

/** Options of `generateObject`. */
export interface GenerateObjectOptions<Schema extends z.ZodType> extends CallContext {
  client: ChatCompletionsClient;
  model: string;
  /** A zod (v4) schema; the result is its output type. */
  schema: Schema;
  messages: readonly object[];
  /** `json` (default) or `yaml` (always asked for through instructions). */
  format?: OutputFormat;
  /** Re-asks after the first try when the answer does not parse or validate (default 2). */
  maxRetries?: number;
  mode?: StructuredMode;
  /** The schema's name in `json_schema` and in the span name (default `object`). */
  schemaName?: string;
  /** More request fields (temperature, max_tokens, …). */
  params?: Record<string, unknown>;
  /** Request options of the client (signal, timeout, headers). */
  requestOptions?: object;
}

/** How a structured call ended: valid at once, valid after re-asks, or failed. */
export type StructuredOutcome = 'valid-first-try' | 'valid-after-reask' | 'failed';

/** What `generateObject` returns: the typed object, and the span to attach feedback or look the attempts up. */
export interface GenerateObjectResult<T> {
  object: T;
  outcome: Exclude<StructuredOutcome, 'failed'>;
  /** Model calls made, re-asks included. */
  attempts: number;
  spanId: string;
  traceId: string;
}

interface Plan {
  format: OutputFormat;
  mode: 'json_schema' | 'instructions';
  schemaText: string;
  jsonSchema: Record<string, unknown>;
}

async function planOf(options: GenerateObjectOptions<z.ZodType>, key: string): Promise<Plan> {
  const { toJSONSchema } = await import('zod');
  const { $schema: _dialect, ...jsonSchema } = toJSONSchema(options.schema) as Record<string, unknown>;
  const format = options.format ?? 'json';
  const wanted = options.mode ?? 'auto';
  const mode = format === 'yaml' || wanted === 'instructions' || (wanted === 'auto' && refusesJsonSchema(key)) ? 'instructions' : 'json_schema';
  return { format, mode, schemaText: JSON.stringify(jsonSchema, null, 2), jsonSchema };
}

function requestOf(options: GenerateObjectOptions<z.ZodType>, plan: Plan, messages: readonly object[]): Record<string, unknown> {
  const request: Record<string, unknown> = { ...options.params, model: options.model, messages };
  if (plan.mode === 'json_schema') {
    request.response_format = { type: 'json_schema', json_schema: { name: options.schemaName ?? 'object', schema: plan.jsonSchema, strict: false } };
  } else {
    request.messages = [{ role: 'system', content: outputFormats[plan.format].instructions(plan.schemaText) }, ...messages];
  }
  return request;
}

function answerText(completion: unknown): string {
  const choice = fieldsOf(Array.isArray(fieldsOf(completion).choices) ? (fieldsOf(completion).choices as unknown[])[0] : undefined);
  const content = fieldsOf(choice.message).content;
  return typeof content === 'string' ? content : '';
}

/** Parses and validates an answer; the problems, each naming its path, when it does not fit. */
async function check(schema: z.ZodType, format: OutputFormat, text: string): Promise<{ value: unknown } | { errors: string[] }> {
  let parsed: unknown;
  try {
    parsed = await outputFormats[format].parse(text);
  } catch (error) {
    return { errors: [`the answer is not valid ${outputFormats[format].label}: ${(error as Error).message}`] };
  }
  const result = await schema.safeParseAsync(parsed);
  if (result.success) return { value: result.data };
  const { describeZodError } = await import('@genchi/spec');
  return { errors: describeZodError(result.error).map((problem) => `${problem.path}: ${problem.message}`) };
}

/** One model call of a structured request, recorded as an `llm` span tagged valid or invalid. */
async function attempt(tracer: Tracer, options: GenerateObjectOptions<z.ZodType>, plan: Plan, messages: readonly object[], number: number) {
  const client = unwrapClient(options.client as object) as ChatCompletionsClient;
  const wrapped = clientContextOf(options.client);
  const span = tracer.start('llm', 'generateObject.attempt', wrapped?.context);
  span.provider = wrapped?.provider ?? providerOf(client);
  const request = requestOf(options, plan, messages);
  chatCompletionsCapture.request(request, span);
  let completion: unknown;
  try {
    completion = await client.chat.completions.create(request as never, options.requestOptions as never);
  } catch (error) {
    span.status = 'error';
    span.error = describeError(error);
    tracer.finish(span);
    throw error;
  }
  chatCompletionsCapture.response(completion, span);
  const text = answerText(completion);
  const checked = await check(options.schema, plan.format, text);
  const valid = 'value' in checked;
  span.extra = {
    tags: [valid ? 'structured-output:valid' : 'structured-output:invalid'],
    metadata: { structuredOutput: { attempt: number, format: plan.format, mode: plan.mode, valid, ...(valid ? {} : { errors: checked.errors }) } },
  };
  tracer.finish(span);
  return { text, checked };
}

async function run<T>(tracer: Tracer, options: GenerateObjectOptions<z.ZodType<T>>, parent: SpanHandle): Promise<GenerateObjectResult<T>> {
  const key = endpointKey(unwrapClient(options.client as object), options.model);
  let plan = await planOf(options, key);
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 2));
  const failures: Array<{ text: string; errors: string[] }> = [];
  let messages: readonly object[] = options.messages;
  for (let number = 1; failures.length <= maxRetries; number++) {
    let result: Awaited<ReturnType<typeof attempt>>;
    try {
      result = await attempt(tracer, options, plan, messages, number);
    } catch (error) {
      if (plan.mode !== 'json_schema' || (options.mode ?? 'auto') !== 'auto' || !isJsonSchemaRefusal(error)) throw error;
      rememberRefusal(key);
      plan = { ...plan, mode: 'instructions' };
      continue;
    }
    if ('value' in result.checked) {
      const outcome = failures.length === 0 ? 'valid-first-try' : 'valid-after-reask';
      settle(tracer, parent, { outcome, attempts: number, reasks: failures.length, plan, output: result.checked.value });
      return { object: result.checked.value as T, outcome, attempts: number, spanId: parent.id, traceId: parent.traceId };
    }
    failures.push({ text: result.text, errors: result.checked.errors });
    messages = [...messages, { role: 'assistant', content: result.text }, { role: 'user', content: reaskMessage(plan.format, result.checked.errors) }];
  }
  settle(tracer, parent, { outcome: 'failed', attempts: failures.length, reasks: failures.length - 1, plan });
  const last = failures[failures.length - 1]?.errors.join('; ') ?? '';
  throw new StructuredOutputError(`no valid ${outputFormats[plan.format].label} after ${failures.length} attempts: ${last}`, failures, parent.id, parent.traceId);
}

/** Records the outcome on the `generateObject` span (tag, metadata) and as a `structured-output` score, so adherence can be queried per model. */
function settle(tracer: Tracer, parent: SpanHandle, result: { outcome: StructuredOutcome; attempts: number; reasks: number; plan: Plan; output?: unknown }): void {
  const { outcome, attempts, reasks, plan } = result;
  parent.update({
    tags: [`structured-output:${outcome}`],
    metadata: { structuredOutput: { outcome, attempts, reasks, format: plan.format, mode: plan.mode } },
    ...(result.output === undefined ? {} : { output: result.output }),
  });
  tracer.sink.enqueue({
    type: 'score',
    body: { id: `so_${newRecordId()}`, spanId: parent.id, traceId: parent.traceId, name: 'structured-output', value: outcome, source: 'assertion', metadata: { attempts, reasks, format: plan.format, mode: plan.mode } },
  });
}

/**
 * The Instructor pattern: asks a model for an object matching a zod schema (JSON through
 * `response_format: json_schema` where the endpoint takes it, else through instructions; YAML through
 * instructions), parses and validates the answer, re-asks with the validation errors, and returns
 * the typed object, or throws one {@link StructuredOutputError} after the last try. Each attempt is a span.
 */
export function generateObject<Schema extends z.ZodType>(tracer: Tracer, options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResult<z.output<Schema>>> {
  const { client: _client, model: _model, schema: _schema, messages, format: _format, maxRetries: _retries, mode: _mode, schemaName, params: _params, requestOptions: _request, ...context } = options;
  const spanContext = mergeContext(clientContextOf(options.client)?.context ?? {}, context);
  return observeSpan(tracer, `generateObject ${schemaName ?? 'object'}`, { kind: 'chain', input: messages, ...spanContext, captureOutput: false }, (parent) =>
    run(tracer, options as GenerateObjectOptions<z.ZodType<z.output<Schema>>>, parent),
  );
}
