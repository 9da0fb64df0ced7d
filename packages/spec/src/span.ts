import { z } from 'zod';
import { environmentSchema, jsonObjectSchema, nameSchema, recordIdSchema, timestampSchema } from './common.js';

/** Kinds of span; `llm` is one model call, the others nest under a trace. */
export const spanKinds = ['llm', 'embedding', 'chain', 'agent', 'retrieval', 'reranker', 'tool', 'guardrail', 'evaluator', 'span'] as const;
export type SpanKind = (typeof spanKinds)[number];

/** How a span ended. */
export const spanStatuses = ['ok', 'error', 'cancelled'] as const;
export type SpanStatus = (typeof spanStatuses)[number];

/** One tool call a model asked for. */
export const toolCallSchema = z.object({
  id: z.string().max(200).optional(),
  name: z.string().min(1).max(200),
  arguments: z.union([z.string(), jsonObjectSchema]).optional(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/** One chat message, in genchi's normalised shape (mappers produce it; the native API accepts any JSON). */
export interface ChatMessage {
  role: string;
  content: unknown;
  name?: string;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  finishReason?: string;
}

const tokenCountSchema = z.number().int().nonnegative();

/** Token usage as the caller reported it. */
export const usageInputSchema = z.object({
  inputTokens: tokenCountSchema.optional(),
  outputTokens: tokenCountSchema.optional(),
  totalTokens: tokenCountSchema.optional(),
  cachedInputTokens: tokenCountSchema.optional(),
  reasoningTokens: tokenCountSchema.optional(),
});
export type UsageInput = z.infer<typeof usageInputSchema>;

/** An error as callers send it: a message, or an object with a type and a message. */
export const spanErrorInputSchema = z
  .union([z.string().max(20_000), z.object({ type: z.string().max(200).optional(), message: z.string().max(20_000) })])
  .transform((error): { type?: string | undefined; message: string } => (typeof error === 'string' ? { message: error } : error));

/** A span as a caller sends it: every field but the ids may be missing, and a later record for the same id merges in. */
export const spanInputSchema = z.object({
  id: recordIdSchema,
  traceId: recordIdSchema,
  parentId: recordIdSchema.nullable().optional(),
  kind: z.enum(spanKinds).optional(),
  name: z.string().max(500).optional(),
  task: nameSchema.optional(),
  environment: environmentSchema.optional(),
  startTime: timestampSchema.optional(),
  endTime: timestampSchema.optional(),
  ttftMs: z.number().finite().nonnegative().optional(),
  provider: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
  resolvedModel: z.string().max(200).optional(),
  params: jsonObjectSchema.optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  toolCalls: z.array(toolCallSchema).max(1000).optional(),
  usage: usageInputSchema.optional(),
  costUsd: z.number().finite().nonnegative().optional(),
  status: z.enum(spanStatuses).optional(),
  error: spanErrorInputSchema.optional(),
  userId: z.string().max(200).optional(),
  sessionId: z.string().max(200).optional(),
  promptId: z.string().max(200).optional(),
  promptVersion: z.string().max(100).optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  metadata: jsonObjectSchema.optional(),
  attributes: jsonObjectSchema.optional(),
  raw: z.unknown().optional(),
});
/** A span body before parsing (what a caller writes). */
export type SpanInputBody = z.input<typeof spanInputSchema>;
/** A parsed span body: timestamps are epoch milliseconds. */
export type SpanInput = z.output<typeof spanInputSchema>;

/** Token usage of a stored span; `estimated` is true when genchi counted missing tokens itself. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  estimated: boolean;
}

/** Where a span's cost came from. */
export type CostSource = 'reported' | 'price-table';

/** The compact form of a span that lists return: no large bodies. */
export interface SpanRow {
  id: string;
  traceId: string;
  parentId: string | null;
  kind: SpanKind;
  name: string;
  task: string;
  environment: string;
  startTime: string;
  endTime: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  provider: string | null;
  model: string | null;
  resolvedModel: string | null;
  usage: Usage;
  costUsd: number | null;
  costSource: CostSource | null;
  status: SpanStatus;
  errorMessage: string | null;
  userId: string | null;
  sessionId: string | null;
  promptId: string | null;
  promptVersion: string | null;
  tags: string[];
  inputPreview: string;
  outputPreview: string;
}

/** A whole span, as `GET /v1/spans/:id` returns it. */
export interface Span extends SpanRow {
  params: Record<string, unknown>;
  input: unknown;
  output: unknown;
  toolCalls: ToolCall[];
  error: { type: string | null; message: string } | null;
  metadata: Record<string, unknown>;
  attributes: Record<string, unknown>;
  raw: unknown;
}

/** A span and its descendants, as `GET /v1/traces/:traceId` returns it. */
export interface TraceNode extends SpanRow {
  children: TraceNode[];
}
