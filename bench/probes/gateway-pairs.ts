// A probe, not a benchmark: compares two genchi gateways at one connection in the same run, rounds
// alternating between sim-llm direct, a bare proxy, genchi A and genchi B, so that this machine's changes of
// speed (large on a shared VM) hit all alike. Figures from separate runs moved by more than the effects
// being looked for; pairs within one run are what to trust.
//
//   node --import tsx bench/probes/gateway-pairs.ts [--rounds 6] [--seconds 2]
//        [--a-config A.yaml] [--b-config B.yaml] [--b-node-flags "--single-threaded-gc"]
//
// The config files are appended to a `providers: sim` config (so they hold `storage:`, `gateway:`, `tasks:`).
// Besides latency it prints, for each genchi, the most spans left unwritten at the end of a round, its log
// counters and its peak RSS: a change that seems to cut the tail by writing fewer spans during the load (a
// throttled log) shows there as a deep backlog and a higher RSS.
// Needs `npm run build` first.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closedLoop } from '../gateway/load-runs.js';
import { buildPost } from '../gateway/raw-http-client.js';
import { genchiMain, simLlmMain, startChildServer, type ChildServer } from '../lib/child-server.js';
import { benchApiKey, peakRssMegabytes } from '../lib/genchi-process.js';
import { summarize } from '../support.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '2' },
    'a-config': { type: 'string' },
    'b-config': { type: 'string' },
    'b-node-flags': { type: 'string', default: '' },
  },
});
const chatBody = JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 16 });
const folder = mkdtempSync(join(tmpdir(), 'genchi-gateway-pairs-'));

const sim = await startChildServer([simLlmMain, '--port', '0']);
const bare = await startChildServer(['--import', 'tsx', fileURLToPath(new URL('../gateway/bare-proxy.ts', import.meta.url)), String(sim.port)]);

async function startGateway(name: string, extraConfig: string | undefined, nodeFlags: string): Promise<ChildServer> {
  const config = join(folder, `${name}.yaml`);
  writeFileSync(config, `providers:\n  sim:\n    baseUrl: ${sim.url}\n${extraConfig === undefined ? '' : readFileSync(extraConfig, 'utf8')}`);
  const flags = nodeFlags.split(' ').filter(Boolean);
  const args = [...flags, genchiMain, 'serve', '--port', '0', '--data', join(folder, name), '--log-level', 'warn', '--config', config];
  return startChildServer(args, { GENCHI_INIT_PROJECT: 'probe', GENCHI_INIT_API_KEY: benchApiKey });
}

const genchiA = await startGateway('a', values['a-config'], '');
const genchiB = await startGateway('b', values['b-config'], values['b-node-flags'] ?? '');
const targets = [
  { name: 'direct', server: sim },
  { name: 'bare', server: bare },
  { name: 'genchi A', server: genchiA },
  { name: 'genchi B', server: genchiB },
];
async function logOf(server: ChildServer): Promise<{ log: Record<string, unknown> }> {
  return (await (await fetch(`${server.url}/v1/gateway/stats`, { headers: { authorization: `Bearer ${benchApiKey}` } })).json()) as { log: Record<string, unknown> };
}
const request = (port: number) => buildPost('/v1/chat/completions', chatBody, { authorization: `Bearer ${benchApiKey}`, 'x-genchi-task': 'probe' }, port);
try {
  for (const { server } of targets) await closedLoop(server.port, request(server.port), 8, 1);
  const latencies = new Map(targets.map(({ name }) => [name, [] as number[]]));
  /** The most spans a genchi held unwritten (buffered or in flight) at the end of one of its rounds. */
  const deepest = new Map<string, number>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const { name, server } of targets) {
      latencies.get(name)?.push(...(await closedLoop(server.port, request(server.port), 1, Number(values.seconds))).latenciesMs);
      if (!name.startsWith('genchi')) continue;
      const { log } = await logOf(server);
      deepest.set(name, Math.max(deepest.get(name) ?? 0, Number(log.buffered) + Number(log.inFlight)));
    }
  }
  const direct = summarize(latencies.get('direct') ?? []);
  for (const { name, server } of targets) {
    const samples = latencies.get(name) ?? [];
    const { p50, p99 } = summarize(samples);
    const slow = samples.filter((value) => value > 2).length;
    const added = name === 'direct' ? '' : `  added p50 ${(p50 - direct.p50).toFixed(3)}  added p99 ${(p99 - direct.p99).toFixed(3)}`;
    process.stdout.write(`${name.padEnd(9)} calls ${String(samples.length).padStart(6)}  p50 ${p50.toFixed(3)}  p99 ${p99.toFixed(3)} ms  over 2 ms ${slow}${added}\n`);
  }
  for (const { name, server } of targets.slice(2)) {
    const { log } = await logOf(server);
    process.stdout.write(`${name} unwritten at a round's end, at most ${deepest.get(name) ?? 0} spans; log ${JSON.stringify(log)}; peak RSS ${Math.round(peakRssMegabytes(server.pid))} MB\n`);
  }
} finally {
  for (const { server } of targets) await server.stop();
  rmSync(folder, { recursive: true, force: true });
}
