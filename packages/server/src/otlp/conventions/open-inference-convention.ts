import type { ChatMessage, SpanKind } from '@genchi/spec';
import { toColumn, toCost, toTags, toUsage, columnText } from '../attribute-rules.js';
import { parseJsonText, toolCallsOf } from '../chat-messages.js';
import { isRecord } from '../otlp-values.js';
import type { SpanDraft, SpanView } from '../span-view.js';
import type { ConventionMapper } from './convention-mapper.js';
import { openInferenceDocuments, openInferenceEmbeddings, openInferenceMessages } from './open-inference-messages.js';

const kindsBySpanKind: ReadonlyMap<string, SpanKind> = new Map([
  ['LLM', 'llm'],
  ['EMBEDDING', 'embedding'],
  ['CHAIN', 'chain'],
  ['TOOL', 'tool'],
  ['RETRIEVER', 'retrieval'],
  ['RERANKER', 'reranker'],
  ['AGENT', 'agent'],
  ['GUARDRAIL', 'guardrail'],
  ['EVALUATOR', 'evaluator'],
  ['PROMPT', 'span'],
]);

/** Moves a JSON-object attribute into params or metadata; gives the object's `pick` entry, removed from it. */
function mergeJsonObject(view: SpanView, key: string, target: Record<string, unknown>, pick: string): unknown {
  const text = view.attributes.get(key);
  const object = typeof text === 'string' ? parseJsonText(text) : undefined;
  if (!isRecord(object)) return undefined;
  const picked = object[pick];
  delete object[pick];
  for (const name in object) if (target[name] === undefined) target[name] = object[name];
  view.attributes.delete(key);
  return picked;
}

function mapModel(view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  const params = (draft.params ??= {});
  const requested = mergeJsonObject(view, 'llm.invocation_parameters', params, 'model');
  // Tool definitions are kept once, in their own llm.tools.<i>.tool.json_schema attributes.
  if (attributes.get('llm.tools.0.tool.json_schema') !== undefined) delete params.tools;
  if (Object.keys(params).length === 0) delete draft.params;
  draft.model ??= columnText('model', requested);
  if (draft.model === undefined) delete draft.model;
  const name = columnText('model', attributes.get('llm.model_name'));
  if (name === undefined) return;
  // OpenInference instrumentations set llm.model_name from the request, then overwrite it with the
  // model the provider answered with once a whole (not streamed) response arrives.
  const answered =
    params.stream !== true &&
    (draft.usage?.outputTokens !== undefined ||
      attributes.get('llm.output_messages.0.message.role') !== undefined ||
      attributes.get('llm.token_count.completion') !== undefined ||
      attributes.get('output.value') !== undefined);
  if (answered) draft.resolvedModel ??= name;
  draft.model ??= name;
  if (draft.model === name || draft.resolvedModel === name) attributes.delete('llm.model_name');
}

function mapMetadata(view: SpanView, draft: SpanDraft): void {
  const task = mergeJsonObject(view, 'metadata', (draft.metadata ??= {}), 'task');
  const taskText = columnText('task', task);
  if (taskText !== undefined && draft.task === undefined) draft.task = taskText;
  else if (task !== undefined) draft.metadata.task ??= task;
  if (Object.keys(draft.metadata).length === 0) delete draft.metadata;
}

/** Takes `input.value` / `output.value` as a body (JSON when the mime type says so), or drops it when messages already gave one. */
function mapValue(view: SpanView, draft: SpanDraft, side: 'input' | 'output'): void {
  const value = view.attributes.get(`${side}.value`);
  if (value === undefined) return;
  const mimeType = view.attributes.get(`${side}.mime_type`);
  if (draft[side] === undefined) {
    const parsed = mimeType === 'application/json' && typeof value === 'string' ? parseJsonText(value) : undefined;
    draft[side] = parsed === undefined ? value : parsed;
  }
  view.attributes.delete(`${side}.value`);
  view.attributes.delete(`${side}.mime_type`);
}

function mapBodies(view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  const input = openInferenceMessages(attributes, 'llm.input_messages.');
  if (input !== undefined) draft.input ??= input;
  const output = openInferenceMessages(attributes, 'llm.output_messages.');
  if (output !== undefined) {
    draft.output ??= output;
    const first = output[0];
    const finishReason = attributes.get('llm.finish_reason');
    if (first !== undefined && typeof finishReason === 'string' && first.finishReason === undefined) {
      first.finishReason = finishReason;
      attributes.delete('llm.finish_reason');
    }
    if (draft.toolCalls === undefined) {
      const toolCalls = toolCallsOf(output as ChatMessage[]);
      if (toolCalls !== undefined) draft.toolCalls = toolCalls;
    }
  }
  mapValue(view, draft, 'input');
  const embeddings = openInferenceEmbeddings(attributes);
  if (embeddings !== undefined) {
    if (draft.input === undefined && embeddings.texts.length > 0) draft.input = embeddings.texts;
    if (draft.output === undefined && embeddings.vectors.length > 0) draft.output = embeddings.vectors;
  }
  const documents = openInferenceDocuments(attributes, 'retrieval.documents.') ?? openInferenceDocuments(attributes, 'reranker.output_documents.');
  if (documents !== undefined) draft.output ??= documents;
  mapValue(view, draft, 'output');
}

/** The Arize OpenInference conventions (`openinference.span.kind`, `llm.*`, `input.value`, …). */
export const openInferenceConvention: ConventionMapper = {
  name: 'OpenInference',
  markers: ['openinference.span.kind', 'llm.model_name', 'llm.input_messages.0.message.role', 'llm.token_count.prompt', 'input.value', 'output.value'],
  rules: [
    toColumn('llm.provider', 'provider'),
    toColumn('llm.system', 'provider'),
    toColumn('llm.request.model_name', 'model'),
    toColumn('llm.response.model_name', 'resolvedModel'),
    toColumn('embedding.model_name', 'model'),
    toColumn('reranker.model_name', 'model'),
    toColumn('prompt.id', 'promptId'),
    toColumn('llm.prompt_template.version', 'promptVersion'),
    toUsage('llm.token_count.prompt', 'inputTokens'),
    toUsage('llm.token_count.completion', 'outputTokens'),
    toUsage('llm.token_count.total', 'totalTokens'),
    toUsage('llm.token_count.prompt_details.cache_read', 'cachedInputTokens'),
    toUsage('llm.token_count.completion_details.reasoning', 'reasoningTokens'),
    toCost('llm.cost.total'),
    toTags('tag.tags'),
  ],
  kind: (view) => {
    const kind = view.attributes.get('openinference.span.kind');
    return typeof kind === 'string' ? kindsBySpanKind.get(kind.toUpperCase()) : undefined;
  },
  map: (view, draft) => {
    mapModel(view, draft);
    mapMetadata(view, draft);
    mapBodies(view, draft);
  },
};
