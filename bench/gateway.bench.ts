import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, Figure } from './bench-result.js';
import { closedLoop, openLoop, type LoadResult } from './gateway/load-runs.js';
import { buildPost } from './gateway/raw-http-client.js';
import { simLlmMain, startChildServer } from './lib/child-server.js';
import { peakRssMegabytes, processCpuSeconds, startBenchGenchi, type BenchGenchi } from './lib/genchi-process.js';
import { goal, summarize } from './support.js';

/** The bare Node proxy of this benchmark. */
const bareProxyMain = fileURLToPath(new URL('./gateway/bare-proxy.ts', import.meta.url));

const chatBody = JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 16 });
const oneConnection = { rounds: 6, seconds: 2 };
const fiftyConnections = { rounds: 2, seconds: 4 };
const openLoopRate = 1_000;
const openLoopSeconds = 10;

interface Target {
  port: number;
  pid: number;
  request: (task: string) => Buffer;
}

interface Measured {
  result: LoadResult;
  cpuSeconds: number;
}

/** Runs a load against each target in turn, `rounds` times, so that a noisy neighbour hits all alike. */
async function interleaved(targets: Target[], rounds: number, run: (target: Target) => Promise<LoadResult>): Promise<Measured[]> {
  const totals: Measured[] = targets.map(() => ({ result: { latenciesMs: [], failures: 0, seconds: 0 }, cpuSeconds: 0 }));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, target] of targets.entries()) {
      const cpuBefore = processCpuSeconds(target.pid);
      const result = await run(target);
      const total = totals[index] as Measured;
      total.cpuSeconds += processCpuSeconds(target.pid) - cpuBefore;
      total.result.latenciesMs.push(...result.latenciesMs);
      total.result.failures += result.failures;
      total.result.seconds += result.seconds;
    }
  }
  return totals;
}

async function getJson(genchi: BenchGenchi, path: string): Promise<unknown> {
  return (await fetch(`${genchi.url}${path}`, { headers: { authorization: `Bearer ${genchi.apiKey}` } })).json();
}

/** Spans stored for a task since a time, summed over the metrics buckets. */
async function storedSpans(genchi: BenchGenchi, task: string, since: number): Promise<number> {
  const metrics = (await getJson(genchi, `/v1/metrics?bucket=day&task=${task}&from=${since - 60_000}&to=${Date.now() + 60_000}`)) as { data: Array<{ count: number }> };
  return metrics.data.reduce((sum, row) => sum + row.count, 0);
}

function rssMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}

const ms = (value: number) => Math.round(value * 1000) / 1000;
const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' / ');
const rate = (run: Measured) => run.result.latenciesMs.length / run.result.seconds;
const cpuPerRequest = (run: Measured) => (run.cpuSeconds * 1000) / Math.max(1, run.result.latenciesMs.length);

export const bench: Bench = {
  name: 'gateway',
  summary: 'the OpenAI-compatible gateway (logging on) against sim-llm called directly and a bare Node proxy, in the same run',
  async run() {
    const sim = await startChildServer([simLlmMain, '--port', '0']);
    const bare = await startChildServer(['--import', 'tsx', bareProxyMain, String(sim.port)]);
    const folder = mkdtempSync(join(tmpdir(), 'genchi-gateway-bench-'));
    const configFile = join(folder, 'genchi.config.yaml');
    writeFileSync(configFile, `providers:\n  sim:\n    baseUrl: ${sim.url}\n`);
    const genchi = await startBenchGenchi(['--config', configFile]);
    try {
      const genchiPort = Number(new URL(genchi.url).port);
      const target = (port: number, pid: number): Target => ({
        port,
        pid,
        request: (task) => buildPost('/v1/chat/completions', chatBody, { authorization: `Bearer ${genchi.apiKey}`, 'x-genchi-task': task }, port),
      });
      const all = [target(sim.port, sim.pid), target(bare.port, bare.pid), target(genchiPort, genchi.pid)];
      const idleRss = rssMegabytes(genchi.pid);
      const loadBefore = load();

      await interleaved(all, 1, (each) => closedLoop(each.port, each.request('bench-warmup'), 8, 2));
      const [directOne, bareOne, gatewayOne] = await interleaved(all, oneConnection.rounds, (each) => closedLoop(each.port, each.request('bench-one'), 1, oneConnection.seconds));
      const [directFifty, bareFifty, gatewayFifty] = await interleaved(all, fiftyConnections.rounds, (each) => closedLoop(each.port, each.request('bench-fifty'), 50, fiftyConnections.seconds));
      const openStart = Date.now();
      const [directOpen, bareOpen, gatewayOpen] = await interleaved(all, 1, (each) => openLoop(each.port, each.request('bench-open-loop'), openLoopRate, openLoopSeconds));
      if (!directOne || !bareOne || !gatewayOne || !directFifty || !bareFifty || !gatewayFifty || !directOpen || !bareOpen || !gatewayOpen) throw new Error('a run is missing');

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Peak memory of the load itself, before the check below reads every span back.
      const rss = peakRssMegabytes(genchi.pid);
      const openSent = gatewayOpen.result.latenciesMs.length;
      const openStored = await storedSpans(genchi, 'bench-open-loop', openStart);
      const stats = (await getJson(genchi, '/v1/gateway/stats')) as { log: Record<string, number> };

      const one = { direct: summarize(directOne.result.latenciesMs), bare: summarize(bareOne.result.latenciesMs), gateway: summarize(gatewayOne.result.latenciesMs) };
      const open = { direct: summarize(directOpen.result.latenciesMs), bare: summarize(bareOpen.result.latenciesMs), gateway: summarize(gatewayOpen.result.latenciesMs) };
      const added = { p50: one.gateway.p50 - one.direct.p50, p99: one.gateway.p99 - one.direct.p99, bareP50: one.bare.p50 - one.direct.p50, bareP99: one.bare.p99 - one.direct.p99 };
      const figures: Figure[] = [
        { label: 'added latency p50, 1 connection', value: ms(added.p50), unit: 'ms', baseline: { label: 'bare Node proxy, added p50, ms', value: ms(added.bareP50) }, goal: goal(added.p50, 0.3, 'at-most', '≤ 0.3 ms') },
        { label: 'added latency p99, 1 connection', value: ms(added.p99), unit: 'ms', baseline: { label: 'bare Node proxy, added p99, ms', value: ms(added.bareP99) }, goal: goal(added.p99, 1.5, 'at-most', '≤ 1.5 ms') },
        { label: 'p50 through genchi, 1 connection', value: ms(one.gateway.p50), unit: 'ms', baseline: { label: 'sim-llm direct p50, ms', value: ms(one.direct.p50) } },
        { label: `p99 open loop at ${openLoopRate} req/s`, value: ms(open.gateway.p99), unit: 'ms', baseline: { label: 'sim-llm direct, same schedule, ms', value: ms(open.direct.p99) } },
        { label: 'max throughput, 50 connections', value: Math.round(rate(gatewayFifty)), unit: 'req/s', baseline: { label: 'sim-llm direct, req/s', value: Math.round(rate(directFifty)) }, goal: goal(rate(gatewayFifty), 3_000, 'at-least', '≥ 3,000 req/s') },
        { label: 'CPU per request of the genchi process, 50 connections', value: ms(cpuPerRequest(gatewayFifty)), unit: 'ms', baseline: { label: 'bare Node proxy process, ms', value: ms(cpuPerRequest(bareFifty)) }, goal: goal(cpuPerRequest(gatewayFifty), 0.35, 'at-most', '≤ 0.35 ms') },
        { label: `CPU per request of the genchi process, ${openLoopRate} req/s`, value: ms(cpuPerRequest(gatewayOpen)), unit: 'ms', baseline: { label: 'bare Node proxy process, ms', value: ms(cpuPerRequest(bareOpen)) }, goal: goal(cpuPerRequest(gatewayOpen), 0.35, 'at-most', '≤ 0.35 ms') },
        { label: 'peak RSS of the genchi process', value: Math.round(rss), unit: 'MB', baseline: { label: 'genchi RSS at start, before any call, MB', value: Math.round(idleRss) }, goal: goal(rss, 150, 'at-most', '≤ 150 MB') },
        { label: `log records lost at ${openLoopRate} req/s`, value: openSent - openStored, unit: 'spans', baseline: { label: 'requests sent', value: openSent }, goal: goal(openSent - openStored, 0, 'at-most', '0 lost') },
      ];
      const failures = [directOne, bareOne, gatewayOne, directFifty, bareFifty, gatewayFifty, directOpen, bareOpen, gatewayOpen].reduce((sum, run) => sum + run.result.failures, 0);
      const triple = (values: [number, number, number]) => values.map((value) => ms(value)).join(' / ');
      return {
        name: 'gateway',
        figures,
        notes: [
          `sim-llm (simulated, zero latency), a bare Node proxy (node:http + undici, nothing else), genchi (\`genchi serve\`, default config, embedded store, every call logged as a span) and this load generator (raw keep-alive HTTP/1.1, hrtime) are separate processes on 127.0.0.1 sharing the machine's ${cpus().length} cores; ${chatBody.length}-byte chat body, non-streaming; figures below are direct / bare proxy / genchi`,
          `1 connection (${oneConnection.rounds} alternating rounds of ${oneConnection.seconds} s): p50 ${triple([one.direct.p50, one.bare.p50, one.gateway.p50])} ms, p99 ${triple([one.direct.p99, one.bare.p99, one.gateway.p99])} ms`,
          `50 connections (${fiftyConnections.rounds} alternating rounds of ${fiftyConnections.seconds} s): ${triple([rate(directFifty), rate(bareFifty), rate(gatewayFifty)])} req/s; CPU per request ${triple([cpuPerRequest(directFifty), cpuPerRequest(bareFifty), cpuPerRequest(gatewayFifty)])} ms`,
          `open loop (${openLoopRate} req/s for ${openLoopSeconds} s each, latency from each request's due time, so no coordinated omission): p50 ${triple([open.direct.p50, open.bare.p50, open.gateway.p50])} ms, p99 ${triple([open.direct.p99, open.bare.p99, open.gateway.p99])} ms; CPU per request ${triple([cpuPerRequest(directOpen), cpuPerRequest(bareOpen), cpuPerRequest(gatewayOpen)])} ms`,
          `spans: ${openStored} stored for ${openSent} genchi requests of the open-loop run; log counters over the whole run ${JSON.stringify(stats.log)}`,
          `peak RSS: genchi ${Math.round(rss)} MB during the load (${Math.round(idleRss)} MB at start, ${Math.round(peakRssMegabytes(genchi.pid))} MB after the span count read the store back), bare proxy ${Math.round(peakRssMegabytes(bare.pid))} MB, sim-llm ${Math.round(peakRssMegabytes(sim.pid))} MB; load average (1/5/15 min) before ${loadBefore}, after ${load()}`,
          `non-200 answers in all runs: ${failures}; reference (issue 4, measured elsewhere): Portkey's gateway +1.2–1.8 ms p50, +6.8–9.3 ms p99, 510–715 req/s, 1.6–2.2 CPU ms/request`,
        ],
      };
    } finally {
      await genchi.stop();
      await bare.stop();
      await sim.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
