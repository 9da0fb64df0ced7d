import type { ChatMessage, ToolCall } from '@genchi/spec';
import { isRecord } from './otlp-values.js';

/** Parses JSON text, giving undefined when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A value that may be JSON text: text that parses as a JSON object or array becomes that value, the rest stays as it is. */
export function jsonOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return value;
  const parsed = parseJsonText(value);
  return parsed === undefined ? value : parsed;
}

/** An array from a list attribute or from JSON text holding one, else undefined. */
export function jsonArray(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string' || value.trimStart().charCodeAt(0) !== 0x5b /* [ */) return undefined;
  const parsed = parseJsonText(value);
  return Array.isArray(parsed) ? parsed : undefined;
}

/** A tool call in genchi's shape, or undefined when it has no usable name. */
export function toolCallOf(id: unknown, name: unknown, args: unknown): ToolCall | undefined {
  if (typeof name !== 'string' || name === '' || name.length > 200) return undefined;
  const call: ToolCall = { name };
  if (typeof id === 'string' && id !== '' && id.length <= 200) call.id = id;
  if (typeof args === 'string' || isRecord(args)) call.arguments = args;
  else if (args !== undefined && args !== null) call.arguments = JSON.stringify(args);
  return call;
}

/** A text part in genchi's shape. */
export const textPart = (text: string) => ({ type: 'text', text });

/** A message content from its parts: the text when it is one text part, null when empty, else the parts. */
export function contentOf(parts: unknown[]): unknown {
  if (parts.length === 0) return null;
  const only = parts[0];
  if (parts.length === 1 && isRecord(only) && only.type === 'text' && typeof only.text === 'string') return only.text;
  return parts;
}

/** The optional fields of a chat message, each possibly undefined or empty (then left out). */
export interface MessageExtras {
  name?: string | undefined;
  toolCalls?: ToolCall[] | undefined;
  toolCallId?: string | undefined;
  finishReason?: string | undefined;
}

/**
 * Builds a chat message, leaving out the optional fields that are empty. Callers pass the extras as one
 * plain literal (`{ name: textOf(x) }`): spreading `{ [field]: value }` pieces into it cost a microsecond
 * each, several times per span.
 */
export function chatMessage(role: string, content: unknown, extra?: MessageExtras): ChatMessage {
  const message: ChatMessage = { role, content };
  if (extra === undefined) return message;
  if (extra.name !== undefined && extra.name !== '') message.name = extra.name;
  if (extra.toolCalls !== undefined && extra.toolCalls.length > 0) message.toolCalls = extra.toolCalls;
  if (extra.toolCallId !== undefined && extra.toolCallId !== '') message.toolCallId = extra.toolCallId;
  if (extra.finishReason !== undefined && extra.finishReason !== '') message.finishReason = extra.finishReason;
  return message;
}

/** The value when it is a string, else undefined. */
export const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Content in the OpenAI chat format (text, or parts with `type: 'text'`) in genchi's shape. */
export function openAiContent(content: unknown): unknown {
  if (!Array.isArray(content)) return content === undefined ? null : content;
  const parts = content.map((part) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? textPart(part.text) : part));
  return contentOf(parts);
}

/** A message in the OpenAI chat format (`tool_calls`, `tool_call_id`) in genchi's shape. */
export function openAiMessage(message: unknown, finishReason?: unknown): ChatMessage | undefined {
  if (!isRecord(message)) return undefined;
  const toolCalls: ToolCall[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call)) continue;
      const fn = isRecord(call.function) ? call.function : call;
      const parsed = toolCallOf(call.id, fn.name, fn.arguments);
      if (parsed) toolCalls.push(parsed);
    }
  }
  const role = textOf(message.role) ?? 'user';
  return chatMessage(role, openAiContent(message.content), {
    toolCalls,
    name: textOf(message.name),
    toolCallId: textOf(message.tool_call_id ?? (role === 'tool' ? message.id : undefined)),
    finishReason: textOf(finishReason ?? message.finish_reason),
  });
}

/** The tool calls of output messages, or undefined when they asked for none. */
export function toolCallsOf(messages: readonly ChatMessage[]): ToolCall[] | undefined {
  let calls: ToolCall[] | undefined;
  for (const message of messages) {
    if (message.toolCalls !== undefined) (calls ??= []).push(...message.toolCalls);
  }
  return calls;
}
