import type { ChatMessage, ToolCall } from '@genchi/spec';
import { chatMessage, contentOf, jsonArray, textOf, textPart, toolCallOf } from '../chat-messages.js';
import { isRecord } from '../otlp-values.js';

interface SortedParts {
  parts: unknown[];
  toolCalls: ToolCall[];
  responses: Array<{ id: unknown; response: unknown }>;
}

/** Sorts GenAI message parts into content parts, tool calls, and tool call responses. */
function sortParts(rawParts: unknown[]): SortedParts {
  const sorted: SortedParts = { parts: [], toolCalls: [], responses: [] };
  for (const part of rawParts) {
    if (!isRecord(part)) continue;
    if (part.type === 'text') {
      const text = part.content ?? part.text;
      sorted.parts.push(typeof text === 'string' ? textPart(text) : part);
    } else if (part.type === 'tool_call') {
      const call = toolCallOf(part.id, part.name, part.arguments);
      if (call) sorted.toolCalls.push(call);
      else sorted.parts.push(part);
    } else if (part.type === 'tool_call_response') {
      // Older spec versions named the payload `result`; current ones name it `response`.
      sorted.responses.push({ id: part.id, response: part.response !== undefined ? part.response : part.result });
    } else {
      sorted.parts.push(part);
    }
  }
  return sorted;
}

/** Adds one GenAI message (`{ role, parts, finish_reason?, name? }`) to a list of chat messages. */
function addMessage(messages: ChatMessage[], message: Record<string, unknown>): void {
  const role = typeof message.role === 'string' ? message.role : 'user';
  const { parts, toolCalls, responses } = sortParts(Array.isArray(message.parts) ? message.parts : []);
  if (parts.length > 0 || toolCalls.length > 0 || responses.length === 0) {
    messages.push(
      chatMessage(role, contentOf(parts), {
        toolCalls,
        name: textOf(message.name),
        finishReason: textOf(message.finish_reason),
      }),
    );
  }
  for (const response of responses) {
    messages.push(chatMessage(role === 'user' ? 'tool' : role, response.response ?? null, { toolCallId: textOf(response.id) }));
  }
}

/** Chat messages from `gen_ai.input.messages` / `gen_ai.output.messages` (JSON text or a list), or undefined when it is not a list of messages. */
export function genAiMessages(value: unknown): ChatMessage[] | undefined {
  const items = jsonArray(value);
  if (items === undefined) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of items) {
    if (!isRecord(item) || !Array.isArray(item.parts)) return undefined;
    addMessage(messages, item);
  }
  return messages;
}

/** The system message from `gen_ai.system_instructions` (a list of parts, or text), or undefined. */
export function genAiSystemMessage(value: unknown): ChatMessage | undefined {
  const parts = jsonArray(value);
  if (parts === undefined) return typeof value === 'string' && value !== '' ? chatMessage('system', value) : undefined;
  return chatMessage('system', contentOf(sortParts(parts).parts));
}
