import type { ToolCall } from '@genchi/spec';
import { usageFromOpenAi } from '@genchi/spec/values';
import type { SpanDraft } from '../spans/span-draft.js';
import { copyOneLevel, fieldsOf, paramsWithout, textOf, type EndpointCapture, type StreamAccumulator } from './endpoint-capture.js';

/** Writes a whole Responses API answer (`response.completed`'s `response` in a stream) onto the span. */
function writeResponse(value: unknown, span: SpanDraft): void {
  const response = fieldsOf(value);
  const model = textOf(response.model);
  if (model !== undefined) span.resolvedModel = model;
  const usage = usageFromOpenAi(response.usage);
  if (usage !== undefined) span.usage = usage;
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const raw of Array.isArray(response.output) ? response.output : []) {
    const item = fieldsOf(raw);
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) {
        const fields = fieldsOf(part);
        const text = textOf(fields.text) ?? textOf(fields.refusal);
        if (text !== undefined) texts.push(text);
      }
    } else if (item.type === 'function_call' && typeof item.name === 'string') {
      const id = textOf(item.call_id) ?? textOf(item.id);
      toolCalls.push({ name: item.name, ...(id === undefined ? {} : { id }), ...(typeof item.arguments === 'string' ? { arguments: item.arguments } : {}) });
    }
  }
  const message: Record<string, unknown> = { role: 'assistant', content: texts.join('') };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  const reason = textOf(fieldsOf(response.incomplete_details).reason);
  if (reason !== undefined) message.finishReason = reason;
  span.output = [message];
  if (toolCalls.length > 0) span.toolCalls = toolCalls;
  const error = fieldsOf(response.error);
  if (response.status === 'failed' || typeof error.message === 'string') {
    span.status = 'error';
    span.error = { ...(typeof error.code === 'string' ? { type: error.code } : {}), message: textOf(error.message) ?? 'the response failed' };
  }
}

/** Collects a streamed response: the first text or argument delta times TTFT, the final event carries the whole answer. */
class ResponseStreamAccumulator implements StreamAccumulator {
  private final: unknown;
  private partialText = '';
  private error: { type?: string; message: string } | undefined;

  add(chunk: unknown): boolean {
    const event = fieldsOf(chunk);
    const type = event.type;
    if (type === 'response.output_text.delta' && typeof event.delta === 'string') {
      this.partialText += event.delta;
      return true;
    }
    if (type === 'response.function_call_arguments.delta') return true;
    if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') this.final = event.response;
    if (type === 'error') this.error = { ...(typeof event.code === 'string' ? { type: event.code } : {}), message: textOf(event.message) ?? 'stream error' };
    return false;
  }

  finish(span: SpanDraft): void {
    if (this.final !== undefined) writeResponse(this.final, span);
    else span.output = [{ role: 'assistant', content: this.partialText }];
    if (this.error !== undefined) {
      span.status = 'error';
      span.error = this.error;
    }
  }
}

/** `responses.create`: instructions and input in, output items out, streamed or not. */
export const responsesCapture: EndpointCapture = {
  kind: 'llm',
  name: 'responses.create',
  request(params, span) {
    const fields = fieldsOf(params);
    const model = textOf(fields.model);
    if (model !== undefined) span.model = model;
    const input = typeof fields.input === 'string' ? [{ role: 'user', content: fields.input }] : copyOneLevel(fields.input);
    const instructions = textOf(fields.instructions);
    span.input = instructions === undefined ? input : [{ role: 'system', content: instructions }, ...(Array.isArray(input) ? input : [])];
    span.params = paramsWithout(fields, ['input', 'instructions', 'model']);
  },
  response: writeResponse,
  stream: () => new ResponseStreamAccumulator(),
};
