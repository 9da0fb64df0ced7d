import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genchiMain, startChildServer, type ChildPlacement, type ChildServer } from './child-server.js';

/** The admin key every benchmark's genchi starts with. */
export const benchApiKey = 'gk_bench_admin_key_0123456789abcdef';

/** A genchi server in its own process, with an admin key. */
export interface BenchGenchi extends ChildServer {
  apiKey: string;
  dataDirectory: string;
}

/**
 * Starts `genchi serve` in a child process and waits until it listens: on a throw-away store removed
 * when it stops, or on `dataDirectory` (left in place); on `placement.cpus` only, when given.
 */
export async function startBenchGenchi(extraArgs: string[] = [], dataDirectory?: string, placement: ChildPlacement = {}): Promise<BenchGenchi> {
  const directory = dataDirectory ?? mkdtempSync(join(tmpdir(), 'genchi-bench-'));
  const server = await startChildServer([genchiMain, 'serve', '--port', '0', '--data', directory, '--log-level', 'warn', ...extraArgs], {
    GENCHI_INIT_PROJECT: 'bench',
    GENCHI_INIT_API_KEY: benchApiKey,
  }, placement);
  return {
    ...server,
    apiKey: benchApiKey,
    dataDirectory: directory,
    async stop() {
      await server.stop();
      if (dataDirectory === undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) a process has used, from /proc. */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Peak resident memory of a process in MB, from /proc (VmHWM). */
export function peakRssMegabytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}
