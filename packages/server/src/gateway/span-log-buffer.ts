import type { SpanInput } from '@genchi/spec';
import { StorageBusyError } from '../storage/storage.js';

/** Where buffered spans go (the server's span ingest). */
export interface SpanSink {
  write(projectId: string, spans: readonly SpanInput[]): Promise<unknown>;
}

/** Bounds and pacing of the buffer. */
export interface SpanLogBufferOptions {
  maxRecords: number;
  batchSize: number;
  flushIntervalMs: number;
  maxWritesInFlight: number;
  maxAttempts: number;
}

/** Counters of the buffer since it started. */
export interface SpanLogCounters {
  accepted: number;
  written: number;
  droppedBufferFull: number;
  droppedWriteFailed: number;
  droppedBuildFailed: number;
  writeRetries: number;
  lastError: string | null;
}

interface Batch {
  projectId: string;
  spans: SpanInput[];
  attempt: number;
}

const maxBackoffMs = 5_000;

/**
 * A bounded buffer between finished calls and the store. Spans are written in batches, a few at a
 * time; a refused batch is retried with backoff, a batch refused too often is dropped and counted,
 * and while the store is slow, full or down the buffer fills and further spans are dropped and
 * counted. Nothing here ever waits on the store for a caller.
 */
export class SpanLogBuffer {
  readonly counters: SpanLogCounters = { accepted: 0, written: 0, droppedBufferFull: 0, droppedWriteFailed: 0, droppedBuildFailed: 0, writeRetries: 0, lastError: null };
  private readonly pending = new Map<string, SpanInput[]>();
  private readonly retrying: Batch[] = [];
  private bufferedCount = 0;
  private inFlightCount = 0;
  private writesInFlight = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushQueued = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly sink: () => SpanSink, private readonly options: SpanLogBufferOptions) {}

  /** Spans waiting to be written. */
  get buffered(): number {
    return this.bufferedCount;
  }

  /** Spans in batches the store has not answered yet. */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Takes a span for writing, or drops and counts it when the buffer is full; never blocks. */
  push(projectId: string, span: SpanInput): boolean {
    if (this.bufferedCount + this.inFlightCount >= this.options.maxRecords) {
      this.counters.droppedBufferFull += 1;
      return false;
    }
    this.counters.accepted += 1;
    let list = this.pending.get(projectId);
    if (list === undefined) this.pending.set(projectId, (list = []));
    list.push(span);
    this.bufferedCount += 1;
    if (this.bufferedCount >= this.options.batchSize) this.flushSoon();
    else this.timer ??= setTimeout(() => this.flush(), this.options.flushIntervalMs).unref();
    return true;
  }

  /** Resolves once nothing is buffered or in flight (or after `timeoutMs`). */
  idle(timeoutMs = 5_000): Promise<void> {
    if (this.bufferedCount === 0 && this.inFlightCount === 0) return Promise.resolve();
    this.retryAt = 0;
    this.flush();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs).unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const wait = this.retryAt - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => this.flush(), wait).unref();
      return;
    }
    // One batch per turn of the event loop: preparing a batch (deriving and serializing its spans) runs
    // on the request thread, so calls in between never wait behind more than one small batch. The
    // store's writer commits the batches that queue up meanwhile in one transaction.
    if (this.writesInFlight >= this.options.maxWritesInFlight) return;
    const batch = this.retrying.shift() ?? this.nextBatch();
    if (batch === undefined) return;
    this.bufferedCount -= batch.spans.length;
    this.write(batch);
    if (this.bufferedCount > 0 || this.retrying.length > 0) this.flushSoon();
  }

  private nextBatch(): Batch | undefined {
    for (const [projectId, list] of this.pending) {
      const spans = list.length <= this.options.batchSize ? list : list.splice(0, this.options.batchSize);
      if (spans === list) this.pending.delete(projectId);
      if (spans.length > 0) return { projectId, spans, attempt: 1 };
    }
    return undefined;
  }

  private write(batch: Batch): void {
    const count = batch.spans.length;
    this.writesInFlight += 1;
    this.inFlightCount += count;
    let written: Promise<unknown>;
    try {
      written = this.sink().write(batch.projectId, batch.spans);
    } catch (error) {
      written = Promise.reject(error);
    }
    written.then(
      () => this.settle(batch, null),
      (error: unknown) => this.settle(batch, error),
    );
  }

  private settle(batch: Batch, error: unknown): void {
    const count = batch.spans.length;
    this.writesInFlight -= 1;
    this.inFlightCount -= count;
    if (error === null) this.counters.written += count;
    else this.refused(batch, error);
    if (this.bufferedCount >= this.options.batchSize || (this.bufferedCount > 0 && this.idleWaiters.length > 0)) this.flushSoon();
    else if (this.bufferedCount > 0) this.timer ??= setTimeout(() => this.flush(), this.options.flushIntervalMs).unref();
    else if (this.inFlightCount === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private refused(batch: Batch, error: unknown): void {
    this.counters.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (batch.attempt >= this.options.maxAttempts) {
      this.counters.droppedWriteFailed += batch.spans.length;
      return;
    }
    this.counters.writeRetries += 1;
    const hinted = error instanceof StorageBusyError ? error.retryAfterSeconds * 1000 : 0;
    this.retryAt = Date.now() + Math.min(maxBackoffMs, Math.max(hinted, 50 * 2 ** batch.attempt));
    this.retrying.push({ ...batch, attempt: batch.attempt + 1 });
    this.bufferedCount += batch.spans.length;
  }
}
