import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** A server in its own process. */
export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built entry of sim-llm (the simulated OpenAI-compatible server). */
export const simLlmMain = fileURLToPath(new URL('../../packages/testkit/dist/sim-llm/main.js', import.meta.url));

/** The built genchi command line. */
export const genchiMain = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));


/**
 * Where a child runs: `cpus` (a taskset list such as "1" or "1-3") keeps it on those CPUs; `nice`
 * (1–19) lowers its CPU priority, so that a busier neighbour on the same CPU goes first.
 */
export interface ChildPlacement {
  cpus?: string;
  nice?: number;
}

/**
 * Starts `node <args>` with `env` added (placed as `placement` says), and waits (at most 30 s) for
 * its "listening on http://…" line.
 */
export async function startChildServer(args: string[], env: Record<string, string> = {}, placement: ChildPlacement = {}): Promise<ChildServer> {
  const prefix = [...(placement.cpus === undefined ? [] : ['taskset', '-c', placement.cpus]), ...(placement.nice === undefined ? [] : ['nice', '-n', String(placement.nice)])];
  const [command = process.execPath, ...commandArgs] = [...prefix, process.execPath, ...args];
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start within 30 s: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}): ${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? 0,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/**
 * A placement on every CPU but the first, for the servers a measured process calls, so that their
 * work cannot take the core the measured process runs on. Undefined with one CPU or no `taskset`.
 */
export function serverCpusApart(): ChildPlacement | undefined {
  const count = availableParallelism();
  if (count < 2 || spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status !== 0) return undefined;
  return { cpus: count === 2 ? '1' : `1-${count - 1}` };
}
