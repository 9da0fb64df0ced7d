/** How the exporter batches, bounds and sends; every field has a default. */
export interface ExporterOptions {
  /** Records per request at most (default 100). */
  maxBatchSize?: number;
  /** Bytes of JSON per request at most, before compression (default 2 MiB). */
  maxBatchBytes?: number;
  /** A partial batch is sent after this many milliseconds (default 1000). */
  flushIntervalMs?: number;
  /** Records held at most; beyond it the oldest are dropped and counted (default 10,000). */
  maxQueueSize?: number;
  /** Bytes held at most; beyond it the oldest are dropped and counted (default 16 MiB). */
  maxQueueBytes?: number;
  /** A record larger than this has its largest data fields cut down, and is dropped if it still does not fit (default 1 MiB). */
  maxItemBytes?: number;
  /** A request without an answer by then is abandoned and retried (default 10,000). */
  requestTimeoutMs?: number;
  /** Retries of a batch after 429/502/503/504 or a network fault, before it is dropped (default 5). */
  maxRetries?: number;
  /** First wait between tries; it doubles each retry (default 500). */
  initialBackoffMs?: number;
  /** Longest wait between tries, `Retry-After` included (default 30,000). */
  maxBackoffMs?: number;
  /** How long a process that exits normally waits to send what it holds (default 2,000). */
  exitFlushTimeoutMs?: number;
  /** gzip request bodies (default true). */
  gzip?: boolean;
}

/** Exporter options with every default filled in. */
export type ResolvedExporterOptions = Required<ExporterOptions>;

/** The defaults of {@link ExporterOptions}. */
export const exporterDefaults: ResolvedExporterOptions = {
  maxBatchSize: 100,
  maxBatchBytes: 2 * 1024 * 1024,
  flushIntervalMs: 1000,
  maxQueueSize: 10_000,
  maxQueueBytes: 16 * 1024 * 1024,
  maxItemBytes: 1024 * 1024,
  requestTimeoutMs: 10_000,
  maxRetries: 5,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  exitFlushTimeoutMs: 2_000,
  gzip: true,
};

/** Why records were dropped, counted since the start. */
export interface DropCounts {
  /** The queue was full (count or bytes): the oldest records went. */
  queueFull: number;
  /** The server refused the batch (400/401/403/413) or a retryable fault outlasted the retries. */
  failed: number;
  /** Too large even once cut down. */
  tooLarge: number;
  /** Recorded after `shutdown()`, or still queued when it timed out. */
  shutdown: number;
  /** The SDK has no API key (or was disabled). */
  disabled: number;
}

/** What the exporter has done so far. */
export interface ExporterStats {
  queued: number;
  queuedBytes: number;
  sent: number;
  batches: number;
  retries: number;
  dropped: DropCounts;
}

/** What `flush()` and `shutdown()` resolve with: whether everything was sent in time, and what still waits. */
export interface FlushResult {
  completed: boolean;
  pending: number;
}

/** Exporter options with their defaults, each checked to be a positive number (bad ones fall back to the default). */
export function resolveExporterOptions(options: ExporterOptions | undefined): ResolvedExporterOptions {
  const resolved = { ...exporterDefaults };
  for (const key of Object.keys(exporterDefaults) as Array<keyof ExporterOptions>) {
    const value = options?.[key];
    if (key === 'gzip') {
      if (typeof value === 'boolean') resolved.gzip = value;
    } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      (resolved as Record<string, number | boolean>)[key] = value;
    }
  }
  return resolved;
}
