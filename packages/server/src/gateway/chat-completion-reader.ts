import { usageFromOpenAi, type ChatMessage, type ToolCall } from '@genchi/spec';
import { assistantMessage, boundedText, errorOf, parseJson, recordOf, toolCallOf, type ExchangeReading } from './exchange-reading.js';
import { sseDataPayloads } from './sse-events.js';

interface ChoiceParts {
  content: string[];
  hasContent: boolean;
  refusal: string[];
  calls: Map<number, { id?: string; name: string; arguments: string }>;
  finishReason?: string;
}

function choiceMessage(choice: Record<string, unknown>): ChatMessage {
  const message = recordOf(choice.message) ?? {};
  const calls: ToolCall[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const record = recordOf(call);
      const fn = recordOf(record?.function);
      const parsed = toolCallOf(record?.id, fn?.name, fn?.arguments);
      if (parsed) calls.push(parsed);
    }
  }
  const content = message.content ?? (typeof message.refusal === 'string' ? message.refusal : null);
  return assistantMessage(content, calls, choice.finish_reason);
}

/** Reads a whole `chat.completion` body (or an error body). */
function readBody(text: string, status: number): ExchangeReading {
  const body = parseJson(text);
  if (status >= 400) return { error: errorOf(body, `upstream answered ${status}: ${text.slice(0, 500)}`) };
  const record = recordOf(body);
  if (record === undefined) return { error: { type: 'malformed_response', message: `upstream answered ${status} with a body that is not a JSON object` }, output: text.slice(0, 2_000) };
  const choices = Array.isArray(record.choices) ? record.choices.map((choice) => recordOf(choice) ?? {}) : [];
  const output = choices.map(choiceMessage);
  const toolCalls = output.flatMap((message) => message.toolCalls ?? []);
  return {
    resolvedModel: boundedText(record.model),
    responseId: boundedText(record.id),
    finishReason: boundedText(choices[0]?.finish_reason),
    output,
    toolCalls: toolCalls.length > 0 ? toolCalls : undefined,
    usage: usageFromOpenAi(record.usage),
  };
}

function addDelta(parts: ChoiceParts, delta: Record<string, unknown>): void {
  if (typeof delta.content === 'string') {
    parts.content.push(delta.content);
    parts.hasContent = true;
  }
  if (typeof delta.refusal === 'string') parts.refusal.push(delta.refusal);
  if (!Array.isArray(delta.tool_calls)) return;
  for (const call of delta.tool_calls) {
    const record = recordOf(call) ?? {};
    const index = typeof record.index === 'number' ? record.index : parts.calls.size;
    const fn = recordOf(record.function) ?? {};
    const known = parts.calls.get(index) ?? { name: '', arguments: '' };
    if (typeof record.id === 'string') known.id = record.id;
    if (typeof fn.name === 'string') known.name += fn.name;
    if (typeof fn.arguments === 'string') known.arguments += fn.arguments;
    parts.calls.set(index, known);
  }
}

/** Reads a `chat.completion.chunk` stream: the text and tool calls put together, usage from its usage chunk. */
function readStream(text: string): ExchangeReading {
  const { payloads } = sseDataPayloads(text);
  const choices = new Map<number, ChoiceParts>();
  const reading: ExchangeReading = {};
  let done = false;
  for (const payload of payloads) {
    if (payload === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = recordOf(parseJson(payload));
    if (chunk === undefined) {
      reading.error = { type: 'malformed_response', message: `upstream sent a stream event that is not JSON: ${payload.slice(0, 200)}` };
      continue;
    }
    if (chunk.error !== undefined) reading.error = errorOf(chunk, 'upstream sent an error event');
    if (typeof chunk.model === 'string' && chunk.model !== '') reading.resolvedModel = chunk.model.slice(0, 200);
    if (typeof chunk.id === 'string' && reading.responseId === undefined) reading.responseId = chunk.id.slice(0, 200);
    const usage = usageFromOpenAi(chunk.usage);
    if (usage) reading.usage = usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const choice of chunk.choices) {
      const record = recordOf(choice) ?? {};
      const index = typeof record.index === 'number' ? record.index : 0;
      let parts = choices.get(index);
      if (parts === undefined) choices.set(index, (parts = { content: [], hasContent: false, refusal: [], calls: new Map() }));
      const delta = recordOf(record.delta);
      if (delta) addDelta(parts, delta);
      if (typeof record.finish_reason === 'string') parts.finishReason = record.finish_reason;
    }
  }
  const ordered = [...choices.entries()].sort(([a], [b]) => a - b).map(([, parts]) => parts);
  const output = ordered.map((parts) => {
    const calls = [...parts.calls.entries()].sort(([a], [b]) => a - b).flatMap(([, call]) => toolCallOf(call.id, call.name, call.arguments) ?? []);
    const content = parts.hasContent ? parts.content.join('') : parts.refusal.length > 0 ? parts.refusal.join('') : null;
    return assistantMessage(content, calls, parts.finishReason);
  });
  const toolCalls = output.flatMap((message) => message.toolCalls ?? []);
  if (toolCalls.length > 0) reading.toolCalls = toolCalls;
  if (ordered[0]?.finishReason !== undefined) reading.finishReason = ordered[0].finishReason;
  reading.output = output;
  if (!done) reading.incomplete = true;
  return reading;
}

/** Reads what the upstream answered to `POST /chat/completions`, streamed or not. */
export function readChatCompletion(text: string, streamed: boolean, status: number): ExchangeReading {
  return streamed && status < 400 ? readStream(text) : readBody(text, status);
}
