import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command line (tests that start real processes run after `npm run build`). */
export const genchiMain = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A `genchi serve` process and what it printed. */
export interface GenchiProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

/** Starts `genchi serve` on a free port and waits until it listens. */
export function startGenchiProcess(args: string[], env: Record<string, string> = {}): Promise<GenchiProcess> {
  const child = spawn(process.execPath, [genchiMain, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`genchi did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`genchi exited with ${code}:\n${output}`)));
  });
}

/** Runs the genchi command line to completion. */
export function runGenchi(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [genchiMain, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Stops a process and waits for it to go. */
export function stopProcess(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
