import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScenario, startCaptureServer, type CaptureServer } from '../../scripts/record-otlp-fixtures.js';
import { decodeOtlpProtobuf, mapOtlpTraces } from './index.js';

// The recording scenarios run live: real instrumentations call the simulated model server, and the
// real OTLP/HTTP exporters (JSON and protobuf) send their spans to a local capture server. The AI
// SDK cannot load under vitest's `source` resolve condition, so its scenarios run in a child process.
const script = fileURLToPath(new URL('../../scripts/record-otlp-fixtures.ts', import.meta.url));
let sim: SimLlm;
let capture: CaptureServer;

beforeAll(async () => {
  sim = await startSimLlm({ resolvedModels: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18' } });
  capture = await startCaptureServer();
});

afterAll(async () => {
  await capture?.close();
  await sim?.close();
});

/** Runs a scenario in a child process and gives what its exporters sent. */
async function recordInChild(scenario: string): Promise<{ json: Buffer; proto: Buffer }> {
  const directory = await mkdtemp(join(tmpdir(), 'genchi-otlp-'));
  try {
    await promisify(execFile)(process.execPath, ['--conditions=@genchi/source', '--import', 'tsx', script, '--out', directory, scenario], { timeout: 60_000 });
    return { json: await readFile(join(directory, `${scenario}.json`)), proto: await readFile(join(directory, `${scenario}.pb`)) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function exported(scenario: string, where: 'here' | 'child' = 'here'): Promise<SpanInputBody[]> {
  const { json, proto } = where === 'here' ? await recordScenario(capture, sim, scenario) : await recordInChild(scenario);
  const fromJson = mapOtlpTraces(JSON.parse(json.toString('utf8')), { defaultEnvironment: 'ignored' });
  const fromProtobuf = mapOtlpTraces(decodeOtlpProtobuf(proto), { defaultEnvironment: 'ignored' });
  expect(fromJson.rejected).toEqual([]);
  expect(fromProtobuf).toEqual(fromJson);
  for (const body of fromJson.spans) expect(spanInputSchema.safeParse(body).error).toBeUndefined();
  return fromJson.spans;
}

describe('live OTLP export, mapped', () => {
  it('Vercel AI SDK generateText with a tool', async () => {
    const spans = await exported('vercel-generate-text', 'child');
    expect(spans.map((span) => span.kind).sort()).toEqual(['chain', 'llm', 'llm', 'tool']);
    const root = spans.find((span) => span.kind === 'chain');
    for (const span of spans) expect(span).toMatchObject({ traceId: root?.traceId, environment: 'dev', task: 'answer-weather' });
    expect(spans.filter((span) => span.parentId === root?.id)).toHaveLength(3);
    const [first, second] = spans.filter((span) => span.kind === 'llm').sort((left, right) => (left.startTime as number) - (right.startTime as number));
    expect(first?.toolCalls).toEqual([{ id: expect.any(String) as string, name: 'weather', arguments: '{"city":"Paris"}' }]);
    expect(second).toMatchObject({ resolvedModel: 'gpt-4o-mini-2024-07-18', output: [{ role: 'assistant', content: 'It is 21°C and sunny in Paris.' }] });
  });

  it('OpenInference openai instrumentation with a tool round trip', async () => {
    const spans = await exported('openinference-tools');
    expect(spans).toHaveLength(2);
    for (const span of spans) expect(span).toMatchObject({ kind: 'llm', provider: 'openai', model: 'gpt-4o-mini', resolvedModel: 'gpt-4o-mini-2024-07-18' });
    expect(spans.flatMap((span) => span.toolCalls ?? []).map((call) => call.name)).toEqual(['get_weather']);
  });

  it('GenAI spans made with the OpenTelemetry API', async () => {
    const spans = await exported('genai-current');
    const agent = spans.find((span) => span.kind === 'agent');
    expect(agent).toMatchObject({ task: 'support-agent', sessionId: 'conv-9' });
    expect(spans.filter((span) => span.parentId === agent?.id)).toHaveLength(5);
    expect(spans.filter((span) => span.status === 'error')).toHaveLength(1);
  });
});
