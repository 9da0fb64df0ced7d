import type { ChatMessage } from '@genchi/spec';
import { toColumn, toParam, toUsage } from '../attribute-rules.js';
import { toolCallsOf } from '../chat-messages.js';
import type { SpanDraft, SpanView } from '../span-view.js';
import type { ConventionMapper } from './convention-mapper.js';
import { eventMessages, indexedMessages, jsonMessages, legacyEventNames } from './gen-ai-legacy-messages.js';

/** Messages from `key` as JSON text, else from its indexed form `key.0.role`, …; the attributes read are removed. */
function attributeMessages(view: SpanView, key: string): ChatMessage[] | undefined {
  const fromJson = jsonMessages(view.attributes.get(key));
  if (fromJson !== undefined) {
    view.attributes.delete(key);
    return fromJson;
  }
  return indexedMessages(view.attributes, `${key}.`);
}

function mapMessages(view: SpanView, draft: SpanDraft): void {
  if (draft.input === undefined) {
    const input = attributeMessages(view, 'gen_ai.prompt');
    if (input !== undefined) draft.input = input;
  }
  if (draft.output === undefined) {
    const output = attributeMessages(view, 'gen_ai.completion');
    if (output !== undefined) draft.output = output;
  }
  if (view.events.length > 0 && (draft.input === undefined || draft.output === undefined)) {
    const fromEvents = eventMessages(view.events);
    if (draft.input === undefined && fromEvents.input !== undefined) draft.input = fromEvents.input;
    if (draft.output === undefined && fromEvents.output !== undefined) draft.output = fromEvents.output;
  }
  if (draft.toolCalls === undefined && Array.isArray(draft.output)) {
    const toolCalls = toolCallsOf(draft.output as ChatMessage[]);
    if (toolCalls !== undefined) draft.toolCalls = toolCalls;
  }
}

/** The older OpenTelemetry GenAI names (up to semantic conventions 1.36): `gen_ai.system`, prompt/completion attributes and message events. */
export const genAiLegacyConvention: ConventionMapper = {
  name: 'OpenTelemetry GenAI (older names and events)',
  markers: ['gen_ai.system', 'gen_ai.prompt', 'gen_ai.completion', 'gen_ai.prompt.0.role', 'gen_ai.prompt.0.content', 'gen_ai.completion.0.content', 'gen_ai.usage.prompt_tokens'],
  markerEvents: legacyEventNames,
  rules: [
    toColumn('gen_ai.system', 'provider'),
    toUsage('gen_ai.usage.prompt_tokens', 'inputTokens'),
    toUsage('gen_ai.usage.completion_tokens', 'outputTokens'),
    toUsage('gen_ai.usage.cache_read_input_tokens', 'cachedInputTokens'),
    toParam('gen_ai.openai.request.seed', 'seed'),
    toParam('gen_ai.openai.request.response_format', 'response_format'),
  ],
  kind: (view) => {
    const attributes = view.attributes;
    const isCall = attributes.get('gen_ai.usage.prompt_tokens') !== undefined || attributes.get('gen_ai.prompt') !== undefined || attributes.get('gen_ai.prompt.0.role') !== undefined;
    return isCall ? 'llm' : undefined;
  },
  map: mapMessages,
};
