import { isRecord, responsesConversation } from './conversation.js';
import { sendPlannedReply, type Frame } from './paced-writer.js';
import { planReply, type PlannedToolCall, type ReplyPlan } from './reply-plan.js';
import type { Exchange } from './sim-context.js';
import { countTokens, splitIntoTokens } from './tokens.js';

type Json = Record<string, unknown>;

const INCOMPLETE_REASONS: Readonly<Record<string, string>> = {
  length: 'max_output_tokens',
  content_filter: 'content_filter',
};

/** Answers `POST /v1/responses` (the Responses API), as one JSON body or as a stream of events. */
export async function responsesApi(exchange: Exchange): Promise<void> {
  const { body } = exchange;
  const conversation = responsesConversation(body);
  const plan = planReply(conversation, exchange);
  await sendPlannedReply(exchange, plan, conversation.stream, {
    frames: () => responseFrames(plan, body),
    whole: () => responseObject(plan, body, outputItems(plan, 'completed')),
  });
}

/** The OpenAI `response` object for a plan; without output items it is the in-progress snapshot. */
export function responseObject(plan: ReplyPlan, body: Json, output: readonly Json[] | undefined): Json {
  const reason = INCOMPLETE_REASONS[plan.finishReason];
  const status = output === undefined ? 'in_progress' : reason === undefined ? 'completed' : 'incomplete';
  const text = isRecord(body['text']) ? body['text'] : {};
  return {
    id: `resp_sim${plan.id}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason } : null,
    instructions: body['instructions'] ?? null,
    max_output_tokens: body['max_output_tokens'] ?? null,
    model: plan.model,
    output: output ?? [],
    parallel_tool_calls: body['parallel_tool_calls'] ?? true,
    previous_response_id: body['previous_response_id'] ?? null,
    reasoning: { effort: null, summary: null },
    store: body['store'] ?? true,
    temperature: body['temperature'] ?? 1,
    text: { format: text['format'] ?? { type: 'text' } },
    tool_choice: body['tool_choice'] ?? 'auto',
    tools: body['tools'] ?? [],
    top_p: body['top_p'] ?? 1,
    truncation: 'disabled',
    usage: output === undefined ? null : responseUsage(plan),
    user: null,
    metadata: body['metadata'] ?? {},
  };
}

/** The output items of a plan: one assistant message when there is content, then one item per tool call. */
export function outputItems(plan: ReplyPlan, status: 'in_progress' | 'completed'): Json[] {
  const items: Json[] = [];
  if (plan.content !== null) {
    const content = status === 'completed' ? [outputText(plan.content)] : [];
    items.push({ id: messageId(plan), type: 'message', status, role: 'assistant', content });
  }
  for (const [index, call] of plan.toolCalls.entries()) items.push(functionCall(plan, call, index, status));
  return items;
}

/** The server-sent events of a streamed response, from `response.created` to `response.completed`. */
export function responseFrames(plan: ReplyPlan, body: Json): Frame[] {
  const frames: Frame[] = [];
  let sequence = 0;
  const push = (type: string, payload: Json, tokens = 0, content = false): void => {
    const data = JSON.stringify({ type, sequence_number: sequence, ...payload });
    sequence += 1;
    frames.push({ text: `event: ${type}\ndata: ${data}\n\n`, tokens, content });
  };
  const started = responseObject(plan, body, undefined);
  push('response.created', { response: started });
  push('response.in_progress', { response: started });
  const pending = outputItems(plan, 'in_progress');
  const done = outputItems(plan, 'completed');
  let outputIndex = 0;
  if (plan.content !== null) {
    const text = plan.content;
    const position = { item_id: messageId(plan), output_index: outputIndex, content_index: 0 };
    push('response.output_item.added', { output_index: outputIndex, item: pending[outputIndex] });
    push('response.content_part.added', { ...position, part: outputText('') });
    for (const delta of splitIntoTokens(text)) push('response.output_text.delta', { ...position, delta, logprobs: [] }, 1, true);
    push('response.output_text.done', { ...position, text, logprobs: [] });
    push('response.content_part.done', { ...position, part: outputText(text) });
    push('response.output_item.done', { output_index: outputIndex, item: done[outputIndex] });
    outputIndex += 1;
  }
  for (const [index, call] of plan.toolCalls.entries()) {
    const position = { item_id: functionCallId(plan, index), output_index: outputIndex };
    push('response.output_item.added', { output_index: outputIndex, item: pending[outputIndex] }, countTokens(call.name), true);
    for (const delta of splitIntoTokens(call.arguments)) push('response.function_call_arguments.delta', { ...position, delta }, 1, true);
    push('response.function_call_arguments.done', { ...position, name: call.name, arguments: call.arguments });
    push('response.output_item.done', { output_index: outputIndex, item: done[outputIndex] });
    outputIndex += 1;
  }
  const final = responseObject(plan, body, done);
  push(final['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}

function responseUsage(plan: ReplyPlan): Json {
  return {
    input_tokens: plan.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: plan.completionTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: plan.promptTokens + plan.completionTokens,
  };
}

function outputText(text: string): Json {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

function functionCall(plan: ReplyPlan, call: PlannedToolCall, index: number, status: string): Json {
  const args = status === 'completed' ? call.arguments : '';
  return { id: functionCallId(plan, index), type: 'function_call', status, call_id: call.id, name: call.name, arguments: args };
}

function messageId(plan: ReplyPlan): string {
  return `msg_sim${plan.id}`;
}

function functionCallId(plan: ReplyPlan, index: number): string {
  return `fc_sim${plan.id}_${index}`;
}
