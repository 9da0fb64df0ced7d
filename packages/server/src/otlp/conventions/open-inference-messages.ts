import type { ChatMessage, ToolCall } from '@genchi/spec';
import { chatMessage, contentOf, jsonOrText, textOf, textPart, toolCallOf } from '../chat-messages.js';
import { putBackIndexed, takeIndexed, takeKey, type IndexedItem } from '../indexed-attributes.js';
import type { AttributeMap, JsonValue } from '../otlp-values.js';

function contentParts(item: IndexedItem): unknown[] | undefined {
  const contents = takeIndexed(item, 'message.contents.');
  if (contents === undefined) return undefined;
  const parts = contents.map((content): unknown => {
    const type = takeKey(content, 'message_content.type');
    const text = takeKey(content, 'message_content.text');
    if (typeof text === 'string' && (type === undefined || type === 'text')) return textPart(text);
    const url = takeKey(content, 'message_content.image.image.url');
    if (typeof url === 'string') return { type: 'image', url };
    const part: Record<string, unknown> = type === undefined ? {} : { type };
    if (text !== undefined) part.text = text;
    return part;
  });
  putBackIndexed(item, 'message.contents.', contents);
  return parts;
}

function toolCalls(item: IndexedItem): ToolCall[] {
  const calls: ToolCall[] = [];
  const items = takeIndexed(item, 'message.tool_calls.');
  for (const call of items ?? []) {
    const parsed = toolCallOf(takeKey(call, 'tool_call.id'), takeKey(call, 'tool_call.function.name'), takeKey(call, 'tool_call.function.arguments'));
    if (parsed) calls.push(parsed);
  }
  if (items !== undefined) putBackIndexed(item, 'message.tool_calls.', items);
  const functionCall = toolCallOf(undefined, item.get('message.function_call_name'), item.get('message.function_call_arguments_json'));
  if (functionCall) {
    calls.push(functionCall);
    item.delete('message.function_call_name');
    item.delete('message.function_call_arguments_json');
  }
  return calls;
}

function message(item: IndexedItem): ChatMessage {
  const role = takeKey(item, 'message.role');
  const text = takeKey(item, 'message.content');
  const parts = text === undefined ? contentParts(item) : undefined;
  const content = text !== undefined ? text : parts === undefined ? null : contentOf(parts);
  return chatMessage(typeof role === 'string' ? role : 'user', content, {
    toolCalls: toolCalls(item),
    name: textOf(takeKey(item, 'message.name')),
    toolCallId: textOf(takeKey(item, 'message.tool_call_id')),
  });
}

/** Chat messages from `llm.input_messages.<i>.message.*` or `llm.output_messages.<i>.message.*`; the attributes read are removed. */
export function openInferenceMessages(attributes: AttributeMap, prefix: string): ChatMessage[] | undefined {
  const items = takeIndexed(attributes, prefix);
  if (items === undefined) return undefined;
  const messages = items.map(message);
  putBackIndexed(attributes, prefix, items);
  return messages;
}

/** Documents from `<prefix><i>.document.{id,content,score,metadata}`; the attributes read are removed. */
export function openInferenceDocuments(attributes: AttributeMap, prefix: string): Array<Record<string, unknown>> | undefined {
  const items = takeIndexed(attributes, prefix);
  if (items === undefined) return undefined;
  const documents = items.map((item) => {
    const document: Record<string, unknown> = {};
    for (const field of ['id', 'content', 'score', 'metadata'] as const) {
      const value: JsonValue | undefined = takeKey(item, `document.${field}`);
      if (value !== undefined) document[field] = field === 'metadata' ? jsonOrText(value) : value;
    }
    return document;
  });
  putBackIndexed(attributes, prefix, items);
  return documents;
}

/** Embedding texts and vectors from `embedding.embeddings.<i>.embedding.{text,vector}`; the attributes read are removed. */
export function openInferenceEmbeddings(attributes: AttributeMap): { texts: unknown[]; vectors: unknown[] } | undefined {
  const items = takeIndexed(attributes, 'embedding.embeddings.');
  if (items === undefined) return undefined;
  const texts: unknown[] = [];
  const vectors: unknown[] = [];
  for (const item of items) {
    const text = takeKey(item, 'embedding.text');
    const vector = takeKey(item, 'embedding.vector');
    if (text !== undefined) texts.push(text);
    if (vector !== undefined) vectors.push(vector);
  }
  putBackIndexed(attributes, 'embedding.embeddings.', items);
  return { texts, vectors };
}
