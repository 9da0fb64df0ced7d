import type { RecordSink } from '../context/tracer.js';
import { GenchiError } from '../genchi-error.js';
import { serializeItem, type ExportItem, type MaskFunction, type SerializeProblem } from './export-item.js';
import { ExportQueue } from './export-queue.js';
import type { ExporterStats, FlushResult, ResolvedExporterOptions } from './exporter-options.js';
import type { HttpSender, SendOutcome } from './http-sender.js';
import { backoffMs, retryableStatuses, retryAfterMs } from './retry-policy.js';

/** What the exporter is built from. */
export interface ExporterParts {
  options: ResolvedExporterOptions;
  /** Null when the SDK has no API key: records are counted as dropped, nothing is sent. */
  sender: HttpSender | null;
  mask: MaskFunction | undefined;
  report: (error: GenchiError) => void;
  sdk: { name: string; version: string };
}

/**
 * Batches records to `POST /v1/ingest` off the caller's path: records are serialised (and masked) on
 * a later turn of the event loop, held in a queue bounded by count and bytes, sent by count or
 * time with one request at a time, retried with backoff on passing faults, and never thrown about.
 */
export class Exporter implements RecordSink {
  private pending: ExportItem[] = [];
  private serializeScheduled = false;
  private readonly queue: ExportQueue;
  private sending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private abort = new AbortController();
  private closed = false;
  private stopped = false;
  private holdProcess = false;
  private readonly counters: Omit<ExporterStats, 'queued' | 'queuedBytes'> = {
    sent: 0,
    batches: 0,
    retries: 0,
    dropped: { queueFull: 0, failed: 0, tooLarge: 0, shutdown: 0, disabled: 0 },
  };

  constructor(private readonly parts: ExporterParts) {
    this.queue = new ExportQueue(parts.options.maxQueueSize, parts.options.maxQueueBytes);
  }

  /** Takes a record; returns at once (nothing is serialised or sent on the caller's path). */
  enqueue(item: ExportItem): void {
    if (this.parts.sender === null) {
      this.counters.dropped.disabled++;
      return;
    }
    if (this.closed) {
      this.counters.dropped.shutdown++;
      return;
    }
    if (this.pending.length >= this.parts.options.maxQueueSize) {
      this.pending.shift();
      this.counters.dropped.queueFull++;
    }
    this.pending.push(item);
    if (!this.serializeScheduled) {
      this.serializeScheduled = true;
      setImmediate(() => this.serializePending());
    }
  }

  /** Counters and what waits now. */
  stats(): ExporterStats {
    return { ...this.counters, dropped: { ...this.counters.dropped }, queued: this.queue.length + this.pending.length, queuedBytes: this.queue.bytes };
  }

  /** Whether records wait or a request is under way. */
  hasWork(): boolean {
    return !this.stopped && (this.pending.length > 0 || this.queue.length > 0 || this.sending !== null);
  }

  /**
   * Sends everything held now; resolves when done or after `timeoutMs`, whichever comes first. Never
   * rejects. While it waits it holds the process (at most `timeoutMs`): whoever awaits a flush asked to
   * wait, and a script that ends with `await genchi.shutdown()` would otherwise end with its batch
   * unsent (Node exits with code 13 when a top-level await is left with nothing keeping the loop alive).
   */
  async flush(timeoutMs: number): Promise<FlushResult> {
    const held = this.holdProcess;
    this.holdProcess = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([this.drain(), deadline]);
    } catch (error) {
      this.parts.report(new GenchiError('export-failed', `flush failed: ${(error as Error).message}`, { cause: error }));
    } finally {
      clearTimeout(timer);
      this.holdProcess = held;
    }
    const pending = this.pending.length + this.queue.length;
    return { completed: pending === 0 && this.sending === null, pending };
  }

  /** Flushes within `timeoutMs`, then stops: later records are dropped (counted), a request still under way is abandoned. */
  async shutdown(timeoutMs: number): Promise<FlushResult> {
    this.closed = true;
    const result = await this.flush(timeoutMs);
    this.stop();
    return result;
  }

  /** The flush of a process that exits normally: holds the process (as every flush does) until sent or `exitFlushTimeoutMs`, then gives up. */
  async exitFlush(): Promise<void> {
    // A flush under way holds the process already.
    if (this.holdProcess || !this.hasWork()) return;
    const result = await this.flush(this.parts.options.exitFlushTimeoutMs);
    if (!result.completed) this.stop();
  }

  private stop(): void {
    this.stopped = true;
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    this.counters.dropped.shutdown += this.queue.clear() + this.pending.length;
    this.pending = [];
    this.parts.sender?.close();
  }

  private serializePending(): void {
    this.serializeScheduled = false;
    if (this.stopped || this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    const problems: SerializeProblem[] = [];
    for (const item of items) {
      const serialized = serializeItem(item, this.parts.mask, this.parts.options.maxItemBytes, problems);
      if (serialized === null) this.counters.dropped.tooLarge++;
      else this.counters.dropped.queueFull += this.queue.push(serialized);
    }
    for (const problem of problems) this.reportProblem(problem);
    if (this.queue.length >= this.parts.options.maxBatchSize || this.queue.bytes >= this.parts.options.maxBatchBytes) this.kick(false);
    else this.armTimer();
  }

  private reportProblem(problem: SerializeProblem): void {
    if (problem.kind === 'mask-failed') {
      const message = `the mask hook threw on ${problem.field}; the field was replaced by a marker: ${(problem.error as Error)?.message ?? String(problem.error)}`;
      this.parts.report(new GenchiError('mask-failed', message, { cause: problem.error }));
    } else {
      this.parts.report(new GenchiError('record-dropped', `a record of ${problem.bytes} bytes stays over maxItemBytes once cut down; dropped`, { records: 1 }));
    }
  }

  private armTimer(): void {
    if (this.timer !== null || this.queue.length === 0 || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick(true);
    }, this.parts.options.flushIntervalMs);
    if (!this.holdProcess) this.timer.unref();
  }

  /** Starts the send loop unless one runs: `all` sends partial batches too, else only full ones. */
  private kick(all: boolean): void {
    if (this.sending !== null || this.stopped) return;
    this.sending = this.sendLoop(all).finally(() => {
      this.sending = null;
      this.armTimer();
    });
  }

  /**
   * Sends full batches while there are; with `all`, also the records queued when it started, in
   * partial batches (records arriving meanwhile wait for a full batch or the next tick, so that a
   * steady trickle is not sent as a stream of tiny requests).
   */
  private async sendLoop(all: boolean): Promise<void> {
    const { maxBatchSize, maxBatchBytes } = this.parts.options;
    let partial = all ? this.queue.length : 0;
    while (!this.stopped && this.queue.length > 0) {
      if (partial <= 0 && this.queue.length < maxBatchSize && this.queue.bytes < maxBatchBytes) return;
      const batch = this.queue.take(maxBatchSize, maxBatchBytes);
      partial -= batch.length;
      await this.sendBatch(batch.map((item) => item.json));
    }
  }

  private async drain(): Promise<void> {
    this.serializePending();
    while (!this.stopped && (this.queue.length > 0 || this.sending !== null)) {
      if (this.sending === null) this.kick(true);
      await this.sending;
    }
  }

  private async sendBatch(items: string[]): Promise<void> {
    const sender = this.parts.sender as HttpSender;
    const body = `{"sdk":${JSON.stringify(this.parts.sdk)},"batch":[${items.join(',')}]}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await sender.post(body, this.abort.signal, this.holdProcess);
      if (this.stopped) {
        this.counters.dropped.shutdown += items.length;
        return;
      }
      if (!this.isRetryable(outcome)) return this.settle(outcome, items.length);
      if (attempt >= this.parts.options.maxRetries) {
        this.counters.dropped.failed += items.length;
        this.parts.report(new GenchiError('export-failed', `a batch of ${items.length} records was dropped after ${attempt + 1} tries: ${describeOutcome(outcome)}`, failureDetails(outcome, items.length)));
        return;
      }
      this.counters.retries++;
      const retryAfter = 'status' in outcome ? retryAfterMs(outcome.retryAfter) : null;
      await this.wait(backoffMs(attempt + 1, this.parts.options, retryAfter));
    }
  }

  private isRetryable(outcome: SendOutcome): boolean {
    return 'networkError' in outcome || retryableStatuses.has(outcome.status);
  }

  private settle(outcome: SendOutcome, count: number): void {
    if (!('status' in outcome)) return;
    if (outcome.status >= 200 && outcome.status < 300) {
      const rejected = outcome.status === 207 ? rejectedItems(outcome.body) : { count: 0, first: '' };
      this.counters.sent += count - rejected.count;
      this.counters.batches++;
      if (rejected.count > 0) {
        this.counters.dropped.failed += rejected.count;
        this.parts.report(new GenchiError('export-partial', `genchi refused ${rejected.count} of ${count} records: ${rejected.first}`, { status: 207, records: rejected.count }));
      }
      return;
    }
    this.counters.dropped.failed += count;
    this.parts.report(new GenchiError('export-rejected', `genchi refused a batch of ${count} records (not retried): ${describeOutcome(outcome)}`, { status: outcome.status, records: count }));
  }

  private wait(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, milliseconds);
      if (!this.holdProcess) timer.unref();
      const signal = this.abort.signal;
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}

function describeOutcome(outcome: SendOutcome): string {
  if ('networkError' in outcome) return outcome.networkError.message;
  let message = outcome.body.slice(0, 300);
  try {
    const parsed = JSON.parse(outcome.body) as { error?: { message?: string } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // not JSON: the start of the body says enough
  }
  return `HTTP ${outcome.status}: ${message}`;
}

function failureDetails(outcome: SendOutcome, records: number): { status?: number; records: number; cause?: unknown } {
  return 'status' in outcome ? { status: outcome.status, records } : { records, cause: outcome.networkError };
}

function rejectedItems(body: string): { count: number; first: string } {
  try {
    const parsed = JSON.parse(body) as { rejected?: number; results?: Array<{ status?: string; error?: string }> };
    const first = parsed.results?.find((result) => result.status === 'rejected')?.error ?? '';
    return { count: typeof parsed.rejected === 'number' ? parsed.rejected : 0, first };
  } catch {
    return { count: 0, first: '' };
  }
}
