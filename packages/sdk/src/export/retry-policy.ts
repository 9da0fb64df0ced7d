/** How the exporter answers each outcome of a send, as data. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Settings of the backoff between tries. */
export interface BackoffOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** Seconds or an HTTP date of a `Retry-After` header, as milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (header === undefined || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The wait before try `attempt` (1 = the first retry): exponential, with random jitter over its upper half, capped; a
 * server's `Retry-After` is honoured (up to the cap, and never undercut by the jitter).
 */
export function backoffMs(attempt: number, options: BackoffOptions, retryAfter: number | null, random = Math.random): number {
  const ceiling = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  if (retryAfter === null) return jittered;
  return Math.min(options.maxBackoffMs, Math.max(retryAfter, 0) + random() * Math.min(1000, ceiling / 4));
}
