import type { SpanKind } from '@genchi/spec';
import { toColumn, toTtft, toUsage } from '../attribute-rules.js';
import { chatMessage, textOf } from '../chat-messages.js';
import type { SpanDraft, SpanView } from '../span-view.js';
import type { ConventionMapper } from './convention-mapper.js';
import { callPromptMessages, jsonValues, promptMessages, responseToolCalls } from './vercel-ai-messages.js';

const kindsByOperation: ReadonlyMap<string, SpanKind> = new Map([
  ['ai.generateText', 'chain'],
  ['ai.streamText', 'chain'],
  ['ai.generateObject', 'chain'],
  ['ai.streamObject', 'chain'],
  ['ai.embed', 'chain'],
  ['ai.embedMany', 'chain'],
  ['ai.rerank', 'chain'],
  ['ai.generateText.doGenerate', 'llm'],
  ['ai.streamText.doStream', 'llm'],
  ['ai.generateObject.doGenerate', 'llm'],
  ['ai.streamObject.doStream', 'llm'],
  ['ai.embed.doEmbed', 'embedding'],
  ['ai.embedMany.doEmbed', 'embedding'],
  ['ai.rerank.doRerank', 'reranker'],
  ['ai.toolCall', 'tool'],
]);

/** Attributes that are a span's input or output as they are (JSON texts parsed), in order of preference. */
const plainBodies = {
  input: ['ai.toolCall.args', 'ai.values', 'ai.value'],
  output: ['ai.toolCall.result', 'ai.embeddings', 'ai.embedding'],
} as const;

function take(view: SpanView, key: string): unknown {
  const value = view.attributes.get(key);
  if (value !== undefined) view.attributes.delete(key);
  return value;
}

function mapInput(view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  const fromMessages = promptMessages(attributes.get('ai.prompt.messages'));
  if (fromMessages !== undefined) {
    draft.input = fromMessages;
    attributes.delete('ai.prompt.messages');
    return;
  }
  const fromPrompt = callPromptMessages(attributes.get('ai.prompt'));
  if (fromPrompt !== undefined) {
    draft.input = fromPrompt;
    attributes.delete('ai.prompt');
  }
}

function mapOutput(view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  const text = attributes.get('ai.response.text') ?? attributes.get('ai.response.object');
  const toolCalls = responseToolCalls(attributes.get('ai.response.toolCalls'));
  if (text === undefined && toolCalls === undefined) return;
  const finishReason = take(view, 'ai.response.finishReason');
  draft.output = [chatMessage('assistant', text ?? null, { finishReason: textOf(finishReason), toolCalls })];
  if (toolCalls !== undefined && toolCalls.length > 0) draft.toolCalls ??= toolCalls;
  attributes.delete(attributes.get('ai.response.text') !== undefined ? 'ai.response.text' : 'ai.response.object');
  if (toolCalls !== undefined) attributes.delete('ai.response.toolCalls');
}

function mapBodies(view: SpanView, draft: SpanDraft): void {
  if (draft.input === undefined) mapInput(view, draft);
  if (draft.output === undefined) mapOutput(view, draft);
  for (const side of ['input', 'output'] as const) {
    for (const key of plainBodies[side]) {
      if (draft[side] !== undefined) break;
      const value = take(view, key);
      if (value !== undefined) draft[side] = jsonValues(value);
    }
  }
  // The first-chunk event only repeats the time to first chunk, which has its column.
  if (draft.ttftMs !== undefined && view.events.length > 0) {
    const index = view.events.findIndex((event) => event.name === 'ai.stream.firstChunk');
    if (index >= 0) view.events.splice(index, 1);
  }
}

/** The provider of an AI SDK provider id: `openai.chat` → `openai`, `google.vertex.chat` → `google`. */
const providerName = (id: string): string => {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : id;
};

/** AI SDK setting names given the OpenAI-style names the other conventions use. */
const renamedSettings: ReadonlyMap<string, string> = new Map([
  ['maxOutputTokens', 'max_tokens'],
  ['maxTokens', 'max_tokens'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['frequencyPenalty', 'frequency_penalty'],
  ['presencePenalty', 'presence_penalty'],
  ['stopSequences', 'stop'],
]);

/** The Vercel AI SDK's telemetry (`ai.*` attributes, `ai.generateText` / `….doGenerate` spans). */
export const vercelAiConvention: ConventionMapper = {
  name: 'Vercel AI SDK',
  markers: ['ai.operationId', 'ai.model.id', 'ai.model.provider', 'ai.toolCall.name', 'ai.prompt', 'ai.prompt.messages'],
  rules: [
    toColumn('ai.model.provider', 'provider', providerName),
    toColumn('ai.model.id', 'model'),
    toColumn('ai.response.model', 'resolvedModel'),
    toColumn('ai.telemetry.metadata.task', 'task'),
    toColumn('ai.telemetry.functionId', 'task'),
    toColumn('ai.telemetry.metadata.userId', 'userId'),
    toColumn('ai.telemetry.metadata.sessionId', 'sessionId'),
    toUsage('ai.usage.inputTokens', 'inputTokens'),
    toUsage('ai.usage.promptTokens', 'inputTokens'),
    toUsage('ai.usage.tokens', 'inputTokens'),
    toUsage('ai.usage.outputTokens', 'outputTokens'),
    toUsage('ai.usage.completionTokens', 'outputTokens'),
    toUsage('ai.usage.totalTokens', 'totalTokens'),
    toUsage('ai.usage.cachedInputTokens', 'cachedInputTokens'),
    toUsage('ai.usage.inputTokenDetails.cacheReadTokens', 'cachedInputTokens'),
    toUsage('ai.usage.reasoningTokens', 'reasoningTokens'),
    toUsage('ai.usage.outputTokenDetails.reasoningTokens', 'reasoningTokens'),
    toTtft('ai.response.msToFirstChunk'),
    toTtft('ai.stream.msToFirstChunk'),
  ],
  prefixRules: [
    { prefix: 'ai.settings.', into: 'params', rename: renamedSettings },
    { prefix: 'ai.telemetry.metadata.', into: 'metadata' },
  ],
  kind: (view) => {
    const operation = view.attributes.get('ai.operationId');
    return kindsByOperation.get(typeof operation === 'string' ? operation : view.name);
  },
  map: mapBodies,
};
