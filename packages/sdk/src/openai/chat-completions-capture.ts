import type { ToolCall, UsageInput } from '@genchi/spec';
import { usageFromOpenAi } from '@genchi/spec/values';
import type { SpanDraft } from '../spans/span-draft.js';
import { copyOneLevel, countOf, fieldsOf, paramsWithout, textOf, type EndpointCapture, type StreamAccumulator } from './endpoint-capture.js';

function toolCallsOf(value: unknown): ToolCall[] {
  if (!Array.isArray(value)) return [];
  const calls: ToolCall[] = [];
  for (const call of value) {
    const fields = fieldsOf(call);
    const fn = fieldsOf(fields.function ?? fields.custom);
    const name = textOf(fn.name);
    if (name === undefined || name === '') continue;
    const id = textOf(fields.id);
    const args = textOf(fn.arguments) ?? textOf(fn.input);
    calls.push({ name, ...(id === undefined ? {} : { id }), ...(args === undefined ? {} : { arguments: args }) });
  }
  return calls;
}

interface ChoiceText {
  role: string;
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  toolCalls: ToolCall[];
}

function outputMessage(choice: ChoiceText): Record<string, unknown> {
  const message: Record<string, unknown> = { role: choice.role, content: choice.content ?? choice.refusal ?? '' };
  if (choice.toolCalls.length > 0) message.toolCalls = choice.toolCalls;
  if (choice.finishReason !== null) message.finishReason = choice.finishReason;
  return message;
}

function writeChoices(span: SpanDraft, choices: readonly ChoiceText[]): void {
  span.output = choices.map(outputMessage);
  const toolCalls = choices.flatMap((choice) => choice.toolCalls);
  if (toolCalls.length > 0) span.toolCalls = toolCalls;
}

/** Collects a streamed chat completion: content and tool-call fragments per choice, usage, model. */
class ChatStreamAccumulator implements StreamAccumulator {
  private readonly choices: Array<ChoiceText & { calls: Map<number, { id?: string; name: string; arguments: string }> }> = [];
  private model: string | undefined;
  private usage: UsageInput | undefined;

  add(chunk: unknown): boolean {
    const fields = fieldsOf(chunk);
    if (typeof fields.model === 'string') this.model = fields.model;
    if (fields.usage !== undefined && fields.usage !== null) this.usage = usageFromOpenAi(fields.usage);
    let token = false;
    if (!Array.isArray(fields.choices)) return false;
    for (const raw of fields.choices) {
      const choice = fieldsOf(raw);
      const index = countOf(choice.index) ?? 0;
      const state = (this.choices[index] ??= { role: 'assistant', content: null, refusal: null, finishReason: null, toolCalls: [], calls: new Map() });
      const delta = fieldsOf(choice.delta);
      if (typeof delta.role === 'string') state.role = delta.role;
      if (typeof delta.content === 'string' && delta.content !== '') {
        state.content = (state.content ?? '') + delta.content;
        token = true;
      }
      if (typeof delta.refusal === 'string') state.refusal = (state.refusal ?? '') + delta.refusal;
      if (Array.isArray(delta.tool_calls)) token = this.addToolCalls(state.calls, delta.tool_calls) || token;
      if (typeof choice.finish_reason === 'string') state.finishReason = choice.finish_reason;
    }
    return token;
  }

  private addToolCalls(calls: Map<number, { id?: string; name: string; arguments: string }>, deltas: unknown[]): boolean {
    for (const raw of deltas) {
      const delta = fieldsOf(raw);
      const index = countOf(delta.index) ?? calls.size;
      const call = calls.get(index) ?? { name: '', arguments: '' };
      const fn = fieldsOf(delta.function);
      if (typeof delta.id === 'string') call.id = delta.id;
      if (typeof fn.name === 'string') call.name += fn.name;
      if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
      calls.set(index, call);
    }
    return deltas.length > 0;
  }

  finish(span: SpanDraft): void {
    if (this.model !== undefined) span.resolvedModel = this.model;
    if (this.usage !== undefined) span.usage = this.usage;
    const choices = this.choices.filter((choice) => choice !== undefined);
    for (const choice of choices) {
      choice.toolCalls = [...choice.calls.values()]
        .filter((call) => call.name !== '')
        .map((call) => ({ name: call.name, arguments: call.arguments, ...(call.id === undefined ? {} : { id: call.id }) }));
    }
    writeChoices(span, choices);
  }
}

/** `chat.completions.create`: messages in, choices out, streamed or not. */
export const chatCompletionsCapture: EndpointCapture = {
  kind: 'llm',
  name: 'chat.completions.create',
  request(params, span) {
    const fields = fieldsOf(params);
    const model = textOf(fields.model);
    if (model !== undefined) span.model = model;
    span.input = copyOneLevel(fields.messages);
    span.params = paramsWithout(fields, ['messages', 'model']);
  },
  response(value, span) {
    const completion = fieldsOf(value);
    const model = textOf(completion.model);
    if (model !== undefined) span.resolvedModel = model;
    const usage = usageFromOpenAi(completion.usage);
    if (usage !== undefined) span.usage = usage;
    const choices = Array.isArray(completion.choices) ? completion.choices : [];
    writeChoices(
      span,
      choices.map((raw) => {
        const choice = fieldsOf(raw);
        const message = fieldsOf(choice.message);
        return {
          role: textOf(message.role) ?? 'assistant',
          content: textOf(message.content) ?? null,
          refusal: textOf(message.refusal) ?? null,
          finishReason: textOf(choice.finish_reason) ?? null,
          toolCalls: toolCallsOf(message.tool_calls),
        };
      }),
    );
  },
  stream: () => new ChatStreamAccumulator(),
};
