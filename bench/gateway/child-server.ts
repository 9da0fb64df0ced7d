import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A server in its own process. */
export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built sim-llm (simulated OpenAI-compatible server) entry. */
export const simLlmMain = fileURLToPath(new URL('../../packages/testkit/dist/sim-llm/main.js', import.meta.url));

/** The bare Node proxy of this benchmark. */
export const bareProxyMain = fileURLToPath(new URL('./bare-proxy.ts', import.meta.url));

/** Starts `node <args>` and waits for its "listening on http://…" line. */
export async function startChildServer(args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? 0,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
