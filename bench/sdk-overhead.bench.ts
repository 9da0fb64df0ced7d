// sdk-overhead: what wrapping the official openai client with @genchi/sdk costs the caller. The same
// 10,000 calls go to sim-llm (the simulated model server) through a plain client and through the
// wrapped one, which exports every span to a real genchi. sim-llm and genchi run in their own
// processes, so this process holds only the application's side: the client and the SDK.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Genchi, type GenchiError } from '@genchi/sdk';
import OpenAI from 'openai';
import type { Bench, BenchResult } from './bench-result.js';
import { serverCpusApart, simLlmMain, startChildServer, type ChildPlacement } from './lib/child-server.js';
import { benchApiKey, startBenchGenchi, type BenchGenchi } from './lib/genchi-process.js';
import { goal, summarize } from './support.js';

const calls = 10_000;
const warmupCalls = 1_000;
/** The interleaved pairs are run this many times and pooled: a p99 over 10,000 calls moves by hundreds of µs from run to run with the caller's GC pauses. */
const pairedRounds = 5;
const task = 'bench-sdk-overhead';
const apiKey = benchApiKey;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const messagesOf = (index: number): OpenAI.ChatCompletionMessageParam[] => [
  { role: 'system', content: 'You categorize products of an online shop. Answer with the category path only, such as Footwear > Running.' },
  { role: 'user', content: `Product ${index}: lightweight trail running shoe with a breathable mesh upper, size ${36 + (index % 12)}, colour ${['red', 'blue', 'black'][index % 3]}.` },
];

/** Microseconds one call takes, from the caller's `create()` to the parsed answer. */
async function timedCall(client: OpenAI, index: number): Promise<number> {
  const start = performance.now();
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: messagesOf(index), temperature: 0 });
  const elapsed = (performance.now() - start) * 1000;
  if (completion.choices.length === 0) throw new Error('sim-llm answered without choices');
  return elapsed;
}

function rssMiB(): number {
  collectGarbage();
  return process.memoryUsage().rss / 2 ** 20;
}

/** One client alone, `count` calls in a row: latencies, and RSS after a full GC at the start and every 1,000 calls. */
async function phase(client: OpenAI, count: number): Promise<{ latencies: number[]; rssStart: number; rssPeak: number; rssEnd: number }> {
  const latencies: number[] = [];
  const rssStart = rssMiB();
  let rssPeak = rssStart;
  let rssEnd = rssStart;
  for (let start = 0; start < count; start += 1000) {
    for (let index = start; index < Math.min(count, start + 1000); index++) latencies.push(await timedCall(client, index));
    rssEnd = rssMiB();
    rssPeak = Math.max(rssPeak, rssEnd);
  }
  return { latencies, rssStart, rssPeak, rssEnd };
}

/** CPU time of this process (all its threads: export, compression and GC included) per call, in blocks of 500 calls alternating between the clients. */
async function cpuPerCall(plain: OpenAI, wrapped: OpenAI, count: number): Promise<{ plain: number; wrapped: number }> {
  const total = { plain: 0, wrapped: 0 };
  const block = 500;
  for (let start = 0; start < count; start += block) {
    const order: Array<['plain' | 'wrapped', OpenAI]> = (start / block) % 2 === 0 ? [['plain', plain], ['wrapped', wrapped]] : [['wrapped', wrapped], ['plain', plain]];
    for (const [name, client] of order) {
      const before = process.cpuUsage();
      for (let index = start; index < start + block; index++) {
        await timedCall(client, index);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const used = process.cpuUsage(before);
      total[name] += used.user + used.system;
    }
  }
  return { plain: total.plain / count, wrapped: total.wrapped / count };
}

/**
 * The same calls through both clients, pair by pair, alternating which goes first, so drift hits both
 * alike. Between pairs (untimed) the event loop takes one turn, as it does between requests of a
 * real application; without it an in-memory transport would never let the exporter run.
 */
async function interleaved(plain: OpenAI, wrapped: OpenAI, count: number): Promise<{ plain: number[]; wrapped: number[] }> {
  const result = { plain: [] as number[], wrapped: [] as number[] };
  for (let index = 0; index < count; index++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (index % 2 === 0) {
      result.plain.push(await timedCall(plain, index));
      result.wrapped.push(await timedCall(wrapped, index));
    } else {
      result.wrapped.push(await timedCall(wrapped, index));
      result.plain.push(await timedCall(plain, index));
    }
  }
  return result;
}

/** An official client whose transport answers from memory (a recorded sim-llm answer): a call costs only the client's and the SDK's own work. */
function inMemoryClient(answer: string): OpenAI {
  const fetchFromMemory = async (): Promise<Response> => new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } });
  return new OpenAI({ baseURL: 'http://in-memory.invalid/v1', apiKey: 'sk-sim', maxRetries: 0, fetch: fetchFromMemory });
}

async function recordedAnswer(simUrl: string): Promise<string> {
  const response = await fetch(`${simUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: messagesOf(0) }) });
  return response.text();
}

async function spansIn(genchiUrl: string): Promise<number> {
  const response = await fetch(`${genchiUrl}/v1/metrics?bucket=day&from=2d&task=${task}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const { data } = (await response.json()) as { data: Array<{ count: number }> };
  return data.reduce((sum, row) => sum + row.count, 0);
}

async function measure(simUrl: string, genchiUrl: string, placement: ChildPlacement | undefined): Promise<BenchResult> {
  const errors: GenchiError[] = [];
  const sdk = new Genchi({ baseUrl: genchiUrl, apiKey, flushOnExit: false, onError: (error) => errors.push(error) });
  const plain = new OpenAI({ baseURL: simUrl, apiKey: 'sk-sim', maxRetries: 0 });
  const wrapped = sdk.wrapOpenAI(new OpenAI({ baseURL: simUrl, apiKey: 'sk-sim', maxRetries: 0 }), { task });
  // Only the plain client warms up before the phases in a row, so that the wrapped phase's RSS
  // growth includes everything the SDK costs from its first call on.
  await phase(plain, warmupCalls);
  const rssStart = rssMiB();
  const plainAlone = await phase(plain, calls);
  const wrappedAlone = await phase(wrapped, calls);
  await sdk.flush(30_000);
  await interleaved(plain, wrapped, warmupCalls);
  const rounds: Array<{ plain: number[]; wrapped: number[] }> = [];
  for (let round = 0; round < pairedRounds; round++) rounds.push(await interleaved(plain, wrapped, calls));
  const paired = { plain: rounds.flatMap((round) => round.plain), wrapped: rounds.flatMap((round) => round.wrapped) };
  const roundDeltas = rounds.map((round) => summarize(round.wrapped).p99 - summarize(round.plain).p99);
  await sdk.flush(30_000);
  const answer = await recordedAnswer(simUrl);
  const isolated = await interleaved(inMemoryClient(answer), sdk.wrapOpenAI(inMemoryClient(answer), { task }), calls);
  const cpu = await cpuPerCall(plain, wrapped, calls);
  const flushed = await sdk.flush(60_000);
  const stats = sdk.stats();
  await sdk.shutdown(1_000);
  const delivered = await spansIn(genchiUrl);
  const recorded = warmupCalls + (3 + pairedRounds) * calls;
  const [isolatedPlain, isolatedWrapped] = [summarize(isolated.plain), summarize(isolated.wrapped)];
  const [pairedPlain, pairedWrapped] = [summarize(paired.plain), summarize(paired.wrapped)];
  const [alonePlain, aloneWrapped] = [summarize(plainAlone.latencies), summarize(wrappedAlone.latencies)];
  const addedP50 = pairedWrapped.p50 - pairedPlain.p50;
  const addedP99 = pairedWrapped.p99 - pairedPlain.p99;
  const growth = (run: { rssStart: number; rssPeak: number }) => run.rssPeak - run.rssStart;
  const µs = (value: number) => `${value.toFixed(0)} µs`;
  return {
    name: 'sdk-overhead',
    figures: [
      { label: 'added per call on the caller path, p50', value: addedP50, unit: 'µs', baseline: { label: 'plain client p50 per call, µs', value: pairedPlain.p50 }, goal: goal(addedP50, 50, 'at-most', '≤ +50 µs') },
      { label: 'added per call on the caller path, p99', value: addedP99, unit: 'µs', baseline: { label: 'plain client p99 per call, µs', value: pairedPlain.p99 }, goal: goal(addedP99, 200, 'at-most', '≤ +200 µs') },
      { label: 'added per call, p50, transport in memory', value: isolatedWrapped.p50 - isolatedPlain.p50, unit: 'µs', baseline: { label: 'plain client p50, µs', value: isolatedPlain.p50 } },
      { label: 'added per call, p99, transport in memory', value: isolatedWrapped.p99 - isolatedPlain.p99, unit: 'µs', baseline: { label: 'plain client p99, µs', value: isolatedPlain.p99 } },
      { label: 'CPU of the application process per call, wrapped', value: cpu.wrapped, unit: 'µs', baseline: { label: 'per plain call, µs', value: cpu.plain } },
      { label: 'RSS growth over 10,000 wrapped calls (peak − start)', value: growth(wrappedAlone), unit: 'MiB', baseline: { label: 'over 10,000 plain calls, MiB', value: growth(plainAlone) }, goal: goal(growth(wrappedAlone), 30, 'at-most', '< +30 MB') },
      { label: 'spans stored in genchi', value: delivered, unit: 'spans', baseline: { label: 'calls made through the wrapped client', value: recorded }, goal: goal(delivered, recorded, 'at-least', 'every call recorded') },
    ],
    notes: [
      `${calls.toLocaleString('en-US')} calls per client and measure (after ${warmupCalls.toLocaleString('en-US')} warm-up calls) to sim-llm (simulated, no added latency); sim-llm and genchi (embedded store) run in their own processes, so this process holds only the application's side: the clients and the SDK. ${placement ? `sim-llm and genchi run on CPU ${placement.cpus} only, genchi at nice 19 so that it yields to sim-llm; this process keeps CPU 0 to itself.` : 'All processes share every CPU (one CPU, or no taskset).'}`,
      `p50/p99 "added": the wrapped client's percentile minus the plain client's over the same ${calls.toLocaleString('en-US')} interleaved pairs (same requests, alternating which client goes first) run ${pairedRounds} times and pooled; p99 added per run alone: ${roundDeltas.map(µs).join(', ')}. In a row instead: p50 plain ${µs(alonePlain.p50)}, wrapped ${µs(aloneWrapped.p50)}; p99 plain ${µs(alonePlain.p99)}, wrapped ${µs(aloneWrapped.p99)} (the SDK's first 10,000 calls, its exporter sending as it goes).`,
      `"transport in memory": the same official client with a fetch that answers a recorded sim-llm response from memory, ${calls.toLocaleString('en-US')} interleaved pairs, the wrapped one still exporting to genchi: what the wrapper itself costs, without the network and the other processes' noise.`,
      `CPU: ${calls.toLocaleString('en-US')} more calls per client in alternating blocks of 500; process.cpuUsage counts every thread of this process (the exporter's serialisation and gzip, GC helpers), so it is the SDK's whole cost to the application, not only its caller-path part.`,
      `RSS after a full GC, at the start of each phase and every 1,000 calls (the wrapped phase is the SDK's first use): after the plain warm-up ${rssStart.toFixed(0)} MiB; plain phase start ${plainAlone.rssStart.toFixed(0)}, peak ${plainAlone.rssPeak.toFixed(0)}, end ${plainAlone.rssEnd.toFixed(0)}; wrapped phase start ${wrappedAlone.rssStart.toFixed(0)}, peak ${wrappedAlone.rssPeak.toFixed(0)}, end ${wrappedAlone.rssEnd.toFixed(0)} MiB.`,
      `exporter: sent ${stats.sent} in ${stats.batches} batches, ${stats.retries} retries, dropped ${JSON.stringify(stats.dropped)}, final flush ${flushed.completed ? 'completed' : `left ${flushed.pending}`}, ${errors.length} faults reported${errors[0] ? ` (first: ${errors[0].message})` : ''}.`,
    ],
  };
}

/** The benchmark `npm run bench sdk-overhead` runs. */
export const bench: Bench = {
  name: 'sdk-overhead',
  summary: 'the same 10,000 calls to sim-llm (simulated) through a plain openai client and through the genchi-wrapped one exporting to a real genchi: time added on the caller path and RSS growth',
  async run() {
    // The servers the application calls keep off its core, as they would run on other hosts in
    // production, and genchi yields its core to sim-llm: genchi ingesting the exported spans must
    // show up neither as time on the caller's path nor as a slower model for one client or the other.
    const servers = serverCpusApart();
    const sim = await startChildServer([simLlmMain, '--port', '0'], {}, servers);
    let genchi: BenchGenchi | undefined;
    try {
      genchi = await startBenchGenchi([], undefined, servers && { ...servers, nice: 19 });
      return await measure(sim.url, genchi.url, servers);
    } finally {
      await Promise.all([sim.stop(), genchi?.stop()]);
    }
  },
};
