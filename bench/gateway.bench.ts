import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, Figure } from './bench-result.js';
import { closedLoop, openLoop, type LoadResult } from './gateway/load-runs.js';
import { buildPost } from './gateway/raw-http-client.js';
import { startSimLlmProcess } from './gateway/sim-llm-process.js';
import { peakRssMegabytes, processCpuSeconds, startBenchGenchi, type BenchGenchi } from './lib/genchi-process.js';
import { goal, summarize } from './support.js';

const chatBody = JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 16 });
const oneConnectionRounds = 6;
const oneConnectionSeconds = 2;
const fiftyConnectionRounds = 2;
const fiftyConnectionSeconds = 4;
const openLoopRate = 1_000;
const openLoopSeconds = 10;

interface Target {
  label: string;
  port: number;
  pid: number;
  request: (task: string) => Buffer;
}

/** Runs a load against each target in turn, `rounds` times, so that a noisy neighbour hits both alike; returns results and CPU seconds per target. */
async function interleaved(targets: Target[], rounds: number, run: (target: Target) => Promise<LoadResult>): Promise<Array<{ result: LoadResult; cpuSeconds: number }>> {
  const totals = targets.map(() => ({ result: { latenciesMs: [] as number[], failures: 0, seconds: 0 }, cpuSeconds: 0 }));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, target] of targets.entries()) {
      const cpuBefore = processCpuSeconds(target.pid);
      const result = await run(target);
      const total = totals[index] as (typeof totals)[number];
      total.cpuSeconds += processCpuSeconds(target.pid) - cpuBefore;
      total.result.latenciesMs.push(...result.latenciesMs);
      total.result.failures += result.failures;
      total.result.seconds += result.seconds;
    }
  }
  return totals;
}

async function getJson(genchi: BenchGenchi, path: string): Promise<unknown> {
  const response = await fetch(`${genchi.url}${path}`, { headers: { authorization: `Bearer ${genchi.apiKey}` } });
  return response.json();
}

/** Spans stored for a task since a time, summed over the metrics buckets. */
async function storedSpans(genchi: BenchGenchi, task: string, since: number): Promise<number> {
  const metrics = (await getJson(genchi, `/v1/metrics?bucket=day&task=${task}&from=${since - 60_000}&to=${Date.now() + 60_000}`)) as { data: Array<{ count: number }> };
  return metrics.data.reduce((sum, row) => sum + row.count, 0);
}

const ms = (value: number) => Math.round(value * 1000) / 1000;

/** Resident memory of a process now, in MB. */
function rssMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' / ');

export const bench: Bench = {
  name: 'gateway',
  summary: 'the OpenAI-compatible gateway (logging on) against sim-llm called directly, in the same run',
  async run() {
    const sim = await startSimLlmProcess();
    const folder = mkdtempSync(join(tmpdir(), 'genchi-gateway-bench-'));
    const configFile = join(folder, 'genchi.config.yaml');
    writeFileSync(configFile, `providers:\n  sim:\n    baseUrl: ${sim.url}\n`);
    const genchi = await startBenchGenchi(['--config', configFile]);
    try {
      const genchiPort = Number(new URL(genchi.url).port);
      const headers = (task: string) => ({ authorization: `Bearer ${genchi.apiKey}`, 'x-genchi-task': task });
      const direct: Target = { label: 'sim-llm direct', port: sim.port, pid: sim.pid, request: (task) => buildPost('/v1/chat/completions', chatBody, headers(task), sim.port) };
      const gateway: Target = { label: 'through genchi', port: genchiPort, pid: genchi.pid, request: (task) => buildPost('/v1/chat/completions', chatBody, headers(task), genchiPort) };
      const both = [direct, gateway];
      const idleRss = rssMegabytes(genchi.pid);
      const loadBefore = load();

      await interleaved(both, 1, (target) => closedLoop(target.port, target.request('bench-warmup'), 8, 2));
      const [directOne, gatewayOne] = await interleaved(both, oneConnectionRounds, (target) => closedLoop(target.port, target.request('bench-one'), 1, oneConnectionSeconds));
      const [directFifty, gatewayFifty] = await interleaved(both, fiftyConnectionRounds, (target) => closedLoop(target.port, target.request('bench-fifty'), 50, fiftyConnectionSeconds));
      const openStart = Date.now();
      const [directOpen, gatewayOpen] = await interleaved(both, 1, (target) => openLoop(target.port, target.request('bench-open-loop'), openLoopRate, openLoopSeconds));
      if (!directOne || !gatewayOne || !directFifty || !gatewayFifty || !directOpen || !gatewayOpen) throw new Error('a run is missing');

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const openSent = gatewayOpen.result.latenciesMs.length;
      const openStored = await storedSpans(genchi, 'bench-open-loop', openStart);
      const stats = (await getJson(genchi, '/v1/gateway/stats')) as { log: Record<string, number> };
      const rss = peakRssMegabytes(genchi.pid);
      const simRss = peakRssMegabytes(sim.pid);

      const one = { direct: summarize(directOne.result.latenciesMs), gateway: summarize(gatewayOne.result.latenciesMs) };
      const open = { direct: summarize(directOpen.result.latenciesMs), gateway: summarize(gatewayOpen.result.latenciesMs) };
      const rate = (run: { result: LoadResult }) => run.result.latenciesMs.length / run.result.seconds;
      const cpuPerRequest = (run: { result: LoadResult; cpuSeconds: number }) => (run.cpuSeconds * 1000) / Math.max(1, run.result.latenciesMs.length);
      const addedP50 = one.gateway.p50 - one.direct.p50;
      const addedP99 = one.gateway.p99 - one.direct.p99;
      const figures: Figure[] = [
        { label: 'added latency p50, 1 connection', value: ms(addedP50), unit: 'ms', baseline: { label: 'sim-llm direct p50, ms', value: ms(one.direct.p50) }, goal: goal(addedP50, 0.3, 'at-most', '≤ 0.3 ms') },
        { label: 'added latency p99, 1 connection', value: ms(addedP99), unit: 'ms', baseline: { label: 'sim-llm direct p99, ms', value: ms(one.direct.p99) }, goal: goal(addedP99, 1.5, 'at-most', '≤ 1.5 ms') },
        { label: 'p50 through genchi, 1 connection', value: ms(one.gateway.p50), unit: 'ms', baseline: { label: 'sim-llm direct p50, ms', value: ms(one.direct.p50) } },
        { label: `p99 open loop at ${openLoopRate} req/s`, value: ms(open.gateway.p99), unit: 'ms', baseline: { label: 'sim-llm direct, same schedule, ms', value: ms(open.direct.p99) } },
        { label: `p50 open loop at ${openLoopRate} req/s`, value: ms(open.gateway.p50), unit: 'ms', baseline: { label: 'sim-llm direct, same schedule, ms', value: ms(open.direct.p50) } },
        { label: 'max throughput, 50 connections', value: Math.round(rate(gatewayFifty)), unit: 'req/s', baseline: { label: 'sim-llm direct, req/s', value: Math.round(rate(directFifty)) }, goal: goal(rate(gatewayFifty), 3_000, 'at-least', '≥ 3,000 req/s') },
        { label: 'CPU per request of the genchi process, 50 connections', value: ms(cpuPerRequest(gatewayFifty)), unit: 'ms', baseline: { label: 'sim-llm process CPU per request, ms', value: ms(cpuPerRequest(directFifty)) }, goal: goal(cpuPerRequest(gatewayFifty), 0.35, 'at-most', '≤ 0.35 ms') },
        { label: `CPU per request of the genchi process, ${openLoopRate} req/s`, value: ms(cpuPerRequest(gatewayOpen)), unit: 'ms', baseline: { label: 'sim-llm process CPU per request, ms', value: ms(cpuPerRequest(directOpen)) }, goal: goal(cpuPerRequest(gatewayOpen), 0.35, 'at-most', '≤ 0.35 ms') },
        { label: 'peak RSS of the genchi process', value: Math.round(rss), unit: 'MB', baseline: { label: 'genchi RSS at start, before any call, MB', value: Math.round(idleRss) }, goal: goal(rss, 150, 'at-most', '≤ 150 MB') },
        { label: `log records lost at ${openLoopRate} req/s`, value: openSent - openStored, unit: 'spans', baseline: { label: 'requests sent', value: openSent }, goal: goal(openSent - openStored, 0, 'at-most', '0 lost') },
      ];
      const failures = [directOne, gatewayOne, directFifty, gatewayFifty, directOpen, gatewayOpen].reduce((sum, run) => sum + run.result.failures, 0);
      return {
        name: 'gateway',
        figures,
        notes: [
          `sim-llm (simulated, zero latency), genchi (\`genchi serve\`, embedded store, every call logged as a span) and this load generator (raw keep-alive HTTP/1.1, hrtime) run as three processes on 127.0.0.1 sharing the machine's cores; body: ${chatBody.length} bytes of chat, non-streaming`,
          `1 connection: ${oneConnectionRounds} rounds of ${oneConnectionSeconds} s per target, direct and gateway alternating; p50 direct ${ms(one.direct.p50)} ms / gateway ${ms(one.gateway.p50)} ms, p99 direct ${ms(one.direct.p99)} / gateway ${ms(one.gateway.p99)} ms over ${directOne.result.latenciesMs.length} and ${gatewayOne.result.latenciesMs.length} calls`,
          `open loop: ${openLoopRate} req/s for ${openLoopSeconds} s per target, latency counted from each request's due time (no coordinated omission); p50 direct ${ms(open.direct.p50)} / gateway ${ms(open.gateway.p50)} ms`,
          `spans: ${openStored} stored for ${openSent} gateway requests of the open-loop run; gateway log counters ${JSON.stringify(stats.log)}`,
          `peak RSS: genchi ${Math.round(rss)} MB (${Math.round(idleRss)} MB at start, before any call), sim-llm ${Math.round(simRss)} MB; load average (1/5/15 min) before ${loadBefore}, after ${load()} on ${cpus().length} cores`,
          `non-200 answers in all runs: ${failures}; reference (issue 4, measured elsewhere): Portkey's gateway +1.2–1.8 ms p50, +6.8–9.3 ms p99, 510–715 req/s, 1.6–2.2 CPU ms/request`,
        ],
      };
    } finally {
      await genchi.stop();
      await sim.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
