import { randomBytes } from 'node:crypto';
import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse } from '@genchi/core';
import { spanInputSchema, type SpanInput } from '@genchi/spec';
import { evalEnvironment } from '@genchi/spec/values';

/** Where logged model calls go: the span write path of one project. */
export interface ModelCallLog {
  write(spans: SpanInput[]): Promise<unknown>;
  /** Told when a span could not be written (the call itself is not affected). */
  onLogError?(error: unknown): void;
}

const newId = () => randomBytes(8).toString('hex');

/**
 * Wraps a model client so that each call genchi makes is logged as a span of environment `eval`
 * (task, check and judged span from the request's purpose), so that what judges cost is visible.
 * Logging happens after the answer and never fails the call.
 */
export function withCallLogging(inner: ModelClient, log: ModelCallLog): ModelClient {
  return {
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const startTime = Date.now();
      let response: ModelResponse | null = null;
      let failure: unknown = null;
      try {
        response = await inner.complete(request);
        return response;
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        const span = callSpan(request, startTime, response, failure);
        log.write([span]).catch((error: unknown) => log.onLogError?.(error));
      }
    },
  };
}

function callSpan(request: ModelRequest, startTime: number, response: ModelResponse | null, failure: unknown): SpanInput {
  const purpose = request.purpose ?? {};
  const slash = request.model.indexOf('/');
  return spanInputSchema.parse({
    id: `eval-${newId()}`,
    traceId: `eval-${newId()}`,
    kind: 'llm',
    name: purpose.kind ?? 'genchi model call',
    task: purpose.task ?? 'genchi-eval',
    environment: evalEnvironment,
    startTime,
    endTime: Date.now(),
    provider: response?.provider ?? (slash > 0 ? request.model.slice(0, slash) : undefined),
    model: slash > 0 ? request.model.slice(slash + 1) : request.model,
    ...(response === null ? {} : { resolvedModel: response.model }),
    params: { ...(request.temperature === undefined ? {} : { temperature: request.temperature }), ...(request.json ? { response_format: 'json_object' } : {}) },
    input: request.messages,
    ...(response === null ? {} : { output: [{ role: 'assistant', content: response.text }] }),
    ...(response?.usage.inputTokens == null || response.usage.outputTokens == null ? {} : { usage: { inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens } }),
    status: failure === null ? 'ok' : 'error',
    ...(failure === null ? {} : { error: { type: failure instanceof ModelCallError ? 'model_call_error' : 'error', message: failure instanceof Error ? failure.message : String(failure) } }),
    tags: ['genchi-eval'],
    metadata: { ...purpose },
  });
}
