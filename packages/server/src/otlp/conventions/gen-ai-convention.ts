import type { SpanKind } from '@genchi/spec';
import { toColumn, toParam, toTtft, toUsage } from '../attribute-rules.js';
import { jsonOrText, toolCallsOf } from '../chat-messages.js';
import type { SpanDraft, SpanView } from '../span-view.js';
import type { ConventionMapper } from './convention-mapper.js';
import { genAiMessages, genAiSystemMessage } from './gen-ai-messages.js';

const kindsByOperation: ReadonlyMap<string, SpanKind> = new Map([
  ['chat', 'llm'],
  ['text_completion', 'llm'],
  ['generate_content', 'llm'],
  ['embeddings', 'embedding'],
  ['execute_tool', 'tool'],
  ['invoke_agent', 'agent'],
  ['create_agent', 'agent'],
  ['invoke_workflow', 'chain'],
  ['retrieval', 'retrieval'],
]);

/** Attributes that hold an input or output body, by the span kind they belong to. */
const bodyAttributes = [
  { input: 'gen_ai.tool.call.arguments', output: 'gen_ai.tool.call.result' },
  { input: 'gen_ai.retrieval.query.text', output: 'gen_ai.retrieval.documents' },
] as const;

function mapMessages(view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  const input = genAiMessages(attributes.get('gen_ai.input.messages'));
  const system = genAiSystemMessage(attributes.get('gen_ai.system_instructions'));
  if (draft.input === undefined && (input !== undefined || system !== undefined)) {
    draft.input = system === undefined ? input : [system, ...(input ?? [])];
    if (input !== undefined) attributes.delete('gen_ai.input.messages');
    if (system !== undefined) attributes.delete('gen_ai.system_instructions');
  }
  const output = genAiMessages(attributes.get('gen_ai.output.messages'));
  if (draft.output === undefined && output !== undefined) {
    draft.output = output;
    attributes.delete('gen_ai.output.messages');
    const toolCalls = toolCallsOf(output);
    if (toolCalls !== undefined) draft.toolCalls = toolCalls;
  }
  for (const pair of bodyAttributes) {
    for (const side of ['input', 'output'] as const) {
      const value = attributes.get(pair[side]);
      if (value === undefined || draft[side] !== undefined) continue;
      draft[side] = jsonOrText(value);
      attributes.delete(pair[side]);
    }
  }
}

/** The current OpenTelemetry GenAI semantic conventions (`gen_ai.*` attributes, messages as JSON). */
export const genAiConvention: ConventionMapper = {
  name: 'OpenTelemetry GenAI',
  markers: [
    'gen_ai.operation.name',
    'gen_ai.provider.name',
    'gen_ai.request.model',
    'gen_ai.response.model',
    'gen_ai.input.messages',
    'gen_ai.output.messages',
    'gen_ai.usage.input_tokens',
    'gen_ai.agent.name',
    'gen_ai.conversation.id',
    'gen_ai.tool.name',
  ],
  rules: [
    toColumn('gen_ai.provider.name', 'provider'),
    toColumn('gen_ai.request.model', 'model'),
    toColumn('gen_ai.response.model', 'resolvedModel'),
    toColumn('gen_ai.agent.name', 'task'),
    toColumn('gen_ai.conversation.id', 'sessionId'),
    toUsage('gen_ai.usage.input_tokens', 'inputTokens'),
    toUsage('gen_ai.usage.output_tokens', 'outputTokens'),
    toUsage('gen_ai.usage.cache_read.input_tokens', 'cachedInputTokens'),
    toUsage('gen_ai.usage.reasoning.output_tokens', 'reasoningTokens'),
    toTtft('gen_ai.response.time_to_first_chunk', 1000),
    toParam('gen_ai.request.temperature', 'temperature'),
    toParam('gen_ai.request.top_p', 'top_p'),
    toParam('gen_ai.request.top_k', 'top_k'),
    toParam('gen_ai.request.max_tokens', 'max_tokens'),
    toParam('gen_ai.request.frequency_penalty', 'frequency_penalty'),
    toParam('gen_ai.request.presence_penalty', 'presence_penalty'),
    toParam('gen_ai.request.stop_sequences', 'stop'),
    toParam('gen_ai.request.seed', 'seed'),
    toParam('gen_ai.request.choice.count', 'n'),
    toParam('gen_ai.request.stream', 'stream'),
    toParam('gen_ai.request.encoding_formats', 'encoding_formats'),
    toParam('gen_ai.output.type', 'output_type'),
  ],
  kind: (view) => {
    const operation = view.attributes.get('gen_ai.operation.name');
    return typeof operation === 'string' ? kindsByOperation.get(operation) : undefined;
  },
  map: mapMessages,
};
