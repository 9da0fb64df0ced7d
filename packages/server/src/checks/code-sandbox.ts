import { Worker } from 'node:worker_threads';
import type { CodeSandbox } from '@genchi/core';
import type { SandboxReply, SandboxRequest } from './sandbox-worker.js';

/** Starts the sandbox thread from the compiled file, or from the TypeScript source (through tsx) under the test runner. */
function startSandboxThread(memoryMiB: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMiB, maxYoungGenerationSizeMb: Math.max(4, Math.floor(memoryMiB / 8)) };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sandbox-worker.js', import.meta.url), { resourceLimits, env: {}, stdout: true, stderr: true });
  const source = new URL('./sandbox-worker.ts', import.meta.url).href;
  const bootstrap = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits, env: {}, stdout: true, stderr: true, execArgv: ['--conditions', '@genchi/source'] });
}

interface Waiting {
  request: SandboxRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Grace beyond a run's time limit before the thread is ended (the vm timeout covers only synchronous code). */
const graceMs = 250;

/**
 * Runs custom assertion code in a worker thread, in a fresh `node:vm` context per run with no
 * `require`, `process` or string code generation, one run at a time. A run that outlives its time
 * limit (a loop after an `await`, say) ends the thread; the next run starts a new one, so one
 * runaway assertion never stops the others.
 */
export class WorkerCodeSandbox implements CodeSandbox {
  private worker: Worker | null = null;
  private ready = false;
  private readonly queue: Waiting[] = [];
  private current: Waiting | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: { maxTimeoutMs: number; memoryMiB: number }) {}

  run(code: { source: string; form: 'expression' | 'module' }, subject: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the sandbox is closed'));
    const limit = Math.max(1, Math.min(timeoutMs, this.options.maxTimeoutMs));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, source: code.source, form: code.form, subjectJson: JSON.stringify(subject), timeoutMs: limit }, resolve, reject });
      this.pump();
    });
  }

  /** Ends the thread; runs still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('the sandbox is closed'));
    this.current?.reject(new Error('the sandbox is closed'));
    this.current = null;
    await this.stopWorker();
  }

  private pump(): void {
    if (this.current !== null || this.queue.length === 0) return;
    const worker = this.ensureWorker();
    if (!this.ready) return;
    const waiting = this.queue.shift() as Waiting;
    this.current = waiting;
    this.timer = setTimeout(() => this.timeOut(waiting), waiting.request.timeoutMs + graceMs);
    worker.postMessage(waiting.request);
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = startSandboxThread(this.options.memoryMiB);
    worker.unref();
    worker.on('message', (reply: SandboxReply | { ready: true }) => {
      if ('ready' in reply) {
        this.ready = true;
        this.pump();
      } else this.settle(reply);
    });
    worker.on('error', (error) => this.fail(worker, `the code crashed its sandbox: ${error.message}`));
    worker.on('exit', () => this.fail(worker, 'the sandbox stopped (out of memory?)'));
    this.worker = worker;
    return worker;
  }

  private settle(reply: SandboxReply): void {
    const waiting = this.current;
    if (waiting === null || waiting.request.id !== reply.id) return;
    this.finish();
    if (!reply.ok) waiting.reject(new Error(reply.error));
    else {
      try {
        waiting.resolve(reply.json === undefined ? undefined : JSON.parse(reply.json));
      } catch (error) {
        waiting.reject(error as Error);
      }
    }
    this.pump();
  }

  private timeOut(waiting: Waiting): void {
    if (this.current !== waiting) return;
    this.finish();
    waiting.reject(new Error(`timed out after ${waiting.request.timeoutMs} ms`));
    void this.stopWorker().then(() => this.pump());
  }

  private fail(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = false;
    const waiting = this.current;
    this.finish();
    waiting?.reject(new Error(message));
    if (!this.closed) this.pump();
  }

  private finish(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (worker !== null) await worker.terminate();
  }
}
