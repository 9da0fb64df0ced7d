import { usageFromOpenAi, type ChatMessage, type ToolCall } from '@genchi/spec';
import { assistantMessage, boundedText, errorOf, parseJson, recordOf, toolCallOf, type ExchangeReading } from './exchange-reading.js';
import { sseDataPayloads } from './sse-events.js';

function outputText(item: Record<string, unknown>): string | null {
  if (!Array.isArray(item.content)) return null;
  const texts = item.content.flatMap((part) => {
    const record = recordOf(part);
    if (typeof record?.text === 'string') return [record.text];
    return typeof record?.refusal === 'string' ? [record.refusal] : [];
  });
  return texts.length === 0 ? null : texts.join('');
}

/** Reads a whole Responses API `response` object. */
function readResponse(response: Record<string, unknown>): ExchangeReading {
  const messages: ChatMessage[] = [];
  const toolCalls: ToolCall[] = [];
  const items = Array.isArray(response.output) ? response.output : [];
  for (const entry of items) {
    const item = recordOf(entry) ?? {};
    if (item.type === 'message') messages.push(assistantMessage(outputText(item), [], undefined));
    if (item.type === 'function_call') {
      const call = toolCallOf(item.call_id ?? item.id, item.name, item.arguments);
      if (call) toolCalls.push(call);
    }
  }
  if (toolCalls.length > 0) messages.push(assistantMessage(null, toolCalls, undefined));
  const incomplete = recordOf(response.incomplete_details);
  const failed = recordOf(response.error);
  const finishReason = typeof incomplete?.reason === 'string' ? incomplete.reason : response.status;
  return {
    resolvedModel: boundedText(response.model),
    responseId: boundedText(response.id),
    finishReason: boundedText(finishReason),
    output: messages,
    toolCalls: toolCalls.length > 0 ? toolCalls : undefined,
    usage: usageFromOpenAi(response.usage),
    error: failed && typeof failed.message === 'string' ? errorOf({ error: failed }, 'the response failed') : undefined,
  };
}

/** Reads a Responses API event stream: the final response event, or the text deltas when the stream was cut before it. */
function readStream(text: string): ExchangeReading {
  const deltas: string[] = [];
  let final: ExchangeReading | undefined;
  let error: ExchangeReading['error'];
  let model: string | undefined;
  for (const payload of sseDataPayloads(text).payloads) {
    const event = recordOf(parseJson(payload));
    if (event === undefined) continue;
    const response = recordOf(event.response);
    if (typeof response?.model === 'string') model = response.model.slice(0, 200);
    if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') deltas.push(event.delta);
    if ((event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'response.failed') && response) final = readResponse(response);
    if (event.type === 'error') error = errorOf({ error: event }, 'upstream sent an error event');
  }
  if (final) return error ? { ...final, error } : final;
  return {
    ...(model === undefined ? {} : { resolvedModel: model }),
    output: [assistantMessage(deltas.join(''), [], undefined)],
    incomplete: true,
    ...(error ? { error } : {}),
  };
}

/** Reads what the upstream answered to `POST /responses`, streamed or not. */
export function readResponses(text: string, streamed: boolean, status: number): ExchangeReading {
  if (status >= 400) return { error: errorOf(parseJson(text), `upstream answered ${status}: ${text.slice(0, 500)}`) };
  if (streamed) return readStream(text);
  const body = recordOf(parseJson(text));
  return body === undefined ? { error: { type: 'malformed_response', message: 'upstream answered with a body that is not a JSON object' } } : readResponse(body);
}
