import { Worker } from 'node:worker_threads';
import { StorageBusyError, type WriteOptions, type WriteOutcome } from '../storage.js';
import type { WriteKind, WriteReply } from './store-writer.js';
import type { WriterEvent, WriterMessage, WriterThreadData } from './writer-worker.js';

interface Waiting {
  resolve: (outcomes: WriteOutcome[]) => void;
  reject: (error: Error) => void;
  bytes: number;
}

/** Starts the writer thread from the compiled file, or from the TypeScript source (through tsx) under the test runner. */
function startWriterThread(data: WriterThreadData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./writer-worker.js', import.meta.url), { workerData: data });
  const source = new URL('./writer-worker.ts', import.meta.url).href;
  const bootstrap = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: data, execArgv: ['--conditions', '@genchi/source'] });
}

/**
 * The request thread's side of the single writer: sends writes to the writer thread, resolves each
 * once its transaction committed, and refuses new writes (StorageBusyError) while more than
 * `maxQueueBytes` wait, so that memory stays bounded when clients send faster than the disk writes.
 */
export class WriterClient {
  private worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private queuedBytes = 0;
  private closing: Promise<void> | null = null;
  private recentCrashes: number[] = [];
  private broken: Error | null = null;

  constructor(private readonly data: WriterThreadData, private readonly maxQueueBytes: number) {
    this.worker = this.start();
  }

  /** Bytes of writes sent and not yet committed. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Sends one write; resolves with each record's outcome once durable (`options.background`: see WriteOptions). */
  write(kind: WriteKind, project: number, payload: unknown, count: number, bytes: number, options: WriteOptions = {}): Promise<WriteOutcome[]> {
    if (this.closing) return Promise.reject(new StorageBusyError('the store is shutting down'));
    if (this.broken) return Promise.reject(this.broken);
    if (this.queuedBytes > 0 && this.queuedBytes + bytes > this.maxQueueBytes) {
      return Promise.reject(new StorageBusyError('the write queue is full; retry shortly'));
    }
    const id = this.nextId++;
    this.queuedBytes += bytes;
    // Held while writes are pending, so a process never exits with acknowledged-to-be writes in flight.
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<WriteOutcome[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, bytes });
      this.worker.postMessage({ type: 'write', request: { id, kind, project, payload, count, background: options.background ?? false } } satisfies WriterMessage);
    });
  }

  /** Writes what is pending, then stops the writer thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      // Held again so that the process waits for the pending writes instead of exiting under them.
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies WriterMessage);
    });
    return this.closing;
  }

  private start(): Worker {
    const worker = startWriterThread(this.data);
    worker.on('message', (event: WriterEvent) => {
      if (event.type === 'replies') this.settle(event.replies);
    });
    worker.on('error', (error) => this.failAll(new StorageBusyError(`the writer failed: ${error.message}`)));
    worker.on('exit', () => this.onExit(worker));
    worker.unref();
    return worker;
  }

  private settle(replies: readonly WriteReply[]): void {
    for (const reply of replies) {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) continue;
      this.waiting.delete(reply.id);
      this.queuedBytes -= waiting.bytes;
      if ('outcomes' in reply) waiting.resolve(reply.outcomes);
      else waiting.reject(new Error(reply.error));
    }
    if (this.waiting.size === 0 && !this.closing) this.worker.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.queuedBytes = 0;
  }

  private onExit(worker: Worker): void {
    if (worker !== this.worker) return;
    this.failAll(new StorageBusyError('the writer stopped; retry'));
    if (this.closing) return;
    const now = Date.now();
    this.recentCrashes = [...this.recentCrashes.filter((time) => now - time < 60_000), now];
    if (this.recentCrashes.length <= 5) this.worker = this.start();
    else this.broken = new StorageBusyError('the writer keeps failing; see the server log', 30);
  }
}
