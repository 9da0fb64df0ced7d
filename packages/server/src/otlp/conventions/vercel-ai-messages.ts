import type { ChatMessage, ToolCall } from '@genchi/spec';
import { chatMessage, contentOf, jsonArray, parseJsonText, textOf, textPart, toolCallOf } from '../chat-messages.js';
import { isRecord } from '../otlp-values.js';

/** A tool output as the AI SDK records it: `{ type: 'json' | 'text' | …, value }` since v5, the bare result before. */
function toolOutput(part: Record<string, unknown>): unknown {
  const output = part.output !== undefined ? part.output : part.result;
  return isRecord(output) && typeof output.type === 'string' && 'value' in output ? output.value : (output ?? null);
}

/** Adds one AI SDK prompt message (`{ role, content }`, content text or parts) to a list of chat messages. */
function addMessage(messages: ChatMessage[], message: unknown): void {
  if (!isRecord(message)) return;
  const role = typeof message.role === 'string' ? message.role : 'user';
  if (!Array.isArray(message.content)) {
    messages.push(chatMessage(role, message.content ?? null));
    return;
  }
  const parts: unknown[] = [];
  const toolCalls: ToolCall[] = [];
  const results: ChatMessage[] = [];
  for (const part of message.content) {
    if (!isRecord(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      parts.push(textPart(part.text));
    } else if (part.type === 'tool-call') {
      const call = toolCallOf(part.toolCallId, part.toolName, part.input !== undefined ? part.input : part.args);
      if (call) toolCalls.push(call);
      else parts.push(part);
    } else if (part.type === 'tool-result') {
      results.push(chatMessage('tool', toolOutput(part), { toolCallId: textOf(part.toolCallId), name: textOf(part.toolName) }));
    } else {
      parts.push(part);
    }
  }
  if (parts.length > 0 || toolCalls.length > 0 || results.length === 0) messages.push(chatMessage(role, contentOf(parts), { toolCalls }));
  messages.push(...results);
}

/** Chat messages from `ai.prompt.messages` (JSON text of the model-level prompt), or undefined. */
export function promptMessages(value: unknown): ChatMessage[] | undefined {
  const items = jsonArray(value);
  if (items === undefined) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of items) addMessage(messages, item);
  return messages;
}

/** Chat messages from `ai.prompt` (JSON text of `{ system, prompt, messages }`), or undefined. */
export function callPromptMessages(value: unknown): ChatMessage[] | undefined {
  const prompt = typeof value === 'string' ? parseJsonText(value) : undefined;
  if (!isRecord(prompt)) return undefined;
  const messages: ChatMessage[] = [];
  if (typeof prompt.system === 'string') messages.push(chatMessage('system', prompt.system));
  if (typeof prompt.prompt === 'string') messages.push(chatMessage('user', prompt.prompt));
  else if (Array.isArray(prompt.prompt)) for (const item of prompt.prompt) addMessage(messages, item);
  if (Array.isArray(prompt.messages)) for (const item of prompt.messages) addMessage(messages, item);
  return messages;
}

/** Tool calls from `ai.response.toolCalls` (JSON text of `[{ toolCallId, toolName, input | args }]`), or undefined. */
export function responseToolCalls(value: unknown): ToolCall[] | undefined {
  const items = jsonArray(value);
  if (items === undefined) return undefined;
  const calls: ToolCall[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const call = toolCallOf(item.toolCallId, item.toolName, item.input !== undefined ? item.input : item.args);
    if (call) calls.push(call);
  }
  return calls;
}

const parsedOrText = (value: unknown): unknown => {
  const parsed = typeof value === 'string' ? parseJsonText(value) : undefined;
  return parsed === undefined ? value : parsed;
};

/** A list attribute whose items are JSON texts (`ai.values`, `ai.embeddings`), parsed; a single JSON text gives one value. */
export function jsonValues(value: unknown): unknown {
  return Array.isArray(value) ? value.map(parsedOrText) : parsedOrText(value);
}
