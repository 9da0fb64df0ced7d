import { chatConversation, isRecord } from './conversation.js';
import { SIMULATED_BY } from './http-io.js';
import { sendPlannedReply, type Frame } from './paced-writer.js';
import { planReply, type ReplyPlan } from './reply-plan.js';
import type { Exchange } from './sim-context.js';
import { countTokens, splitIntoTokens } from './tokens.js';

/** Answers `POST /v1/chat/completions`, as one JSON body or as a stream of chunks. */
export async function chatCompletions(exchange: Exchange): Promise<void> {
  const { body } = exchange;
  const conversation = chatConversation(body);
  const plan = planReply(conversation, exchange);
  const options = body['stream_options'];
  const includeUsage = isRecord(options) && options['include_usage'] === true;
  await sendPlannedReply(exchange, plan, conversation.stream, { frames: () => chatFrames(plan, includeUsage), whole: () => chatCompletion(plan) });
}

/** The OpenAI `chat.completion` object for a plan. */
export function chatCompletion(plan: ReplyPlan): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: plan.content, refusal: null, annotations: [] };
  if (plan.toolCalls.length > 0) {
    message['tool_calls'] = plan.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: `chatcmpl-sim${plan.id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: chatUsage(plan),
    service_tier: 'default',
    system_fingerprint: SIMULATED_BY,
  };
}

/** The `usage` object of chat completions. */
export function chatUsage(plan: ReplyPlan): Record<string, unknown> {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * The `chat.completion.chunk` events of a plan: role, content pieces of one token, tool call
 * deltas (id and name first, then argument fragments), finish, optional usage, then `[DONE]`.
 * Chunks are assembled from pre-serialised pieces because streaming sits on the benchmark path.
 */
export function chatFrames(plan: ReplyPlan, includeUsage: boolean): Frame[] {
  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-sim${plan.id}`;
  const prefix = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(plan.model)},"service_tier":"default","system_fingerprint":"${SIMULATED_BY}"`;
  const head = `data: ${prefix},"choices":[{"index":0,"delta":`;
  const usageTail = includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const tail = `,"logprobs":null,"finish_reason":null}]${usageTail}`;
  const frame = (delta: string, tokens: number, content: boolean): Frame => ({ text: head + delta + tail, tokens, content });

  const opening = plan.content === null ? '{"role":"assistant","content":null,"refusal":null}' : '{"role":"assistant","content":"","refusal":null}';
  const frames: Frame[] = [frame(opening, 0, false)];
  for (const piece of splitIntoTokens(plan.content ?? '')) frames.push(frame(`{"content":${JSON.stringify(piece)}}`, 1, true));
  plan.toolCalls.forEach((call, index) => {
    const start = `{"tool_calls":[{"index":${index},"id":"${call.id}","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]}`;
    frames.push(frame(start, countTokens(call.name), true));
    for (const piece of splitIntoTokens(call.arguments)) {
      frames.push(frame(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(piece)}}}]}`, 1, true));
    }
  });
  frames.push({ text: `${head}{},"logprobs":null,"finish_reason":"${plan.finishReason}"}]${usageTail}`, tokens: 0, content: false });
  if (includeUsage) {
    frames.push({ text: `data: ${prefix},"choices":[],"usage":${JSON.stringify(chatUsage(plan))}}\n\n`, tokens: 0, content: false });
  }
  frames.push({ text: 'data: [DONE]\n\n', tokens: 0, content: false });
  return frames;
}
