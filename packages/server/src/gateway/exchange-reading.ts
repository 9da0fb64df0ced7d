import type { ChatMessage, ToolCall, UsageInput } from '@genchi/spec';

/**
 * What genchi reads from an upstream answer for the span: who answered, what, at what cost in tokens.
 * An absent fact may be undefined: readers build one fixed-shape literal (on every call's path, and
 * several times cheaper than spreading optional fields into it).
 */
export interface ExchangeReading {
  resolvedModel?: string | undefined;
  output?: unknown;
  toolCalls?: ToolCall[] | undefined;
  usage?: UsageInput | undefined;
  /** An error the upstream answered with (an error body, or an error event inside a stream). */
  error?: { type?: string; message: string } | undefined;
  finishReason?: string | undefined;
  responseId?: string | undefined;
  /** True when a stream ended without its closing event. */
  incomplete?: boolean;
}

/** A JSON object as a record, else undefined. */
export function recordOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Parses JSON text, giving undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The error of an OpenAI error body (`{ error: { message, type } }`), or of a plain-text one. */
export function errorOf(body: unknown, fallback: string): { type?: string; message: string } {
  const error = recordOf(recordOf(body)?.error);
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : fallback;
  return typeof error?.type === 'string' ? { type: error.type, message: message.slice(0, 20_000) } : { message: message.slice(0, 20_000) };
}

/** A tool call in genchi's shape from OpenAI's `{ id, function: { name, arguments } }`, or undefined without a name. */
export function toolCallOf(id: unknown, name: unknown, args: unknown): ToolCall | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const call: ToolCall = { name: name.slice(0, 200) };
  if (typeof id === 'string' && id !== '') call.id = id.slice(0, 200);
  if (typeof args === 'string') call.arguments = args;
  return call;
}

/** An assistant message in genchi's shape, leaving out empty optional fields. */
export function assistantMessage(content: unknown, toolCalls: ToolCall[], finishReason: unknown): ChatMessage {
  const message: ChatMessage = { role: 'assistant', content };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  if (typeof finishReason === 'string' && finishReason !== '') message.finishReason = finishReason;
  return message;
}

/** A non-empty string cut to `max`, else undefined. */
export function boundedText(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}
