/**
 * Records the OTLP trace fixtures of `src/otlp/fixtures/`: real instrumentations (OpenInference's
 * openai instrumentation, the Vercel AI SDK, spans built with the OpenTelemetry API under the GenAI
 * conventions) talk to the simulated model server of `@genchi/testkit`, and the real OTLP/HTTP
 * exporters (JSON and protobuf) send their spans to a capture server on 127.0.0.1.
 *
 *   npx tsx --conditions=@genchi/source packages/server/scripts/record-otlp-fixtures.ts [--out <dir>] [scenario …]
 *
 * The live test of the OTLP mapping imports the scenarios from here, and runs this file for the AI
 * SDK ones (the `ai` package is imported lazily: it cannot load under vitest's `source` condition).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { setMetadata, setPromptTemplate, setSession, setTags, setUser } from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { context, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import OpenAI from 'openai';
import { z } from 'zod';

/** A local OTLP/HTTP endpoint that keeps the bodies it receives, by path. */
export interface CaptureServer {
  url: string;
  bodies(path: string): Buffer[];
  close(): Promise<void>;
}

/** Starts the capture server; it answers every export with success in the request's encoding. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const received = new Map<string, Buffer[]>();
  const read = async (request: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
  };
  const server = createServer((request, response) => {
    read(request).then((body) => {
      const path = request.url ?? '/';
      received.set(path, [...(received.get(path) ?? []), body]);
      const json = !String(request.headers['content-type']).includes('protobuf');
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : undefined);
    }, () => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies: (path) => received.get(path) ?? [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let contextManagerSet = false;

/** What a scenario gets: the simulated model server and a tracer exporting to both capture paths. */
export interface ScenarioEnvironment {
  sim: SimLlm;
  provider: NodeTracerProvider;
  tracer: Tracer;
}

/** Runs one scenario with fresh exporters and returns the exported bodies, JSON and protobuf. */
export async function recordScenario(capture: CaptureServer, sim: SimLlm, name: string): Promise<{ json: Buffer; proto: Buffer }> {
  if (!contextManagerSet) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerSet = true;
  }
  const processor = (exporter: JsonTraceExporter | ProtoTraceExporter) => new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000, maxExportBatchSize: 1000 });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'genchi-fixtures', 'deployment.environment.name': 'dev' }),
    spanProcessors: [
      processor(new JsonTraceExporter({ url: `${capture.url}/${name}.json` })),
      processor(new ProtoTraceExporter({ url: `${capture.url}/${name}.pb` })),
    ],
  });
  const scenario = scenarios[name];
  if (scenario === undefined) throw new Error(`no scenario named ${name}`);
  sim.setRules([]);
  await scenario({ sim, provider, tracer: provider.getTracer('genchi-fixtures', '1.0.0') });
  await provider.forceFlush();
  await provider.shutdown();
  const json = capture.bodies(`/${name}.json`).map((body) => JSON.parse(body.toString('utf8')) as { resourceSpans: unknown[] });
  return {
    json: Buffer.from(JSON.stringify({ resourceSpans: json.flatMap((request) => request.resourceSpans) })),
    // Concatenated protobuf messages of one type decode as one message with the lists joined.
    proto: Buffer.concat(capture.bodies(`/${name}.pb`)),
  };
}

const openInference = new OpenAIInstrumentation();
openInference.manuallyInstrument({ OpenAI } as unknown as Parameters<OpenAIInstrumentation['manuallyInstrument']>[0]);

function openAiClient({ sim, provider }: ScenarioEnvironment): OpenAI {
  openInference.setTracerProvider(provider);
  return new OpenAI({ baseURL: sim.url, apiKey: 'sim-key', maxRetries: 0 });
}

const aiSdk = async () => {
  const [ai, { createOpenAICompatible }] = await Promise.all([import('ai'), import('@ai-sdk/openai-compatible')]);
  const provider = (sim: SimLlm) => createOpenAICompatible({ name: 'sim', baseURL: sim.url, apiKey: 'sim-key', includeUsage: true, supportsStructuredOutputs: true });
  return { ...ai, provider };
};
const telemetry = (tracer: Tracer, functionId: string) => ({
  isEnabled: true,
  functionId,
  tracer,
  metadata: { task: 'answer-weather', userId: 'user-42', sessionId: 'session-7', plan: 'pro' },
});

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

const scenarios: Record<string, (environment: ScenarioEnvironment) => Promise<void>> = {
  'openinference-chat': async (environment) => {
    const client = openAiClient(environment);
    environment.sim.setRules([{ match: { contains: 'Categorize' }, reply: { content: 'Footwear > Running' } }]);
    let active = setSession(context.active(), { sessionId: 'session-1' });
    active = setUser(active, { userId: 'user-1' });
    active = setMetadata(active, { task: 'categorize-product', tier: 'gold' });
    active = setTags(active, ['catalog', 'nightly']);
    active = setPromptTemplate(active, { template: 'Categorize: {product}', variables: { product: 'red running shoes' }, version: 'v3' });
    await context.with(active, () =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0.2,
        max_tokens: 50,
        messages: [
          { role: 'system', content: 'You categorize products.' },
          { role: 'user', content: [{ type: 'text', text: 'Categorize: red running shoes' }] },
        ],
      }),
    );
  },
  'openinference-stream': async (environment) => {
    const client = openAiClient(environment);
    environment.sim.setRules([{ reply: { content: 'Once upon a time, a lighthouse kept watch.' } }]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Tell me a one-line story.' }],
    });
    for await (const _chunk of stream) void _chunk;
    // The instrumentation ends the span once its copy of the stream is drained.
    await new Promise((resolve) => setTimeout(resolve, 50));
  },
  'openinference-tools': async (environment) => {
    const client = openAiClient(environment);
    environment.sim.setRules([
      { match: { contains: 'Paris' }, times: 1, reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool_calls' } },
      { reply: { content: 'It is 21°C and sunny in Paris.' } },
    ]);
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const call = first.choices[0]?.message;
    if (call?.tool_calls?.[0] === undefined) throw new Error('the simulated model did not call the tool');
    messages.push(call, { role: 'tool', tool_call_id: call.tool_calls[0].id, content: '{"temperature":21,"sky":"sunny"}' });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
  },
  'openinference-embeddings': async (environment) => {
    await openAiClient(environment).embeddings.create({ model: 'text-embedding-3-small', input: ['red running shoes', 'blue sandals'], dimensions: 4 });
  },
  'vercel-generate-text': async ({ sim, tracer }) => {
    const { generateText, provider, stepCountIs, tool } = await aiSdk();
    sim.setRules([
      { match: { contains: 'Paris' }, times: 1, reply: { toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }], finishReason: 'tool_calls' } },
      { reply: { content: 'It is 21°C and sunny in Paris.' } },
    ]);
    const weather = tool({
      description: 'Weather in a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperature: 21, sky: 'sunny' }),
    });
    await generateText({
      model: provider(sim).chatModel('gpt-4o-mini'),
      system: 'You answer weather questions.',
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      temperature: 0.3,
      maxOutputTokens: 200,
      experimental_telemetry: telemetry(tracer, 'weather-agent'),
    });
  },
  'vercel-stream-text': async ({ sim, tracer }) => {
    const { provider, streamText } = await aiSdk();
    sim.setRules([{ reply: { content: 'Roses are red, the sky is blue.' } }]);
    const result = streamText({
      model: provider(sim).chatModel('gpt-4o-mini'),
      messages: [{ role: 'user', content: 'Write a two-line poem.' }],
      experimental_telemetry: telemetry(tracer, 'poem-writer'),
    });
    await result.consumeStream();
    await result.text;
  },
  'vercel-generate-object': async ({ sim, tracer }) => {
    const { generateObject, provider } = await aiSdk();
    await generateObject({
      model: provider(sim).chatModel('gpt-4o-mini'),
      schema: z.object({ category: z.string(), confidence: z.number() }),
      prompt: 'Categorize: red running shoes',
      experimental_telemetry: { isEnabled: true, functionId: 'categorize-product', tracer },
    });
  },
  'vercel-embed-many': async ({ sim, tracer }) => {
    const { embedMany, provider } = await aiSdk();
    await embedMany({
      model: provider(sim).embeddingModel('text-embedding-3-small'),
      values: ['red running shoes', 'blue sandals'],
      providerOptions: { sim: { dimensions: 4 } },
      experimental_telemetry: { isEnabled: true, functionId: 'embed-catalog', tracer },
    });
  },
  'vercel-error': async ({ sim, tracer }) => {
    const { generateText, provider } = await aiSdk();
    sim.setRules([{ reply: { fault: 'http-500' } }]);
    await generateText({
      model: provider(sim).chatModel('gpt-4o-mini'),
      prompt: 'This call fails.',
      maxRetries: 0,
      experimental_telemetry: { isEnabled: true, functionId: 'failing-call', tracer },
    }).catch(() => undefined);
  },
  'genai-current': async ({ tracer }) => recordGenAiCurrent(tracer),
  'genai-legacy': async ({ tracer }) => recordGenAiLegacy(tracer),
};

/** An agent run under the current GenAI conventions: agent → chat (tool call) → tool → chat, then an embedding and a failing call. */
async function recordGenAiCurrent(tracer: Tracer): Promise<void> {
  const agent = tracer.startSpan('invoke_agent Support', {
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.provider.name': 'openai', 'gen_ai.agent.name': 'support-agent', 'gen_ai.conversation.id': 'conv-9', 'user.id': 'user-3' },
  });
  const inAgent = trace.setSpan(context.active(), agent);
  const system = JSON.stringify([{ type: 'text', content: 'You are a support agent.' }]);
  const question = { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] };
  const toolCall = { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } };
  const chat = (outputParts: unknown[], finish: string, input: unknown[]) =>
    tracer.startSpan('chat gpt-4o-mini', {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.5,
        'gen_ai.request.max_tokens': 300,
        'gen_ai.request.stop_sequences': ['END'],
        'gen_ai.request.seed': 7,
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.response.id': 'chatcmpl-1',
        'gen_ai.response.finish_reasons': [finish],
        'gen_ai.response.time_to_first_chunk': 0.25,
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 30,
        'gen_ai.usage.cache_read.input_tokens': 100,
        'gen_ai.system_instructions': system,
        'gen_ai.input.messages': JSON.stringify(input),
        'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: outputParts, finish_reason: finish }]),
        'server.address': 'api.openai.com',
      },
    }, inAgent);
  chat([toolCall], 'tool_call', [question]).end();
  const toolSpan = tracer.startSpan('execute_tool get_weather', {
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_1', 'gen_ai.tool.call.arguments': '{"city":"Paris"}', 'gen_ai.tool.call.result': '{"temperature":21}' },
  }, inAgent);
  toolSpan.end();
  const history = [question, { role: 'assistant', parts: [toolCall] }, { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: { temperature: 21 } }] }];
  chat([{ type: 'text', content: 'It is 21°C in Paris.' }], 'stop', history).end();
  tracer.startSpan('embeddings text-embedding-3-small', {
    attributes: { 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'text-embedding-3-small', 'gen_ai.usage.input_tokens': 8, 'gen_ai.request.encoding_formats': ['float'] },
  }, inAgent).end();
  const failing = tracer.startSpan('chat gpt-4o-mini', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'error.type': 'RateLimitError' } }, inAgent);
  failing.recordException({ name: 'RateLimitError', message: 'Rate limit reached for gpt-4o-mini' });
  failing.setStatus({ code: SpanStatusCode.ERROR, message: 'Rate limit reached for gpt-4o-mini' });
  failing.end();
  agent.end();
}

/** GenAI spans under the older names: message events, indexed prompt attributes, content events. */
async function recordGenAiLegacy(tracer: Tracer): Promise<void> {
  const base = { 'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18' };
  const withEvents = tracer.startSpan('chat gpt-4o-mini', { attributes: { ...base, 'gen_ai.usage.prompt_tokens': 40, 'gen_ai.usage.completion_tokens': 12 } });
  withEvents.addEvent('gen_ai.system.message', { 'gen_ai.system': 'openai', content: 'You are terse.' });
  withEvents.addEvent('gen_ai.user.message', { 'gen_ai.system': 'openai', content: 'Weather in Paris?' });
  withEvents.addEvent('gen_ai.assistant.message', { 'gen_ai.system': 'openai', tool_calls: JSON.stringify([{ id: 'call_7', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]) });
  withEvents.addEvent('gen_ai.tool.message', { 'gen_ai.system': 'openai', content: '21°C', id: 'call_7' });
  withEvents.addEvent('gen_ai.choice', { 'gen_ai.system': 'openai', index: 0, finish_reason: 'stop', message: JSON.stringify({ role: 'assistant', content: 'Sunny, 21°C.' }) });
  withEvents.addEvent('progress', { step: 1 });
  withEvents.end();
  const indexed = tracer.startSpan('openai.chat', {
    attributes: {
      ...base,
      'gen_ai.usage.prompt_tokens': 25,
      'gen_ai.usage.completion_tokens': 9,
      'gen_ai.prompt.0.role': 'user',
      'gen_ai.prompt.0.content': 'Name a color.',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': 'Teal.',
      'gen_ai.completion.0.finish_reason': 'stop',
      'llm.request.type': 'chat',
    },
  });
  indexed.end();
  const contentEvents = tracer.startSpan('chat gpt-4o-mini', { attributes: base });
  contentEvents.addEvent('gen_ai.content.prompt', { 'gen_ai.prompt': JSON.stringify([{ role: 'user', content: 'Say hi.' }]) });
  contentEvents.addEvent('gen_ai.content.completion', { 'gen_ai.completion': JSON.stringify([{ role: 'assistant', content: 'Hi!' }]) });
  contentEvents.end();
}

/** The names of the recorded scenarios, each saved as `<name>.json` and `<name>.pb`. */
export const scenarioNames = Object.keys(scenarios);

/** Records the named scenarios (all by default) into `directory` as `<name>.json` and `<name>.pb`. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  const directory = values.out === undefined ? new URL('../src/otlp/fixtures/', import.meta.url) : pathToFileURL(`${values.out}/`);
  const sim = await startSimLlm({ resolvedModels: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18' } });
  const capture = await startCaptureServer();
  try {
    for (const name of positionals.length > 0 ? positionals : scenarioNames) {
      const { json, proto } = await recordScenario(capture, sim, name);
      await writeFile(new URL(`${name}.json`, directory), json);
      await writeFile(new URL(`${name}.pb`, directory), proto);
      process.stdout.write(`${name}: ${json.length} bytes JSON, ${proto.length} bytes protobuf\n`);
    }
  } finally {
    await capture.close();
    await sim.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
