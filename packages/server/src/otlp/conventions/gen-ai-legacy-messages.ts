import type { ChatMessage, ToolCall } from '@genchi/spec';
import { chatMessage, jsonArray, jsonOrText, openAiContent, openAiMessage, textOf, toolCallOf } from '../chat-messages.js';
import { putBackIndexed, takeIndexed, takeKey, type IndexedItem } from '../indexed-attributes.js';
import { isRecord, type AttributeMap } from '../otlp-values.js';
import type { SpanEvent } from '../span-view.js';

/** Messages from the indexed form `gen_ai.prompt.0.role`, `gen_ai.prompt.0.content`, `gen_ai.prompt.0.tool_calls.0.name`, …. */
export function indexedMessages(attributes: AttributeMap, prefix: string): ChatMessage[] | undefined {
  const items = takeIndexed(attributes, prefix);
  if (items === undefined) return undefined;
  const messages = items.map((item) => indexedMessage(item));
  putBackIndexed(attributes, prefix, items);
  return messages;
}

function indexedMessage(item: IndexedItem): ChatMessage {
  const toolCalls: ToolCall[] = [];
  const calls = takeIndexed(item, 'tool_calls.');
  for (const call of calls ?? []) {
    const parsed = toolCallOf(takeKey(call, 'id'), takeKey(call, 'name'), takeKey(call, 'arguments'));
    if (parsed) toolCalls.push(parsed);
  }
  if (calls !== undefined) putBackIndexed(item, 'tool_calls.', calls);
  const role = takeKey(item, 'role');
  return chatMessage(typeof role === 'string' ? role : 'user', openAiContent(jsonOrTextContent(takeKey(item, 'content'))), {
    toolCalls,
    toolCallId: textOf(takeKey(item, 'tool_call_id')),
    finishReason: textOf(takeKey(item, 'finish_reason')),
  });
}

/** Content that some instrumentations record as JSON text of content parts (`[{"type":"text",…}]`) is read as those parts. */
const jsonOrTextContent = (content: unknown): unknown => {
  const value = jsonOrText(content);
  const isParts = Array.isArray(value) && value.length > 0 && value.every((part) => isRecord(part) && typeof part.type === 'string');
  return isParts ? value : content;
};

/** Messages from `gen_ai.prompt` / `gen_ai.completion` JSON text: OpenAI-style messages, or choices with a `message`. */
export function jsonMessages(value: unknown): ChatMessage[] | undefined {
  const items = jsonArray(value);
  if (items === undefined) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of items) {
    const message = isRecord(item) && isRecord(item.message) ? openAiMessage(item.message, item.finish_reason) : openAiMessage(item);
    if (message === undefined) return undefined;
    messages.push(message);
  }
  return messages;
}

const rolesByEvent: ReadonlyMap<string, string> = new Map([
  ['gen_ai.system.message', 'system'],
  ['gen_ai.user.message', 'user'],
  ['gen_ai.assistant.message', 'assistant'],
  ['gen_ai.tool.message', 'tool'],
]);

/** Names of the older GenAI message events. */
export const legacyEventNames = [...rolesByEvent.keys(), 'gen_ai.choice', 'gen_ai.content.prompt', 'gen_ai.content.completion'];

/** The body of an older GenAI event: its `gen_ai.event.content` JSON when present, else its attributes. */
function eventBody(event: SpanEvent): Record<string, unknown> {
  const attributes = event.attributes ?? {};
  const content = attributes['gen_ai.event.content'];
  const parsed = typeof content === 'string' ? jsonOrText(content) : undefined;
  const body: Record<string, unknown> = isRecord(parsed) ? parsed : attributes;
  return { ...body, message: jsonOrText(body.message), tool_calls: jsonArray(body.tool_calls) };
}

/** Input and output messages from the older GenAI events; consumed events are removed from the list. */
export function eventMessages(events: SpanEvent[]): { input?: ChatMessage[]; output?: ChatMessage[] } {
  const found: { input?: ChatMessage[]; output?: ChatMessage[] } = {};
  const kept: SpanEvent[] = [];
  for (const event of events) {
    const role = rolesByEvent.get(event.name);
    const attributes = event.attributes ?? {};
    let input: ChatMessage[] | undefined;
    let output: ChatMessage[] | undefined;
    if (role !== undefined) {
      const message = openAiMessage({ ...eventBody(event), role });
      if (message) input = [message];
    } else if (event.name === 'gen_ai.choice') {
      const body = eventBody(event);
      const message = openAiMessage(isRecord(body.message) ? { role: 'assistant', ...body.message } : { role: 'assistant', content: body.content ?? null }, body.finish_reason);
      if (message) output = [message];
    } else if (event.name === 'gen_ai.content.prompt') {
      input = jsonMessages(attributes['gen_ai.prompt']);
    } else if (event.name === 'gen_ai.content.completion') {
      output = jsonMessages(attributes['gen_ai.completion']);
    }
    if (input) (found.input ??= []).push(...input);
    else if (output) (found.output ??= []).push(...output);
    else kept.push(event);
  }
  events.splice(0, events.length, ...kept);
  return found;
}
