import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built genchi command line. */
const main = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));

/** A genchi server in its own process, on a throw-away store, with an admin key. */
export interface BenchGenchi {
  url: string;
  apiKey: string;
  pid: number;
  dataDirectory: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `genchi serve` in a child process and waits until it listens. */
export async function startBenchGenchi(extraArgs: string[] = []): Promise<BenchGenchi> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'genchi-bench-'));
  const apiKey = 'gk_bench_admin_key_0123456789abcdef';
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--data', dataDirectory, '--log-level', 'warn', ...extraArgs], {
    env: { ...process.env, GENCHI_INIT_PROJECT: 'bench', GENCHI_INIT_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`genchi exited (${code}): ${output}`)));
  });
  return {
    url,
    apiKey,
    pid: child.pid ?? 0,
    dataDirectory,
    child,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dataDirectory, { recursive: true, force: true });
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
