import type { UsageInput } from './span.js';

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/**
 * Token usage from an OpenAI answer's `usage`, in the Chat Completions shape (`prompt_tokens`,
 * `completion_tokens`) or the Responses shape (`input_tokens`, `output_tokens`), with cached and
 * reasoning tokens from their details; undefined when it names no count. The SDK and the gateway
 * both read it.
 */
export function usageFromOpenAi(value: unknown): UsageInput | undefined {
  const usage = record(value);
  if (usage === undefined) return undefined;
  const inputDetails = record(usage.prompt_tokens_details) ?? record(usage.input_tokens_details);
  const outputDetails = record(usage.completion_tokens_details) ?? record(usage.output_tokens_details);
  const counts: UsageInput = {};
  const inputTokens = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  const outputTokens = count(usage.completion_tokens) ?? count(usage.output_tokens);
  const totalTokens = count(usage.total_tokens);
  const cachedInputTokens = count(inputDetails?.cached_tokens);
  const reasoningTokens = count(outputDetails?.reasoning_tokens);
  if (inputTokens !== undefined) counts.inputTokens = inputTokens;
  if (outputTokens !== undefined) counts.outputTokens = outputTokens;
  if (totalTokens !== undefined) counts.totalTokens = totalTokens;
  if (cachedInputTokens !== undefined) counts.cachedInputTokens = cachedInputTokens;
  if (reasoningTokens !== undefined) counts.reasoningTokens = reasoningTokens;
  return Object.keys(counts).length === 0 ? undefined : counts;
}
