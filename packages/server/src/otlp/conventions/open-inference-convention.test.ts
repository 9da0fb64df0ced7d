import { describe, expect, it } from 'vitest';
import { mapOneSketch as mapOne } from '../map-one-sketch.js';

const llmSpan = {
  'openinference.span.kind': 'LLM',
  'llm.provider': 'azure',
  'llm.system': 'openai',
  'llm.model_name': 'gpt-4o-2024-08-06',
  'llm.invocation_parameters': JSON.stringify({ model: 'gpt-4o', temperature: 0, tools: [{ type: 'function' }] }),
  'llm.tools.0.tool.json_schema': '{"type":"function"}',
  'llm.input_messages.0.message.role': 'system',
  'llm.input_messages.0.message.content': 'Describe images.',
  'llm.input_messages.1.message.role': 'user',
  'llm.input_messages.1.message.contents.0.message_content.type': 'text',
  'llm.input_messages.1.message.contents.0.message_content.text': 'What is this?',
  'llm.input_messages.1.message.contents.1.message_content.type': 'image',
  'llm.input_messages.1.message.contents.1.message_content.image.image.url': 'https://example.com/cat.png',
  'llm.input_messages.2.message.role': 'tool',
  'llm.input_messages.2.message.tool_call_id': 'call_0',
  'llm.input_messages.2.message.content': 'earlier result',
  'llm.output_messages.0.message.role': 'assistant',
  'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_1',
  'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'zoom',
  'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"factor":2}',
  'llm.finish_reason': 'tool_calls',
  'llm.token_count.prompt': '1200',
  'llm.token_count.completion': 15,
  'llm.token_count.total': 1215,
  'llm.token_count.prompt_details.cache_read': 1024,
  'llm.token_count.completion_details.reasoning': 3,
  'llm.cost.total': 0.0042,
  'llm.prompt_template.version': 'v7',
  'prompt.id': 'describe-image',
  'tag.tags': JSON.stringify(['vision', 'beta']),
  metadata: JSON.stringify({ task: 'describe-image', team: 'search' }),
  'session.id': 'sess-1',
  'user.id': 'user-1',
  'input.value': '{"model":"gpt-4o"}',
  'input.mime_type': 'application/json',
  'output.value': '{"id":"chatcmpl-1"}',
  'output.mime_type': 'application/json',
};

describe('OpenInference', () => {
  it('maps an LLM span to every column it can fill', () => {
    const body = mapOne({ name: 'ChatCompletion', attributes: llmSpan });
    expect(body).toMatchObject({
      kind: 'llm',
      provider: 'azure',
      model: 'gpt-4o',
      resolvedModel: 'gpt-4o-2024-08-06',
      params: { temperature: 0 },
      usage: { inputTokens: 1200, outputTokens: 15, totalTokens: 1215, cachedInputTokens: 1024, reasoningTokens: 3 },
      costUsd: 0.0042,
      promptId: 'describe-image',
      promptVersion: 'v7',
      tags: ['vision', 'beta'],
      task: 'describe-image',
      metadata: { team: 'search' },
      sessionId: 'sess-1',
      userId: 'user-1',
    });
    expect(body.input).toEqual([
      { role: 'system', content: 'Describe images.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://example.com/cat.png' }] },
      { role: 'tool', content: 'earlier result', toolCallId: 'call_0' },
    ]);
    expect(body.output).toEqual([{ role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'zoom', arguments: '{"factor":2}' }], finishReason: 'tool_calls' }]);
    expect(body.toolCalls).toEqual([{ id: 'call_1', name: 'zoom', arguments: '{"factor":2}' }]);
    expect(body.attributes).toEqual({
      'resource.service.name': 'test-service',
      'otel.scope.name': 'test-scope',
      'otel.scope.version': '1.0.0',
      'openinference.span.kind': 'LLM',
      'llm.system': 'openai',
      'llm.tools.0.tool.json_schema': '{"type":"function"}',
    });
  });

  it('does not take llm.model_name as the answered model for a streamed call', () => {
    const body = mapOne({
      attributes: {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        'llm.invocation_parameters': JSON.stringify({ model: 'gpt-4o-mini', stream: true }),
        'output.value': 'Once upon a time',
        'output.mime_type': 'text/plain',
      },
    });
    expect(body).toMatchObject({ model: 'gpt-4o-mini', params: { stream: true }, output: 'Once upon a time' });
    expect(body).not.toHaveProperty('resolvedModel');
    expect(body.attributes).not.toHaveProperty('llm.model_name');
  });

  it('prefers llm.request.model_name and llm.response.model_name when present', () => {
    const body = mapOne({
      attributes: { 'openinference.span.kind': 'LLM', 'llm.request.model_name': 'claude-sonnet-4', 'llm.response.model_name': 'claude-sonnet-4-20250514', 'llm.model_name': 'claude-sonnet-4-20250514' },
    });
    expect(body).toMatchObject({ model: 'claude-sonnet-4', resolvedModel: 'claude-sonnet-4-20250514' });
    expect(body.attributes).not.toHaveProperty('llm.model_name');
  });

  it.each([
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
    ['chain', 'chain'],
    ['UNKNOWN', 'span'],
  ])('gives span kind %s the kind %s', (spanKind, kind) => {
    expect(mapOne({ attributes: { 'openinference.span.kind': spanKind } }).kind).toBe(kind);
  });

  it('takes input.value and output.value as the bodies of other spans, parsing JSON when the mime type says so', () => {
    const body = mapOne({
      attributes: {
        'openinference.span.kind': 'CHAIN',
        'input.value': '{"question":"why?"}',
        'input.mime_type': 'application/json',
        'output.value': '{"not":"parsed"}',
        'llm.token_count.total': 300,
        'tag.tags': ['a', 'b'],
      },
    });
    expect(body).toMatchObject({ kind: 'chain', input: { question: 'why?' }, output: '{"not":"parsed"}', tags: ['a', 'b'] });
    expect(body).not.toHaveProperty('usage');
    expect(body.attributes).toMatchObject({ 'llm.token_count.total': 300 });
    expect(body.attributes).not.toHaveProperty('input.mime_type');
  });

  it('maps retriever documents and embeddings', () => {
    const retriever = mapOne({
      attributes: {
        'openinference.span.kind': 'RETRIEVER',
        'input.value': 'running shoes',
        'retrieval.documents.0.document.id': 'd1',
        'retrieval.documents.0.document.content': 'Trail shoes',
        'retrieval.documents.0.document.score': 0.9,
        'retrieval.documents.0.document.metadata': '{"source":"catalog"}',
        'retrieval.documents.1.document.content': 'Road shoes',
      },
    });
    expect(retriever).toMatchObject({
      kind: 'retrieval',
      input: 'running shoes',
      output: [{ id: 'd1', content: 'Trail shoes', score: 0.9, metadata: { source: 'catalog' } }, { content: 'Road shoes' }],
    });
    const embedding = mapOne({
      attributes: {
        'openinference.span.kind': 'EMBEDDING',
        'embedding.model_name': 'text-embedding-3-small',
        'embedding.embeddings.0.embedding.text': 'hello',
        'embedding.embeddings.0.embedding.vector': [0.1, 0.2],
      },
    });
    expect(embedding).toMatchObject({ kind: 'embedding', model: 'text-embedding-3-small', input: ['hello'], output: [[0.1, 0.2]] });
  });

  it('keeps metadata that is not a JSON object, and a metadata task when a task is already set', () => {
    expect(mapOne({ attributes: { 'openinference.span.kind': 'CHAIN', metadata: 'not json' } }).attributes).toMatchObject({ metadata: 'not json' });
    const body = mapOne({ attributes: { 'openinference.span.kind': 'CHAIN', 'genchi.task': 'own', metadata: '{"task":"other"}' } });
    expect(body).toMatchObject({ task: 'own', metadata: { task: 'other' } });
  });
});
